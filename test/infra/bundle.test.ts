import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda, LAMBDA_ASSET_BUDGET_BYTES } from '../../infra/bundling.js';
import { writeZip } from '../../infra/zip.js';
import { startLightsailSimulator } from '../../sim/lightsail/index.js';
import { startFakeTelegram } from '../../sim/telegram/index.js';
import { startFakeSsm } from '../support/fake-ssm.js';
import { synthStack } from './synth.js';

const CHAT_ID = '-1001234567890';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

// One real synthesis with esbuild bundling (the slow part), shared by the tests below.
let assetDir: string;
let scratch: string;
let assemblyDir: string;
let template: Template;

beforeAll(async () => {
  const synthesized = synthStack({ telegramChatId: CHAT_ID }, { bundle: true });
  const { app } = synthesized;
  template = synthesized.template;
  const assembly = app.synth();
  assemblyDir = assembly.directory;
  const assets = (await readdir(assembly.directory)).filter((name) => name.startsWith('asset.'));
  expect(assets).toHaveLength(1);
  assetDir = join(assembly.directory, assets[0] ?? '');
  scratch = await mkdtemp(join(tmpdir(), 'lightsail-guard-bundle-'));
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await rm(assemblyDir, { recursive: true, force: true });
});

describe('the deployed asset', () => {
  it('is a single self-contained index.mjs', async () => {
    expect(await readdir(assetDir)).toEqual(['index.mjs']);
  });

  it('stays within the 650 KB budget that npm run bench reports against', async () => {
    const { size } = await stat(join(assetDir, 'index.mjs'));

    expect(LAMBDA_ASSET_BUDGET_BYTES).toBe(650_000);
    expect(size).toBeLessThanOrEqual(LAMBDA_ASSET_BUDGET_BYTES);
  });

  it('loads with plain node outside the repository and exports the handler', async () => {
    // Outside the repository no node_modules can be found: anything not bundled would fail here.
    await copyFile(join(assetDir, 'index.mjs'), join(scratch, 'index.mjs'));
    const probe = "const m = await import('./index.mjs'); console.log(typeof m.handler);";

    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], { cwd: scratch });

    expect(stdout.trim()).toBe('function');
  });

  it('is byte for byte what npm run package zips for console users', async () => {
    const packaged = await bundleLambda(root, join(scratch, 'package'));
    const fromScript = await readFile(packaged);

    expect(fromScript.equals(await readFile(join(assetDir, 'index.mjs')))).toBe(true);
  });
});

/** The function's environment and the schedules' inputs, exactly as the template deploys them. */
function deployed(): { environment: Record<string, string>; inputs: string[] } {
  const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
    (resource) => resource.Properties.Handler === 'index.handler',
  );
  const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule'));
  return {
    environment: functions[0]?.Properties.Environment.Variables ?? {},
    inputs: schedules.map((schedule) => String(schedule.Properties.Target.Input)),
  };
}

// Invokes the copied asset's handler with each input in a fresh `node`, and prints the outcomes.
const INVOKE = `
const { handler } = await import('./index.mjs');
const outcomes = [];
for (const input of JSON.parse(process.argv[1])) {
  try {
    const result = await handler(JSON.parse(input));
    outcomes.push({ ok: true, command: result.command, exitCode: result.exitCode });
  } catch (error) {
    outcomes.push({ ok: false, message: error.message });
  }
}
console.log('OUTCOMES ' + JSON.stringify(outcomes));
`;

describe("the deployed asset, invoked with the schedules' own inputs", () => {
  it('reads the token from SSM, stops the instance over the threshold, and sends the report', async () => {
    const { environment, inputs } = deployed();
    const lightsail = await startLightsailSimulator({
      regions: ['us-east-1', 'eu-west-2'],
      instances: [
        { name: 'proxy_1', region: 'eu-west-2', traffic: { inBytes: 500e9, outBytes: 500e9 } },
        { name: 'web_1', region: 'us-east-1', traffic: { inBytes: 10e9, outBytes: 10e9 } },
      ],
    });
    const telegram = await startFakeTelegram();
    const ssm = await startFakeSsm({ [environment.TELEGRAM_BOT_TOKEN_PARAMETER ?? '']: telegram.token });
    await copyFile(join(assetDir, 'index.mjs'), join(scratch, 'index.mjs'));
    try {
      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '-e', INVOKE, JSON.stringify(inputs)],
        {
          cwd: scratch,
          env: {
            PATH: process.env.PATH ?? '',
            NODE_NO_WARNINGS: '1',
            // The run's non-UTC zone reaches the asset too: Lambda runs in UTC, the guard must not care.
            ...(process.env.TZ === undefined ? {} : { TZ: process.env.TZ }),
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: 'AKIDTESTNOTREAL',
            AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
            AWS_ENDPOINT_URL_LIGHTSAIL: lightsail.endpoint,
            AWS_ENDPOINT_URL_SSM: ssm.endpoint,
            TELEGRAM_API_ROOT: telegram.apiRoot,
            ...environment,
          },
        },
      );

      const outcomes = JSON.parse(stdout.split('OUTCOMES ')[1] ?? '[]');
      expect(inputs).toHaveLength(2);
      expect(outcomes.map((outcome: { command: string }) => outcome.command).sort()).toEqual([
        'check',
        'report',
      ]);
      expect(
        outcomes.every((outcome: { ok: boolean; exitCode: number }) => outcome.ok && outcome.exitCode === 0),
      ).toBe(true);
      expect(lightsail.instance('eu-west-2', 'proxy_1')?.state).toBe('stopped');
      expect(lightsail.instance('us-east-1', 'web_1')?.state).toBe('running');
      const texts = telegram.messages.map((message) => message.text).join('\n');
      expect(texts).toContain('<b>Stopped</b> <code>proxy_1</code> in eu-west-2');
      expect(texts).toContain('Lightsail data transfer');
      expect(telegram.messages.every((message) => message.chatId === CHAT_ID)).toBe(true);
      expect(ssm.received).toHaveLength(1);
    } finally {
      await Promise.all([lightsail.close(), telegram.close(), ssm.close()]);
    }
  });
});

describe('writeZip', () => {
  it('stores the file so that it inflates back to the same bytes', () => {
    const data = Buffer.from('export const handler = async () => 42;\n'.repeat(50));

    const zip = writeZip([{ name: 'index.mjs', data }]);

    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = zip.readUInt16LE(26);
    const compressedSize = zip.readUInt32LE(18);
    expect(zip.subarray(30, 30 + nameLength).toString()).toBe('index.mjs');
    const body = zip.subarray(30 + nameLength, 30 + nameLength + compressedSize);
    expect(inflateRawSync(body).equals(data)).toBe(true);
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
  });
});
