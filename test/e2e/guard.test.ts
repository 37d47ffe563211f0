import { afterEach, describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { instanceAt, levelAt, runInProcess, startWorld, type World } from './harness.js';

describe('check against the Lightsail simulator', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  it('sends nothing on a second check when nothing changed', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.85), instanceAt('db_1', 'eu-west-2', 0.2)]);

    const first = await runInProcess(world, ['check']);
    const second = await runInProcess(world, ['check']);

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(world.telegram.messages).toHaveLength(1);
    expect(world.telegram.messages[0]?.text).toContain('80% warning');
    expect(world.lightsail.instance('us-east-1', 'web_1')?.tags[TAGS.alerted]).toMatch(/^\d{4}-\d{2}:80$/);
  });

  it('warns again at the next level once usage crosses it', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.85)]);
    await runInProcess(world, ['check']);
    world.lightsail.setShape('us-east-1', 'web_1', levelAt(0.92));

    const run = await runInProcess(world, ['check']);

    expect(run.code).toBe(0);
    expect(world.telegram.messages.map((message) => message.text)).toEqual([
      expect.stringContaining('80% warning'),
      expect.stringContaining('90% warning'),
    ]);
  });

  it('reads usage only for running instances and makes no other reads', async () => {
    world = await startWorld([
      instanceAt('a', 'us-east-1', 0.1),
      instanceAt('b', 'us-east-1', 0.1),
      instanceAt('c', 'eu-west-2', 0.99, { state: 'stopped' }),
    ]);

    const run = await runInProcess(world, ['check']);

    const calls = world.lightsail.stats().calls;
    expect(run.code).toBe(0);
    expect(calls).toEqual({ GetRegions: 1, GetInstances: 3, GetInstanceMetricData: 4 });
    expect(world.lightsail.instance('eu-west-2', 'c')?.state).toBe('stopped');
  });

  it('treats an empty metric answer as unknown usage, never 0%, and still stops the others', async () => {
    world = await startWorld([
      instanceAt('blind_1', 'us-east-1', 0.99),
      instanceAt('hot_1', 'eu-west-2', 0.98),
    ]);
    world.lightsail.injectFault({ kind: 'empty-metric', instanceName: 'blind_1' });

    const run = await runInProcess(world, ['check']);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/blind_1\s+us-east-1\s+running\s+\?\s+1024\.00\s+unknown\s+usage unknown/);
    expect(run.stdout).toContain('Problems (exit code 1)');
    expect(world.lightsail.instance('us-east-1', 'blind_1')?.state).toBe('running');
    expect(world.lightsail.instance('eu-west-2', 'hot_1')?.state).toBe('stopped');
    const text = world.telegram.messages.map((message) => message.text).join('\n');
    expect(text).toContain('<b>Usage unknown</b> <code>blind_1</code> in us-east-1');
    expect(text).toContain('<b>Stopped</b> <code>hot_1</code> in eu-west-2');
  });

  it.each([
    ['an absent metricData', { kind: 'absent-metric' as const }, 'no metricData'],
    ['an API error', { kind: 'access-denied' as const }, 'AccessDeniedException'],
  ])('treats %s as unknown usage and exits 1', async (_name, fault, reason) => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.99)]);
    world.lightsail.injectFault({ ...fault, op: 'GetInstanceMetricData' });

    const run = await runInProcess(world, ['check', '--json']);

    const result = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(result.instances[0]).toMatchObject({ name: 'web_1', usedBytes: null, percent: null });
    expect(result.instances[0].unknownReason).toContain(reason);
    expect(world.telegram.messages[0]?.text).toContain('Usage unknown');
  });

  it('rides out throttling through the SDK retries', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.99)]);
    world.lightsail.injectFault({ kind: 'throttle', op: 'GetInstanceMetricData', times: 3 });
    world.lightsail.injectFault({ kind: 'server-error', op: 'GetInstances', times: 1 });

    const run = await runInProcess(world, ['check']);

    expect(run.code).toBe(0);
    expect(world.lightsail.stats().throttled).toBe(3);
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('stopped');
  });

  it("paces its requests under a region's rate limit with --requests-per-second, so nothing is throttled", async () => {
    const fleet = Array.from({ length: 20 }, (_, index) => instanceAt(`node_${index}`, 'us-east-1', 0.5));
    world = await startWorld(fleet, ['us-east-1'], { rateLimit: { perSecond: 20, burst: 20 } });

    const paced = await runInProcess(world, [
      'status',
      '--regions',
      'us-east-1',
      '--requests-per-second',
      '18',
    ]);
    const pacedThrottles = world.lightsail.stats().throttled;
    world.lightsail.resetStats();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const unpaced = await runInProcess(world, ['status', '--regions', 'us-east-1']);

    expect(paced.code).toBe(0);
    expect(pacedThrottles).toBe(0);
    expect(unpaced.code).toBe(0);
    expect(world.lightsail.stats().throttled).toBeGreaterThan(0);
  });

  it('names a region that cannot be read, exits 1, and still guards the other regions', async () => {
    world = await startWorld([
      instanceAt('web_1', 'ap-south-1', 0.5),
      instanceAt('web_2', 'eu-west-2', 0.99),
    ]);
    world.lightsail.injectFault({ kind: 'access-denied', op: 'GetInstances', region: 'ap-south-1' });

    const run = await runInProcess(world, ['check']);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('ap-south-1: could not list instances: AccessDeniedException');
    expect(world.lightsail.instance('eu-west-2', 'web_2')?.state).toBe('stopped');
    expect(world.telegram.messages[0]?.text).toContain('<b>Region not checked</b> ap-south-1');
  });

  it('pages through GetInstances and checks every instance of a large region', async () => {
    const fleet = Array.from({ length: 60 }, (_, index) => instanceAt(`node_${index}`, 'us-east-1', 0.5));
    world = await startWorld(fleet, ['us-east-1']);

    const run = await runInProcess(world, ['status', '--json']);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).instances).toHaveLength(60);
    expect(world.lightsail.stats().calls.GetInstances).toBe(3);
  });

  it('checks only the regions in REGIONS, without GetRegions', async () => {
    world = await startWorld([instanceAt('a', 'us-east-1', 0.99), instanceAt('b', 'eu-west-2', 0.99)]);

    const run = await runInProcess(world, ['check', '--regions', 'eu-west-2']);

    expect(run.code).toBe(0);
    expect(world.lightsail.stats().calls.GetRegions).toBeUndefined();
    expect(world.lightsail.instance('eu-west-2', 'b')?.state).toBe('stopped');
    expect(world.lightsail.instance('us-east-1', 'a')?.state).toBe('running');
  });

  it('names a REGIONS entry that is not a Lightsail region as such, GetRegions asked once it failed', async () => {
    world = await startWorld([instanceAt('b', 'eu-west-2', 0.2)]);

    const run = await runInProcess(world, ['status', '--regions', 'eu-west-2,us-east-9']);

    expect(run.code).toBe(1);
    expect(`${run.stdout}\n${run.stderr}`).toMatch(
      /us-east-9\b.*not a Lightsail region \(REGIONS; GetRegions lists [a-z0-9-, ]*eu-west-2/,
    );
    expect(`${run.stdout}\n${run.stderr}`).not.toContain('UnrecognizedClientException');
    expect(world.lightsail.stats().calls.GetRegions).toBe(1);
  });

  it('names a mistyped sole REGIONS entry as not a Lightsail region, asking GetRegions elsewhere', async () => {
    world = await startWorld([instanceAt('b', 'eu-west-2', 0.2)]);

    const run = await runInProcess(world, ['status', '--regions', 'us-east-9']);

    expect(run.code).toBe(1);
    expect(`${run.stdout}\n${run.stderr}`).toMatch(
      /us-east-9\b.*not a Lightsail region \(REGIONS; GetRegions lists /,
    );
    expect(`${run.stdout}\n${run.stderr}`).not.toContain('UnrecognizedClientException');
  });

  it('monitors only INSTANCES_TO_MONITOR and names a listed instance that exists nowhere', async () => {
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.99),
      instanceAt('web_2', 'eu-west-2', 0.99),
    ]);

    const run = await runInProcess(world, ['check'], { INSTANCES_TO_MONITOR: ' web_2 , ghost_9 ' });

    expect(run.code).toBe(1);
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('running');
    expect(world.lightsail.instance('eu-west-2', 'web_2')?.state).toBe('stopped');
    expect(run.stdout).toContain('not found in any checked region: ghost_9');
    expect(world.telegram.messages[0]?.text).toContain('<code>ghost_9</code>');
  });

  it('stops nothing and sends nothing in a dry run, but names what it would do', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.99)]);

    const run = await runInProcess(world, ['check', '--dry-run'], {
      TELEGRAM_BOT_TOKEN: '',
      TELEGRAM_CHAT_ID: '',
    });

    expect(run.code).toBe(0);
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('running');
    expect(world.lightsail.stats().calls.StopInstance).toBeUndefined();
    expect(world.lightsail.stats().calls.TagResource).toBeUndefined();
    expect(world.telegram.requests).toBe(0);
    expect(run.stdout).toContain('would stop (dry run)');
    expect(run.stdout).toContain('Would stop web_1 in us-east-1');
  });

  it('keeps running an instance the user tagged for this month, and says so once', async () => {
    const month = new Date().toISOString().slice(0, 7);
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.99, { tags: { [TAGS.keepRunning]: month } }),
    ]);

    await runInProcess(world, ['check']);
    await runInProcess(world, ['check']);

    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('running');
    expect(world.telegram.messages).toHaveLength(1);
    expect(world.telegram.messages[0]?.text).toContain('Over threshold, kept running');
  });

  it('re-sends a stop alert that Telegram refused, once Telegram takes it', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.99)]);

    const down = await runInProcess(world, ['check'], {
      TELEGRAM_BOT_TOKEN: '999999:TEST-revoked-token-not-real_abcdefg',
    });
    const back = await runInProcess(world, ['check']);

    expect(down.code).toBe(1);
    expect(down.stdout).toContain('not delivered');
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('stopped');
    expect(back.code).toBe(0);
    expect(world.telegram.messages).toHaveLength(1);
    expect(world.telegram.messages[0]?.text).toContain('this alert was not delivered then');
    expect(world.lightsail.instance('us-east-1', 'web_1')?.tags[TAGS.stopUnsent]).toBe('');
  });

  it('waits out a Telegram 429 and delivers', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.99)]);
    world.telegram.injectFault({ kind: 'rate-limit', retryAfter: 1, times: 1 });

    const run = await runInProcess(world, ['check']);

    expect(run.code).toBe(0);
    expect(world.telegram.messages).toHaveLength(1);
    expect(world.telegram.requests).toBe(2);
  });
});

describe('status and report', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  it('status prints every instance and neither stops nor sends', async () => {
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.99),
      instanceAt('db_1', 'eu-west-2', 0.1, { state: 'stopped' }),
    ]);

    const run = await runInProcess(world, ['status'], { TELEGRAM_BOT_TOKEN: '', TELEGRAM_CHAT_ID: '' });

    expect(run.code).toBe(0);
    // On the real clock: within the month's last check interval the reset comes first.
    expect(run.stdout).toMatch(
      /web_1\s+us-east-1\s+running\s+1013\.76\s+1024\.00\s+99\.0%\s+over threshold(: the next check stops it|; the allowance resets at .+, before the next check)/,
    );
    expect(run.stdout).toMatch(/db_1\s+eu-west-2\s+stopped\s+102\.40\s+1024\.00\s+10\.0%/);
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('running');
    expect(world.telegram.requests).toBe(0);
  });

  it('status runs with malformed Telegram settings it never uses; check refuses them before any call', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5)]);
    const broken = { TELEGRAM_BOT_TOKEN: 'not-a-token', TELEGRAM_CHAT_ID: 'my chat' };

    const status = await runInProcess(world, ['status'], broken);
    const callsAfterStatus = world.lightsail.stats().total;
    const check = await runInProcess(world, ['check'], broken);

    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/web_1\s+us-east-1\s+running/);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('TELEGRAM_BOT_TOKEN');
    expect(world.lightsail.stats().total).toBe(callsAfterStatus);
    expect(world.telegram.requests).toBe(0);
  });

  it('report sends every instance in every region, stopped ones included, and stops nothing', async () => {
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.99),
      instanceAt('db_1', 'eu-west-2', 0.1, { state: 'stopped' }),
    ]);

    const run = await runInProcess(world, ['report']);

    expect(run.code).toBe(0);
    expect(world.telegram.messages).toHaveLength(1);
    const text = world.telegram.messages[0]?.text ?? '';
    expect(text).toContain('<code>web_1</code> us-east-1 · running · 1013.76 / 1024.00 GB · 99.0%');
    expect(text).toContain('<code>db_1</code> eu-west-2 · stopped · 102.40 / 1024.00 GB · 10.0%');
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('running');
  });

  it('report splits a large fleet into messages under 4096 characters that hold every instance', async () => {
    const fleet = Array.from({ length: 120 }, (_, index) =>
      instanceAt(`customer_proxy_${String(index).padStart(3, '0')}.example`, 'us-east-1', index / 200),
    );
    world = await startWorld(fleet, ['us-east-1']);

    const run = await runInProcess(world, ['report']);

    expect(run.code).toBe(0);
    expect(world.telegram.messages.length).toBeGreaterThan(1);
    for (const message of world.telegram.messages) expect(message.text.length).toBeLessThanOrEqual(4096);
    const all = world.telegram.messages.map((message) => message.text).join('\n');
    for (const spec of fleet) expect(all).toContain(`<code>${spec.name}</code>`);
  });
});
