import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import type { Allowance } from '../../src/core/allowance.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { assess } from '../../src/core/decide.js';
import type { Forecast } from '../../src/core/forecast.js';
import { assessPool, type PoolMember, poolTotals } from '../../src/core/pool-decide.js';
import type { StopAhead } from '../../src/core/stop-ahead.js';
import type { HourlyUsage, Instance, UsageReading } from '../../src/core/types.js';
import { anInstance, at, DEFAULT_POLICY, fullAllowance, GB } from '../support/builders.js';

// The pooled decision (ALLOWANCE_SCOPE=pool): which members a pool's usage stops, warns or keeps
// running. Each member is a 100 GB plan; usage is given in GB, in and out apart so that a
// swapped or dropped half shows.

const NOW = at('2026-11-20T10:00:00.000Z');
const NOVEMBER = billingMonthOf(NOW);
const HOUR_MS = 3_600_000;

interface MemberOptions {
  readonly instance?: Partial<Instance>;
  readonly inGb?: number;
  readonly outGb?: number;
  readonly hourly?: HourlyUsage;
  readonly usage?: UsageReading;
  readonly allowance?: Allowance;
  readonly notifyOnly?: boolean;
}

function member(name: string, options: MemberOptions = {}): PoolMember {
  const instance = anInstance({ name, allowanceGb: 100, ...options.instance });
  const usage: UsageReading = options.usage ?? {
    kind: 'known',
    inBytes: (options.inGb ?? 0) * GB,
    outBytes: (options.outGb ?? 0) * GB,
    ...(options.hourly === undefined ? {} : { hourly: options.hourly }),
  };
  const allowance = options.allowance ?? fullAllowance(100);
  return {
    instance,
    usage,
    allowance,
    assessment: assess({ instance, usage, allowance, policy: DEFAULT_POLICY, month: NOVEMBER, now: NOW }),
    ...(options.notifyOnly === undefined ? {} : { notifyOnly: options.notifyOnly }),
  };
}

function judge(
  members: PoolMember[],
  extra: { readonly forecast?: Forecast | null; readonly ahead?: StopAhead } = {},
) {
  return assessPool({
    members,
    totals: poolTotals(members, NOVEMBER, NOW),
    policy: DEFAULT_POLICY,
    month: NOVEMBER,
    now: NOW,
    forecast: extra.forecast ?? null,
    ahead: extra.ahead,
  });
}

const kept = { [TAGS.keepRunning]: '2026-11' };

describe('poolTotals: what the pool has used and may use', () => {
  it('adds in and out traffic apart, over every member', () => {
    const totals = poolTotals(
      [
        member('a', { inGb: 10, outGb: 30 }),
        member('b', { inGb: 1, outGb: 2, instance: { state: 'stopped' } }),
      ],
      NOVEMBER,
      NOW,
    );

    expect(totals.usage).toEqual({ kind: 'known', inBytes: 11 * GB, outBytes: 32 * GB });
  });

  it('gives the pooled share of the plans: a full member and a half-month one hold 75% of two plans', () => {
    const totals = poolTotals(
      [member('old'), member('new', { allowance: { bytes: 50 * GB, share: 0.5 } })],
      NOVEMBER,
      NOW,
    );

    expect(totals.allowance.bytes).toBe(150 * GB);
    expect(totals.allowance.share).toBeCloseTo(0.75, 10);
  });

  it('counts a member created at the month’s last instant (a zero share) as adding nothing to the plans', () => {
    const totals = poolTotals(
      [
        member('new', { allowance: { bytes: 50 * GB, share: 0.5 } }),
        member('last-instant', { allowance: { bytes: 0, share: 0 } }),
      ],
      NOVEMBER,
      NOW,
    );

    expect(totals.allowance).toEqual({ bytes: 50 * GB, share: 0.5 });
  });

  it('reads a pool with no allowance at all as a full share of nothing, not a division by zero', () => {
    const totals = poolTotals([member('gone', { allowance: { bytes: 0, share: 0 } })], NOVEMBER, NOW);

    expect(totals.allowance).toEqual({ bytes: 0, share: 1 });
  });

  it('names every member whose usage is unknown, and measures no pace', () => {
    const totals = poolTotals(
      [
        member('blind', { usage: { kind: 'unknown', reason: 'throttled' } }),
        member('seen', { inGb: 1, hourly: { startMs: NOVEMBER.start.getTime(), bytes: [1] } }),
        member('dark', { usage: { kind: 'unknown', reason: 'timeout' } }),
      ],
      NOVEMBER,
      NOW,
    );

    expect(totals.usage).toEqual({ kind: 'unknown', reason: 'usage of blind, dark unknown' });
    expect(totals.runningHourly).toBeUndefined();
    expect(totals.observedFrom).toEqual(NOVEMBER.start);
  });

  it('measures the pace from the earliest creation this month among running members', () => {
    const totals = poolTotals(
      [
        member('tenth', { instance: { createdAt: at('2026-11-10T00:00:00.000Z') } }),
        member('sixteenth', { instance: { createdAt: at('2026-11-16T00:00:00.000Z') } }),
        member('off', { instance: { state: 'stopped', createdAt: at('2026-11-02T00:00:00.000Z') } }),
      ],
      NOVEMBER,
      NOW,
    );

    expect(totals.observedFrom).toEqual(at('2026-11-10T00:00:00.000Z'));
  });

  it('measures from the start of the month when a running member is older than the month', () => {
    const totals = poolTotals(
      [member('old'), member('new', { instance: { createdAt: at('2026-11-16T00:00:00.000Z') } })],
      NOVEMBER,
      NOW,
    );

    expect(totals.observedFrom).toEqual(NOVEMBER.start);
  });

  it.each([
    ['no creation time', new Date(Number.NaN)],
    ['a creation time in the future', at('2026-11-25T00:00:00.000Z')],
  ])('measures from the start of the month when a running member has %s', (_case, createdAt) => {
    const totals = poolTotals(
      [
        member('odd', { instance: { createdAt } }),
        member('new', { instance: { createdAt: at('2026-11-16T00:00:00.000Z') } }),
      ],
      NOVEMBER,
      NOW,
    );

    expect(totals.observedFrom).toEqual(NOVEMBER.start);
  });

  it('measures from the start of the month when no member runs', () => {
    const totals = poolTotals(
      [member('off', { instance: { state: 'stopped', createdAt: at('2026-11-16T00:00:00.000Z') } })],
      NOVEMBER,
      NOW,
    );

    expect(totals.observedFrom).toEqual(NOVEMBER.start);
    expect(totals.runningHourly).toBeUndefined();
  });

  it('adds the running members’ hours, leaving out a stopped member’s past traffic', () => {
    const startMs = NOVEMBER.start.getTime();
    const totals = poolTotals(
      [
        member('a', { inGb: 6, hourly: { startMs, bytes: [1, 2, 3] } }),
        member('b', { inGb: 6, hourly: { startMs, bytes: [10, 20, 30] } }),
        member('off', {
          inGb: 6,
          instance: { state: 'stopped' },
          hourly: { startMs, bytes: [500, 500, 500] },
        }),
      ],
      NOVEMBER,
      NOW,
    );

    expect(totals.runningHourly).toEqual({ startMs, bytes: [11, 22, 33] });
  });

  it.each([
    ['starts an hour later', { startMs: NOVEMBER.start.getTime() + HOUR_MS, bytes: [1, 2, 3] }],
    ['holds fewer hours', { startMs: NOVEMBER.start.getTime(), bytes: [1, 2] }],
    ['holds more hours', { startMs: NOVEMBER.start.getTime(), bytes: [1, 2, 3, 4] }],
    ['has no hours', undefined],
  ])('measures no pool pace when one running member’s series %s', (_case, hourly) => {
    const startMs = NOVEMBER.start.getTime();
    const totals = poolTotals(
      [
        member('a', { inGb: 6, hourly: { startMs, bytes: [1, 2, 3] } }),
        member('b', { inGb: 6, ...(hourly === undefined ? {} : { hourly }) }),
      ],
      NOVEMBER,
      NOW,
    );

    expect(totals.usage.kind).toBe('known');
    expect(totals.runningHourly).toBeUndefined();
  });

  it('takes a single running member’s hours as the pool’s', () => {
    const startMs = NOVEMBER.start.getTime();

    const totals = poolTotals([member('a', { inGb: 6, hourly: { startMs, bytes: [4, 5] } })], NOVEMBER, NOW);

    expect(totals.runningHourly).toEqual({ startMs, bytes: [4, 5] });
  });
});

describe('assessPool: which members the pool stops', () => {
  it('judges the pool as one, running while a member runs, with nothing remembered on untagged members', () => {
    const decision = judge([member('a', { inGb: 10 }), member('off', { instance: { state: 'stopped' } })]);

    expect(decision.judgedAs).toEqual({
      running: true,
      memory: {
        delivered: new Set(),
        keptRunning: false,
        undeliveredStop: undefined,
        unknownAlertedToday: false,
      },
    });
    expect(decision.pool.percent).toBe(5);
  });

  it('judges the pool on the pool’s record of this month, read from every member', () => {
    const decision = judge([
      member('a', { instance: { tags: { [TAGS.alerted]: '2026-11:90/pool-80' } } }),
      member('b', { instance: { tags: { [TAGS.alerted]: '2026-11:pool-forecast' } } }),
    ]);

    expect(decision.judgedAs.memory.delivered).toEqual(new Set(['80', 'forecast']));
  });

  it('stops neither member, and drops a member’s own stop, while the pool is under its threshold', () => {
    const decision = judge([member('busy', { inGb: 60, outGb: 60 }), member('idle', { inGb: 5, outGb: 5 })]);

    expect(decision.members.map((m) => m.stop)).toEqual([false, false]);
    expect(decision.members.map((m) => m.stopReason)).toEqual([undefined, undefined]);
    expect(decision.members.map((m) => m.due)).toEqual([[], []]);
    expect(decision.members[0]?.percent).toBe(120);
    expect(decision.members.map((m) => m.keptRunning)).toEqual([false, false]);
  });

  it('at the threshold stops the running members with the pool’s stop alert, and announces no stop for the pool', () => {
    const decision = judge([member('a', { inGb: 95 }), member('b', { outGb: 95 })]);

    expect(decision.pool.stop).toBe(true);
    expect(decision.members.map((m) => m.stop)).toEqual([true, true]);
    expect(decision.members.map((m) => m.due)).toEqual([[{ kind: 'stop' }], [{ kind: 'stop' }]]);
    expect(decision.due).toEqual([]);
  });

  it('does not stop a notify-only member, though it counts towards the pool', () => {
    const decision = judge([member('a', { inGb: 100 }), member('watch', { inGb: 90, notifyOnly: true })]);

    expect(decision.members.map((m) => m.stop)).toEqual([true, false]);
    expect(decision.members[1]?.due).toEqual([]);
    expect(decision.members[1]?.stopReason).toBeUndefined();
  });

  it('stops the running members ahead of the threshold for the reason "ahead", with the pace in the alert', () => {
    const ahead: StopAhead = { ratePerSecond: 2e6, withinMinutes: 25, lagMinutes: 15, lagSource: 'assumed' };

    const decision = judge([member('a', { inGb: 50 }), member('b', { inGb: 40 })], { ahead });

    expect(decision.members.map((m) => m.stop)).toEqual([true, true]);
    expect(decision.members.map((m) => m.stopReason)).toEqual(['ahead', 'ahead']);
    expect(decision.members[0]?.due).toEqual([{ kind: 'stop', ahead }]);
  });

  it('keeps its owed stop alert for a member the pool does not stop, and marks it unsent', () => {
    const owing = member('owing', {
      inGb: 5,
      instance: { tags: { [TAGS.stopUnsent]: '2026-11-19T10:00:00.000Z' } },
    });

    const decision = judge([owing, member('b', { inGb: 5 })]);

    expect(decision.members[0]?.stop).toBe(false);
    expect(decision.members[0]?.due).toEqual([
      { kind: 'stop', undeliveredSince: '2026-11-19T10:00:00.000Z' },
    ]);
    expect(decision.members[0]?.tagsOnDelivery).toEqual({ [TAGS.stopUnsent]: '' });
    expect(decision.members[1]?.tagsOnDelivery).toEqual({});
  });
});

describe('assessPool: the keep-running tag in a pool', () => {
  it('keeps the pool running when every running member is tagged, with one kept-running alert', () => {
    const decision = judge([
      member('a', { inGb: 150, instance: { tags: kept } }),
      member('b', { inGb: 150, instance: { tags: kept } }),
      member('off', { instance: { state: 'stopped' } }),
    ]);

    expect(decision.pool.keptRunning).toBe(true);
    expect(decision.members.map((m) => m.stop)).toEqual([false, false, false]);
    expect(decision.members.map((m) => m.keptRunning)).toEqual([true, true, false]);
    expect(decision.due).toEqual([{ kind: 'kept-running' }]);
  });

  it('stops the untagged members when only some running members are tagged', () => {
    const decision = judge([
      member('a', { inGb: 100, instance: { tags: kept } }),
      member('b', { inGb: 100 }),
    ]);

    expect(decision.pool.keptRunning).toBe(false);
    expect(decision.members.map((m) => m.stop)).toEqual([false, true]);
    expect(decision.members.map((m) => m.keptRunning)).toEqual([true, false]);
  });

  it('does not call a tagged member kept running while the pool is under its threshold', () => {
    const decision = judge([member('a', { inGb: 10, instance: { tags: kept } }), member('b', { inGb: 10 })]);

    expect(decision.members.map((m) => m.keptRunning)).toEqual([false, false]);
    expect(decision.due).toEqual([]);
  });

  it('does not call a stopped, tagged member kept running', () => {
    const decision = judge([
      member('a', { inGb: 100 }),
      member('off', { inGb: 100, instance: { state: 'stopped', tags: kept } }),
    ]);

    expect(decision.members.map((m) => m.keptRunning)).toEqual([false, false]);
    expect(decision.members.map((m) => m.stop)).toEqual([true, false]);
  });

  it('ignores last month’s keep-running tag', () => {
    const decision = judge([
      member('a', { inGb: 100, instance: { tags: { [TAGS.keepRunning]: '2026-10' } } }),
    ]);

    expect(decision.members[0]?.stop).toBe(true);
    expect(decision.members[0]?.keptRunning).toBe(false);
  });

  it('only warns, never "kept running", for a pool over its threshold whose members are all stopped', () => {
    const decision = judge([
      member('a', { inGb: 100, instance: { state: 'stopped', tags: kept } }),
      member('b', { inGb: 100, instance: { state: 'stopped' } }),
    ]);

    expect(decision.judgedAs.running).toBe(false);
    expect(decision.pool.keptRunning).toBe(false);
    expect(decision.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(decision.members.map((m) => m.stop)).toEqual([false, false]);
    expect(decision.members.map((m) => m.keptRunning)).toEqual([false, false]);
  });
});

describe('assessPool: the pool’s alerts and their record', () => {
  it('warns at the highest new level, recording every level it passed under pool keys on each member', () => {
    const decision = judge([
      member('a', { inGb: 90, instance: { tags: { [TAGS.alerted]: '2026-11:override' } } }),
      member('b', { inGb: 92 }),
    ]);

    expect(decision.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(decision.members.map((m) => m.tagsOnDelivery[TAGS.alerted])).toEqual([
      '2026-11:override/pool-80/pool-90',
      '2026-11:pool-80/pool-90',
    ]);
    expect(decision.members.map((m) => m.due)).toEqual([[], []]);
  });

  it('warns again at a higher level, unsuppressed by a lower pool record or a member’s own', () => {
    const decision = judge([
      member('a', { inGb: 90, instance: { tags: { [TAGS.alerted]: '2026-11:90/pool-80' } } }),
      member('b', { inGb: 92 }),
    ]);

    expect(decision.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(decision.members[0]?.tagsOnDelivery[TAGS.alerted]).toBe('2026-11:90/pool-80/pool-90');
  });

  it('warns afresh in a new month: last month’s pool record does not count', () => {
    const decision = judge([
      member('a', { inGb: 80, instance: { tags: { [TAGS.alerted]: '2026-10:pool-80/pool-90' } } }),
      member('b', { inGb: 80 }),
    ]);

    expect(decision.due).toEqual([{ kind: 'warn', level: 80 }]);
    expect(decision.members[0]?.tagsOnDelivery[TAGS.alerted]).toBe('2026-11:pool-80');
  });

  it('writes no record when nothing new is due', () => {
    const decision = judge([
      member('a', { inGb: 80, instance: { tags: { [TAGS.alerted]: '2026-11:pool-80' } } }),
      member('b', { inGb: 80 }),
    ]);

    expect(decision.due).toEqual([]);
    expect(decision.members.map((m) => m.tagsOnDelivery)).toEqual([{}, {}]);
  });

  it('records the levels a stop passed, under pool keys, so no warning follows it', () => {
    const decision = judge([member('a', { inGb: 100 }), member('b', { inGb: 100 })]);

    expect(decision.members.map((m) => m.tagsOnDelivery[TAGS.alerted])).toEqual([
      '2026-11:pool-80/pool-90',
      '2026-11:pool-80/pool-90',
    ]);
  });

  it('sends the pool’s forecast alert once, recorded on every member', () => {
    const forecast: Forecast = {
      ratePerSecond: 1e6,
      dailyRatePerSecond: 1e6,
      basisHours: 48,
      monthEndBytes: 250 * GB,
      monthEndPercent: 125,
      thresholdPercent: 95,
      thresholdAt: at('2026-11-27T00:00:00.000Z'),
      fullAt: at('2026-11-28T00:00:00.000Z'),
    };

    const decision = judge([member('a', { inGb: 30 }), member('b', { inGb: 30 })], { forecast });

    expect(decision.due).toEqual([{ kind: 'forecast', forecast }]);
    expect(decision.members.map((m) => m.tagsOnDelivery[TAGS.alerted])).toEqual([
      '2026-11:pool-forecast',
      '2026-11:pool-forecast',
    ]);
  });
});
