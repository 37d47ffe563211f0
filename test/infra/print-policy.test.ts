import { exec, execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPolicyDocument, printablePolicyDocument } from '../../infra/policy.js';
import { POLICY_HELP, printPolicy } from '../../scripts/print-policy.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lightsail-guard-policy-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** `printPolicy` with its output collected. */
function policy(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = printPolicy(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Done {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const settle = (promise: Promise<{ stdout: string; stderr: string }>): Promise<Done> =>
  promise.then(
    (ok) => ({ code: 0, ...ok }),
    (failed: Done) => ({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
  );

/** `npm run -s policy -- ...args`, as a user types it. */
const npmPolicy = (...args: string[]): Promise<Done> =>
  settle(promisify(execFile)('npm', ['run', '-s', 'policy', '--', ...args], { cwd: root, encoding: 'utf8' }));

describe('npm run policy, as a user runs it', () => {
  it('prints its help with --help', async () => {
    const done = await npmPolicy('--help');

    expect(done.code).toBe(0);
    expect(done.stdout.trimEnd()).toBe(POLICY_HELP);
  }, 60_000);

  it('names an unknown option and the one meant in one line, exit code 2, no stack trace', async () => {
    const done = await npmPolicy('--acount', '123456789012');

    expect(done.code).toBe(2);
    expect(done.stderr).toBe(
      'npm run policy: unknown option --acount; did you mean --account?\nRun "npm run -s policy -- --help" for the options.\n',
    );
    expect(done.stdout).toBe('');
  }, 60_000);

  it('redirected with -s, writes a file that is the policy as JSON', async () => {
    const file = join(scratch, 'cli-policy.json');

    const done = await settle(
      promisify(exec)(`npm run -s policy -- --cli --account 123456789012 > "${file}"`, {
        cwd: root,
        encoding: 'utf8',
      }),
    );

    expect(done.code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(cliPolicyDocument('aws', '123456789012'));
  }, 60_000);
});

describe('printPolicy', () => {
  it('writes only the JSON to the file --output names, and says so on stderr', async () => {
    const file = join(scratch, 'guard-policy.json');

    const done = policy('--account', '123456789012', '--region', 'eu-west-2', '--output', file);

    expect(done).toEqual({ code: 0, out: '', err: `npm run policy: wrote ${file}` });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(
      printablePolicyDocument({ account: '123456789012', region: 'eu-west-2' }),
    );
  });

  it.each(['12', '1234567890123', '12345678901a', 'arn:aws:iam::123456789012:root'])(
    'refuses --account %s: an account id is exactly 12 digits',
    (account) => {
      const done = policy('--account', account);

      expect(done.code).toBe(2);
      expect(done.out).toBe('');
      expect(done.err).toContain(`--account must be the 12-digit AWS account id`);
      expect(done.err).toContain(`got "${account}"`);
    },
  );

  it('accepts an account id with leading zeros', () => {
    const done = policy('--cli', '--account', '012345678901');

    expect(done.code).toBe(0);
    expect(done.out).toContain('arn:aws:lightsail:*:012345678901:Instance/*');
  });

  it.each([
    [['--account'], 'npm run policy: --account needs a value'],
    [['--cli=yes'], 'npm run policy: --cli takes no value'],
    [['123456789012'], 'npm run policy: unexpected argument "123456789012"'],
    [['--regoin', 'eu-west-2'], 'npm run policy: unknown option --regoin; did you mean --region?'],
    [['--verbose'], 'npm run policy: unknown option --verbose\n'],
  ])('says what is wrong with %j in one line, with exit code 2', (argv, message) => {
    const done = policy(...argv);

    expect(done.code).toBe(2);
    expect(done.err).toContain(message);
    expect(done.err).not.toMatch(/ERR_PARSE_ARGS|\n\s+at /);
  });
});
