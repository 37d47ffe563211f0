#!/usr/bin/env node
/**
 * The `lightsail-guard` binary (package.json `bin`: `dist/cli.js`). It checks the Node.js version
 * before anything else loads: a module's static imports run before its own code, and the AWS
 * SDK's would print their Node-version warning first. So the check is the only static import,
 * and the CLI (`cli-main.ts`) is imported once it has passed. With `lambda.ts`, the only place
 * that reads the process's environment.
 */
import { nodeTooOld } from './node-version.js';

const tooOld = nodeTooOld(process.versions.node);
if (tooOld !== undefined) {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 2;
} else {
  const { main } = await import('./cli-main.js');
  process.exitCode = await main(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    errIsTTY: process.stderr.isTTY === true,
  });
}
