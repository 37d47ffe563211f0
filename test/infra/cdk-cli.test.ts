import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_CHAT_ID } from '../../infra/stack.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cdk = join(root, 'node_modules', '.bin', 'cdk');
const run = promisify(execFile);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lightsail-guard-cdk-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** `cdk synth -q` as a user runs it, into a scratch output directory; no version check (no network). */
async function synth(...context: string[]): Promise<{ code: number; output: string; stderr: string }> {
  const args = [
    'synth',
    '-q',
    '-o',
    await mkdtemp(join(scratch, 'out-')),
    ...context.flatMap((c) => ['-c', c]),
  ];
  const env = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' };
  return run(cdk, args, { cwd: root, env, encoding: 'utf8' }).then(
    (ok) => ({ code: 0, output: `${ok.stdout}${ok.stderr}`, stderr: ok.stderr }),
    (failed: { code: number; stdout: string; stderr: string }) => ({
      code: failed.code,
      output: `${failed.stdout}${failed.stderr}`,
      stderr: failed.stderr,
    }),
  );
}

/*
 * cdk.json sets every feature flag aws-cdk-lib reports (`npx cdk flags --unstable=flags`), at its
 * recommended value except three, which keep what the stack is tested with and the template as it
 * was:
 * - `@aws-cdk/aws-iam:minimizePolicies` false: minimizing sorts and merges the role's statements,
 *   so the deployed policy would no longer read as infra/policy.ts and the README print it;
 * - `@aws-cdk/core:enableAdditionalMetadataCollection` false: it only widens the CDKMetadata
 *   resource (what the stack's constructs are and how they are configured, sent to AWS);
 * - `@aws-cdk/core:annotationsInValidationReport` false: true makes synthesis throw on an error
 *   annotation, so `cdk destroy` could no longer remove the stack from a clone without settings.
 */
describe('cdk synth, as the README runs it', () => {
  it('prints no "feature flags are not configured" line: cdk.json sets every flag', async () => {
    const done = await synth('settingsFile=deploy.settings.example.json', 'telegramChatId=-1001234567890');

    expect(done.code).toBe(0);
    expect(done.output).not.toMatch(/feature flags/i);
  }, 120_000);

  it('without an alert channel, stops with one plain sentence, not a located annotation', async () => {
    const settings = join(scratch, 'no-channel.json');
    await writeFile(settings, JSON.stringify({ reportTimeZone: 'Asia/Shanghai' }));

    const done = await synth(`settingsFile=${settings}`);

    expect(done.code).not.toBe(0);
    expect(done.stderr).toContain(`lightsail-guard deploy settings: ${MISSING_CHAT_ID}\n`);
    expect(done.output).not.toMatch(/Construct Annotations|Rule Annotation|error-annotation|stack\.ts:\d/);
  }, 120_000);
});
