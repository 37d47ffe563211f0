import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { renderResult, resultJson } from '../../src/output.js';
import { anInstance, GB } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { NOW, run, TEN_MINUTES_LATER } from '../support/scenario.js';

const REGION = 'ap-northeast-1';
const POOL = { allowanceScope: 'pool' } as const;

/**
 * Tokyo: `busy` (small_3_0) at 120% of its own 100 GB and `idle` (small_ipv6_3_0, the IPv6 plan of
 * the same size) at 10%: 65% of their pooled 200 GB. `solo` has a bundle of its own.
 */
function tokyo(extra: { busyGb?: number; idleState?: string; idleGb?: number } = {}) {
  return inMemoryFleet({
    regions: [REGION],
    instances: [
      anInstance({ name: 'busy', region: REGION, bundleId: 'small_3_0', allowanceGb: 100 }),
      anInstance({
        name: 'idle',
        region: REGION,
        bundleId: 'small_ipv6_3_0',
        allowanceGb: 100,
        state: extra.idleState ?? 'running',
      }),
      anInstance({ name: 'solo', region: REGION, bundleId: 'medium_3_0', allowanceGb: 100 }),
    ],
    traffic: {
      busy: { inBytes: 20 * GB, outBytes: (extra.busyGb ?? 120) * GB - 20 * GB },
      idle: { inBytes: 2 * GB, outBytes: (extra.idleGb ?? 10) * GB - 2 * GB },
      solo: { inBytes: 5 * GB, outBytes: 5 * GB },
    },
  });
}

describe('pools in status, report and --json', () => {
  it('shows every pool of two or more, IPv4 and IPv6 plans of one size together, in --json', async () => {
    const result = await run(tokyo(), undefined, { command: 'status' });

    expect(resultJson(result).pools).toEqual([
      {
        region: REGION,
        bundleId: 'small_3_0',
        instances: ['busy', 'idle'],
        usedBytes: 130 * GB,
        allowanceBytes: 200 * GB,
        percent: 65,
        forecast: expect.objectContaining({ monthEndBytes: expect.any(Number) }),
        judged: false,
      },
    ]);
  });

  it('lists the pool under the status table and in the daily report', async () => {
    const notifier = recordingNotifier();
    const status = await run(tokyo(), undefined, { command: 'status' });
    await run(tokyo(), notifier, { command: 'report' });

    expect(renderResult(status, 'GB')).toContain(
      '  pool small_3_0 in ap-northeast-1: busy, idle · 130.00 / 200.00 GB · 65.0%',
    );
    expect(notifier.sent[0]).toContain(
      '🟢 pool <code>small_3_0</code> in ap-northeast-1: busy, idle · 130.00 / 200.00 GB · 65.0%',
    );
  });
});

describe('a pool line with a member a check does not read', () => {
  it('instance scope: names the stopped member and shows the others’ usage as a floor, not "unknown", without reading it', async () => {
    const fleet = tokyo({ busyGb: 90, idleState: 'stopped' });

    const result = await run(fleet, recordingNotifier());

    expect(fleet.calls.readMetric.filter((call) => call.instance === 'idle')).toEqual([]);
    expect(resultJson(result).pools[0]).toMatchObject({
      instances: ['busy', 'idle'],
      usedBytes: null,
      percent: null,
      notRead: ['idle'],
      readBytes: 90 * GB,
    });
    const table = renderResult(result, 'GB');
    expect(table).toContain(
      '  pool small_3_0 in ap-northeast-1: busy, idle · at least 90.00 / 200.00 GB · at least 45.0% · idle not read (not running)',
    );
    expect(table).not.toMatch(/pool small_3_0 .*unknown/);
  });

  it('pool scope: a pool with no member running is not read, and says so rather than "unknown"', async () => {
    const fleet = inMemoryFleet({
      regions: [REGION],
      instances: ['a', 'b'].map((name) =>
        anInstance({ name, region: REGION, bundleId: 'small_3_0', allowanceGb: 100, state: 'stopped' }),
      ),
    });

    const result = await run(fleet, recordingNotifier(), { settings: POOL });

    expect(fleet.calls.readMetric).toEqual([]);
    expect(renderResult(result, 'GB')).toContain(
      '  pool small_3_0 in ap-northeast-1: a, b · ? / 200.00 GB · a, b not read (not running)',
    );
  });

  it('status reads the stopped member and shows the whole pool', async () => {
    const result = await run(tokyo({ busyGb: 90, idleState: 'stopped' }), undefined, { command: 'status' });

    expect(resultJson(result).pools[0]).toMatchObject({ usedBytes: 100 * GB, percent: 50 });
    expect(resultJson(result).pools[0]).not.toHaveProperty('notRead');
  });
});

describe('ALLOWANCE_SCOPE', () => {
  it('instance (the default): stops the busy member at its own threshold', async () => {
    const fleet = tokyo();

    await run(fleet, recordingNotifier());

    expect(fleet.calls.stopInstance).toEqual(['busy']);
  });

  it('pool: leaves the busy member running while the pool is at 65%, and says so', async () => {
    const fleet = tokyo();

    const result = await run(fleet, recordingNotifier(), { settings: POOL });

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(result.rows.find((row) => row.name === 'busy')).toMatchObject({
      action: 'none',
      pool: { bundleId: 'small_3_0', percent: 65 },
    });
    expect(renderResult(result, 'GB')).toMatch(/busy .*in pool small_3_0 at 65\.0%/);
  });

  it('pool: stops every running member at the pooled threshold, each through its write-ahead record, naming the pool', async () => {
    const fleet = tokyo({ busyGb: 150, idleGb: 45 });
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { settings: POOL });

    expect(fleet.calls.stopInstance.sort()).toEqual(['busy', 'idle']);
    expect(fleet.calls.order.filter((call) => call.endsWith(' idle'))).toEqual([
      'tag idle',
      'stop idle',
      'tag idle',
    ]);
    expect(result.rows.filter((row) => row.action === 'stopped').map((row) => row.reason)).toEqual([
      'threshold',
      'threshold',
    ]);
    const text = notifier.sent.join('\n');
    expect(text).toContain(
      '<code>busy</code> in ap-northeast-1, with its pool <code>small_3_0</code> in ap-northeast-1 (<code>busy</code>, <code>idle</code>): 195.00 of 200.00 GB used (97.5%), threshold 95%.',
    );
    expect(text).toContain('<code>idle</code> in ap-northeast-1, with its pool');
  });

  it('pool: counts a stopped member’s traffic, and a check reads it while a member runs', async () => {
    const fleet = tokyo({ busyGb: 100, idleGb: 95, idleState: 'stopped' });

    await run(fleet, recordingNotifier(), { settings: POOL });

    expect(fleet.calls.readMetric.filter((call) => call.instance === 'idle')).toHaveLength(2);
    expect(fleet.calls.stopInstance).toEqual(['busy']);
  });

  it('pool: judges each member on its own allowance while one member’s usage is unknown', async () => {
    const fleet = tokyo();
    fleet.failures.readMetric.set('idle', new Error('metric service down'));

    const result = await run(fleet, recordingNotifier(), { settings: POOL });

    expect(fleet.calls.stopInstance).toEqual(['busy']);
    expect(resultJson(result).pools[0]).toMatchObject({ usedBytes: null, percent: null, judged: false });
  });

  it('pool: warns once for the pool, records it on every member, and not again', async () => {
    const fleet = tokyo({ busyGb: 120, idleGb: 50 });
    const notifier = recordingNotifier();

    await run(fleet, notifier, { settings: POOL });
    const again = await run(fleet, notifier, { settings: POOL, now: TEN_MINUTES_LATER });

    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain(
      '⚠️ <b>80% warning</b> pool <code>small_3_0</code> in ap-northeast-1 (<code>busy</code>, <code>idle</code>): 170.00 of 200.00 GB used (85.0%). Every running member will be stopped at 95% of the pooled allowance.',
    );
    expect(fleet.instance('busy').tags[TAGS.alerted]).toBe('2026-11:pool-80');
    expect(fleet.instance('idle').tags[TAGS.alerted]).toBe('2026-11:pool-80');
    expect(again.messages).toEqual([]);
  });

  it('pool: stops the pool ahead when its members together would pass the threshold before the next check', async () => {
    // `steady` is at 99 GB of its own 100 and quiet; `fast` at 85 GB moves 16 GB an hour (the 09:00
    // hour is seen until 09:45: 12 GB), 6.7 GB in the 25 minutes to the next check. Alone, `fast`
    // would not reach 95% by then; the pool, at 184 of 200 GB, would pass 95% (190 GB).
    const quietly = [99 * GB, ...Array.from({ length: 8 }, () => 0)];
    const fast = [57 * GB, 0, 0, 0, 0, 0, 16 * GB, 12 * GB, 0];
    const fleet = () =>
      inMemoryFleet({
        regions: [REGION],
        instances: [
          anInstance({ name: 'steady', region: REGION, bundleId: 'small_3_0', allowanceGb: 100 }),
          anInstance({ name: 'fast', region: REGION, bundleId: 'small_3_0', allowanceGb: 100 }),
        ],
        traffic: { steady: { hours: quietly }, fast: { hours: fast } },
      });

    const pooled = await run(fleet(), recordingNotifier(), { settings: POOL, now: NOW });
    const alone = await run(fleet(), recordingNotifier(), { now: NOW });

    expect(pooled.rows.map((row) => [row.name, row.action, row.reason])).toEqual([
      ['steady', 'stopped', 'ahead'],
      ['fast', 'stopped', 'ahead'],
    ]);
    expect(alone.rows.map((row) => [row.name, row.action, row.reason])).toEqual([
      ['steady', 'stopped', 'threshold'],
      ['fast', 'warned', undefined],
    ]);
  });
});

describe('pools and per-instance policy', () => {
  it('leaves an instance tagged action = ignore out of its pool', async () => {
    const fleet = tokyo();
    fleet.update('idle', { tags: { 'lightsail-guard:action': 'ignore' } });

    const result = await run(fleet, recordingNotifier(), { settings: POOL });

    expect(resultJson(result).pools).toEqual([]);
    expect(fleet.calls.stopInstance).toEqual(['busy']);
  });

  it('counts a notify-only member in its pool and never stops it', async () => {
    const fleet = tokyo({ busyGb: 150, idleGb: 45 });
    fleet.update('idle', { tags: { 'lightsail-guard:action': 'notify' } });

    await run(fleet, recordingNotifier(), { settings: POOL });

    expect(fleet.calls.stopInstance).toEqual(['busy']);
  });
});
