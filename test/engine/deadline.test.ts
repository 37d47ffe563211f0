import { describe, expect, it } from 'vitest';
import { telegramChannel } from '../../src/channels/telegram.js';
import { TAGS } from '../../src/constants.js';
import { planDeadline, runDeadline } from '../../src/engine/deadline.js';
import { runGuard } from '../../src/engine/run.js';
import { exitCodeOf } from '../../src/output.js';
import { anInstance, GB, guardSettings } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { NOW } from '../support/scenario.js';

describe('planDeadline', () => {
  it('keeps 45 s for alerts and 15 s for alert state out of a Lambda-sized budget, and a quarter of the rest for stops', () => {
    const plan = planDeadline(0, 295_000);

    expect(plan).toEqual({ readsEndAt: 176_250, workEndsAt: 235_000, sendsEndAt: 280_000, endsAt: 295_000 });
  });

  it('keeps the same proportions in a short run, so reads still get most of it', () => {
    const plan = planDeadline(1_000, 10_000);

    expect(plan).toEqual({ readsEndAt: 5_875, workEndsAt: 7_500, sendsEndAt: 10_000, endsAt: 11_000 });
  });
});

describe('a run with a hung region', () => {
  it('ends by its deadline, announces the healthy region’s stop and names the hung instances unknown', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1', 'ap-south-1'],
      instances: [
        anInstance({ name: 'hot', allowanceGb: 100 }),
        anInstance({ name: 'stuck_1', region: 'ap-south-1' }),
        anInstance({ name: 'stuck_2', region: 'ap-south-1' }),
      ],
      traffic: { hot: { inBytes: 7 * GB, outBytes: 90 * GB } },
    });
    fleet.hangs.readMetricIn.add('ap-south-1');
    const notifier = recordingNotifier();
    const started = Date.now();

    const result = await runGuard(
      { fleet, channels: [telegramChannel(notifier)], now: () => NOW, deadline: runDeadline(1_000) },
      guardSettings(),
      { command: 'check', dryRun: false },
    );

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fleet.instance('hot').state).toBe('stopped');
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('<b>Stopped</b> <code>hot</code>');
    expect(notifier.sent[0]).toContain('<b>Usage unknown</b> <code>stuck_1</code>');
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('');
    expect(result.problems).toEqual([
      "stuck_1 (ap-south-1): usage unknown: NetworkIn and NetworkOut: no answer before the run's 1 s deadline",
      "stuck_2 (ap-south-1): usage unknown: NetworkIn and NetworkOut: no answer before the run's 1 s deadline",
    ]);
    expect(exitCodeOf(result)).toBe(1);
  });

  it('reads nothing more once the work phase is over, and calls the rest unknown', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [anInstance({ name: 'late', allowanceGb: 100 })],
      traffic: { late: { inBytes: GB, outBytes: GB } },
    });
    const deadline = runDeadline(0);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const result = await runGuard(
      { fleet, channels: [telegramChannel(recordingNotifier())], now: () => NOW, deadline },
      guardSettings({ regions: ['us-east-1'] }),
      { command: 'status', dryRun: false },
    );

    expect(fleet.calls.readMetric).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      name: 'late',
      percent: null,
      unknownReason: "not read before the run's 0 s deadline",
    });
  });
});

describe('a pool with a member whose read hangs (ALLOWANCE_SCOPE=pool)', () => {
  it('judges the others on their own once the reads end, and still has time to stop them', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [
        anInstance({ name: 'busy', bundleId: 'small_3_0', allowanceGb: 100 }),
        anInstance({ name: 'stuck', bundleId: 'small_ipv6_3_0', allowanceGb: 100 }),
      ],
      traffic: { busy: { inBytes: 7 * GB, outBytes: 90 * GB }, stuck: { inBytes: GB, outBytes: GB } },
    });
    fleet.hangs.readMetricOf.add('stuck');
    const notifier = recordingNotifier();
    const started = Date.now();

    const result = await runGuard(
      { fleet, channels: [telegramChannel(notifier)], now: () => NOW, deadline: runDeadline(1_000) },
      guardSettings({ allowanceScope: 'pool' }),
      { command: 'check', dryRun: false },
    );

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fleet.instance('busy').state).toBe('stopped');
    expect(fleet.instance('stuck').state).toBe('running');
    expect(notifier.sent.join('\n')).toContain('<b>Stopped</b> <code>busy</code>');
    expect(result.problems).toEqual([
      "stuck (us-east-1): usage unknown: NetworkIn and NetworkOut: no answer before the run's 1 s deadline",
    ]);
  });
});

describe('planDeadline in whole milliseconds', () => {
  it('gives whole-millisecond phase ends for a budget that does not divide evenly', () => {
    const plan = planDeadline(1_000, 9_999.7);

    for (const at of Object.values(plan)) expect(Number.isInteger(at)).toBe(true);
    expect(plan.endsAt).toBe(10_999);
  });
});
