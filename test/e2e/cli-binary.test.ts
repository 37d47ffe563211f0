import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceAt, runBinary, startWorld, type World } from './harness.js';

describe('the lightsail-guard binary', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('stops an instance over the threshold in another region and alerts in HTML Telegram accepts', async () => {
    world = await startWorld([
      instanceAt('proxy_eu.lon_01', 'eu-west-2', 0.97),
      instanceAt('web_1', 'us-east-1', 0.3),
    ]);

    const run = await runBinary(world, ['check']);

    expect(run.code).toBe(0);
    expect(world.lightsail.instance('eu-west-2', 'proxy_eu.lon_01')?.state).toBe('stopped');
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('running');
    expect(run.stdout).toMatch(
      /proxy_eu\.lon_01\s+eu-west-2\s+stopped\s+993\.28\s+1024\.00\s+97\.0%\s+stopped/,
    );
    expect(world.telegram.messages).toHaveLength(1);
    const alert = world.telegram.messages[0];
    expect(alert?.parseMode).toBe('HTML');
    expect(alert?.text).toContain('<code>proxy_eu.lon_01</code> in eu-west-2');
    expect(alert?.text).toContain('993.28 of 1024.00 GB used (97.0%)');
    expect(alert?.text).toContain('Stop call succeeded');
  });

  it('exits 2 on a bad setting, naming it, without calling AWS or Telegram', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.99)]);

    const run = await runBinary(world, ['check'], { QUOTA_PERCENT: 'ninety' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('QUOTA_PERCENT must be a number greater than 0');
    expect(world.lightsail.stats().total).toBe(0);
    expect(world.telegram.requests).toBe(0);
  });

  it('exits 2 on an unknown command and points to --help', async () => {
    const run = await runBinary(undefined, ['chek']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "chek"');
    expect(run.stderr).toContain('--help');
  });

  it('exits 2 on a --timeout that is not a positive number of seconds', async () => {
    for (const bad of ['0', '-5', 'soon']) {
      const run = await runBinary(undefined, ['status', `--timeout=${bad}`]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--timeout must be a number of seconds greater than 0; got "${bad}"`);
    }
  });

  it('explains commands, settings and exit codes in --help', async () => {
    const run = await runBinary(undefined, ['--help']);

    expect(run.code).toBe(0);
    for (const text of [
      'check',
      'report',
      'status',
      '--dry-run',
      '--json',
      '--timeout',
      'QUOTA_PERCENT',
      'Exit codes',
    ]) {
      expect(run.stdout).toContain(text);
    }
  });

  it('exits 1 when Telegram refuses the bot, without printing the token', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.99)]);
    const wrongToken = '999999:TEST-wrong-token-not-real_abcdefghij';

    const run = await runBinary(world, ['check'], { TELEGRAM_BOT_TOKEN: wrongToken });

    expect(run.code).toBe(1);
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('stopped');
    expect(run.stdout).toContain('401');
    expect(run.stdout + run.stderr).not.toContain(wrongToken);
    expect(run.stdout + run.stderr).not.toContain('TEST-wrong-token');
  });

  it('without AWS credentials, says how to provide them instead of printing an empty table', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5)]);
    const home = await mkdtemp(join(tmpdir(), 'lightsail-guard-no-credentials-'));
    // Only the endpoint and region of the world: no keys, no profile, no files, and no instance
    // metadata service (which would be a call beyond loopback).
    const noCredentials = {
      HOME: home,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_LIGHTSAIL: world.lightsail.endpoint,
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };

    const run = await runBinary(undefined, ['status'], noCredentials);
    await rm(home, { recursive: true, force: true });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no AWS credentials found');
    expect(run.stderr).toContain('AWS_PROFILE');
    expect(run.stderr).toContain('aws configure');
    expect(run.stdout).not.toContain('No monitored instances found');
    expect(world.lightsail.stats().total).toBe(0);
  });

  it('names an AWS_PROFILE that does not exist, and the profiles that do', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5)]);
    const home = await mkdtemp(join(tmpdir(), 'lightsail-guard-no-profile-'));
    const config = join(home, 'config');
    await writeFile(config, '[default]\nregion = us-east-1\n\n[profile work]\nregion = eu-west-2\n');
    const env = {
      HOME: home,
      AWS_PROFILE: 'proxies',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_LIGHTSAIL: world.lightsail.endpoint,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };

    const run = await runBinary(undefined, ['status'], env);
    await rm(home, { recursive: true, force: true });

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `lightsail-guard: configuration error: AWS_PROFILE is "proxies", but neither ${config} nor ${env.AWS_SHARED_CREDENTIALS_FILE} has that profile; the profiles there: default, work. Fix the name (aws configure list-profiles lists them), or create it: aws configure --profile proxies\n`,
    );
    expect(world.lightsail.stats().total).toBe(0);
  });
});
