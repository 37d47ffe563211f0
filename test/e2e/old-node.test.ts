import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeTooOld } from '../../src/node-version.js';
import { machineNode } from '../support/machine-node.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const pretendNode20 = fileURLToPath(new URL('../support/pretend-node-20.mjs', import.meta.url));

/** The binary run by `node` with `args`; no NODE_NO_WARNINGS, so a warning would show. */
function run(node: string, args: readonly string[]) {
  const done = spawnSync(node, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: done.status, stdout: done.stdout, stderr: done.stderr };
}

describe('the lightsail-guard binary on an older Node.js', () => {
  it('prints one line naming the Node.js it needs and the one it found, and exits 2, before any of the AWS SDK loads', () => {
    const result = run(process.execPath, ['--import', pretendNode20, cli, 'status']);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe('lightsail-guard needs Node.js 22 or newer; this is 20.20.2.\n');
    expect(result.stdout).toBe('');
  });

  it('on the machine’s own node, runs when it is 22 or newer, and otherwise says so in that one line', () => {
    const node = machineNode();

    const result = run(node.path, [cli, '--version']);

    const tooOld = nodeTooOld(node.version);
    if (tooOld === undefined) {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    } else {
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`${tooOld}\n`);
      expect(result.stdout).toBe('');
    }
    expect(result.stderr).not.toContain('NodeVersionSupportWarning');
  });
});
