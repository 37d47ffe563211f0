/**
 * Preloaded (`node --import`) into the binary by the old-Node test: makes Node 22 report itself
 * as 20.20.2, as `process.versions.node` and `process.version` (where the AWS SDK reads it), and
 * writes `resolved <specifier>` to stderr for every `@aws-sdk/*` import, so the test sees whether
 * anything of the SDK loaded before the version check stopped the run.
 */
import { registerHooks } from 'node:module';

Object.defineProperty(process.versions, 'node', { value: '20.20.2' });
Object.defineProperty(process, 'version', { value: 'v20.20.2' });
registerHooks({
  resolve(specifier, context, next) {
    if (specifier.startsWith('@aws-sdk/')) process.stderr.write(`resolved ${specifier}\n`);
    return next(specifier, context);
  },
});
