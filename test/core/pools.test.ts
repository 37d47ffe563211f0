import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { type AlertEvent, alertHeadline, alertText } from '../../src/core/alerts.js';
import { type Allowance, allowanceFor } from '../../src/core/allowance.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { assess } from '../../src/core/decide.js';
import { alertData } from '../../src/core/event-data.js';
import { zhCN } from '../../src/core/i18n/zh-CN.js';
import { assessPool, type PoolMember, poolTotals } from '../../src/core/pool-decide.js';
import { poolBundleOf, poolKeyOf } from '../../src/core/pools.js';
import type { Instance, UsageReading } from '../../src/core/types.js';
import { anInstance, at, DEFAULT_POLICY, fullAllowance, GB, knownUsage } from '../support/builders.js';

const NOW = at('2026-11-20T10:00:00.000Z');
const NOVEMBER = billingMonthOf(NOW);

describe('pools', () => {
  it.each([
    ['small_3_0', 'small_3_0'],
    ['small_ipv6_3_0', 'small_3_0'],
    ['nano_win_ipv6_3_0', 'nano_win_3_0'],
    ['2xlarge_3_0', '2xlarge_3_0'],
  ])('pools bundle %s as %s: IPv4 and IPv6 plans of one size together', (bundle, pool) => {
    expect(poolBundleOf(bundle)).toBe(pool);
  });

  it('keeps other sizes, Windows plans, other versions and other regions apart', () => {
    const keys = [
      anInstance({ bundleId: 'small_3_0' }),
      anInstance({ bundleId: 'medium_3_0' }),
      anInstance({ bundleId: 'small_win_3_0' }),
      anInstance({ bundleId: 'small_2_0' }),
      anInstance({ bundleId: 'small_3_0', region: 'eu-west-2' }),
    ].map(poolKeyOf);

    expect(new Set(keys).size).toBe(5);
    expect(poolKeyOf(anInstance({ bundleId: 'small_ipv6_3_0' }))).toBe('us-east-1/small_3_0');
  });
});

/** A member of a 100 GB plan at `percent` of its own allowance. */
function member(
  name: string,
  percent: number,
  extra: Partial<Instance> = {},
  allowance?: Allowance,
): PoolMember {
  const instance = anInstance({ name, allowanceGb: 100, ...extra });
  const usage: UsageReading = knownUsage(percent * GB);
  const own = allowance ?? fullAllowance(100);
  return {
    instance,
    usage,
    allowance: own,
    assessment: assess({
      instance,
      usage,
      allowance: own,
      policy: DEFAULT_POLICY,
      month: NOVEMBER,
      now: NOW,
    }),
  };
}

function judge(members: PoolMember[]) {
  return assessPool({
    members,
    totals: poolTotals(members, NOVEMBER, NOW),
    policy: DEFAULT_POLICY,
    month: NOVEMBER,
    now: NOW,
    forecast: null,
    ahead: undefined,
  });
}

describe('pool totals', () => {
  it('adds up every member, stopped ones included, against the sum of their pro-rated allowances', () => {
    const created = at('2026-11-16T00:00:00.000Z');
    const halfMonth = allowanceFor(
      { allowanceGb: 100, createdAt: created },
      NOVEMBER,
      { unit: 'GB', prorateNewInstances: true },
      NOW,
    );
    const totals = poolTotals(
      [
        member('busy', 120),
        member('off', 30, { state: 'stopped' }),
        member('new', 10, { createdAt: created }, halfMonth),
      ],
      NOVEMBER,
      NOW,
    );

    expect(totals.usage).toEqual({ kind: 'known', inBytes: 80 * GB, outBytes: 80 * GB });
    expect(totals.allowance.bytes).toBeCloseTo(250 * GB, 0);
  });

  it('is unknown, naming the member, when one member’s usage is', () => {
    const blind = { ...member('blind', 10), usage: { kind: 'unknown', reason: 'throttled' } as const };

    expect(poolTotals([member('busy', 120), blind], NOVEMBER, NOW).usage).toEqual({
      kind: 'unknown',
      reason: 'usage of blind unknown',
    });
  });
});

describe('assessPool', () => {
  it('leaves a busy member running while the pool is under its thresholds: 120% + 10% is 65%', () => {
    const decision = judge([member('busy', 120), member('idle', 10)]);

    expect(decision.members.map((m) => m.stop)).toEqual([false, false]);
    expect(decision.due).toEqual([]);
  });

  it('stops every running member at the pooled threshold, for the reason "threshold", and not a stopped one', () => {
    const decision = judge([
      member('busy', 240),
      member('idle', 20),
      member('off', 30, { state: 'stopped' }),
    ]);

    expect(decision.members.map((m) => m.stop)).toEqual([true, true, false]);
    expect(decision.members.map((m) => m.stopReason)).toEqual(['threshold', 'threshold', undefined]);
    expect(decision.members[0]?.due).toEqual([{ kind: 'stop' }]);
    expect(decision.members[2]?.due).toEqual([]);
  });

  it('lets a member tagged keep-running run on while the others are stopped', () => {
    const kept = member('kept', 150, { tags: { [TAGS.keepRunning]: '2026-11' } });

    const decision = judge([kept, member('idle', 50)]);

    expect(decision.members.map((m) => m.stop)).toEqual([false, true]);
    expect(decision.members[0]?.keptRunning).toBe(true);
  });

  it('warns once for the pool and records it on every member under a pool key', () => {
    const decision = judge([
      member('busy', 150),
      member('idle', 20, { tags: { [TAGS.alerted]: '2026-11:80' } }),
    ]);

    expect(decision.due).toEqual([{ kind: 'warn', level: 80 }]);
    expect(decision.members.map((m) => m.tagsOnDelivery[TAGS.alerted])).toEqual([
      '2026-11:pool-80',
      '2026-11:80/pool-80',
    ]);
  });

  it('does not warn again when any member holds the pool’s record, a member new to the pool included', () => {
    const decision = judge([
      member('busy', 150, { tags: { [TAGS.alerted]: '2026-11:pool-80' } }),
      member('joined', 20),
    ]);

    expect(decision.due).toEqual([]);
  });
});

describe('pool alerts in words and data', () => {
  const POOL = {
    region: 'ap-northeast-1',
    bundleId: 'small_3_0',
    instances: ['busy', 'idle_1'],
    usedBytes: 170 * GB,
    allowanceBytes: 200 * GB,
    percent: 85,
  };
  const warn = {
    kind: 'warn',
    level: 80,
    instance: anInstance({ name: 'busy', region: 'ap-northeast-1' }),
    usedBytes: POOL.usedBytes,
    allowanceBytes: POOL.allowanceBytes,
    percent: POOL.percent,
    pool: POOL,
  } as const;
  const context = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' } as const;

  it('names the pool and its members, in Chinese too', () => {
    expect(alertText(warn, context, zhCN)).toBe(
      '⚠️ <b>80% 预警</b> 资源池 <code>small_3_0</code>（ap-northeast-1；<code>busy</code>、<code>idle_1</code>）：已用 170.00 GB / 200.00 GB（85.0%）。达到合并配额的 95% 时，所有运行中的成员都将被停止。',
    );
  });

  it('names the pool and its members, not one instance, in a warning’s subject, in both languages', () => {
    expect(alertHeadline(warn, context)).toBe('pool small_3_0 (busy, idle_1) at 85.0% (80% warning)');
    expect(alertHeadline(warn, context, zhCN)).toBe('资源池 small_3_0（busy、idle_1）已用 85.0%（80% 预警）');
  });

  it('names the pool in the subjects of its forecast and kept-running alerts', () => {
    const forecast: AlertEvent = {
      ...warn,
      kind: 'forecast',
      forecast: {
        ratePerSecond: null,
        dailyRatePerSecond: 1e6,
        basisHours: 24,
        monthEndBytes: 256 * GB,
        monthEndPercent: 128.4,
        thresholdPercent: 95,
        thresholdAt: null,
        fullAt: null,
      },
    };
    const kept: AlertEvent = { ...warn, kind: 'kept-running' };

    expect(alertHeadline(forecast, context)).toBe(
      'pool small_3_0 (busy, idle_1) on pace for 128% this month',
    );
    expect(alertHeadline(forecast, context, zhCN)).toBe(
      '资源池 small_3_0（busy、idle_1）按当前速度本月将达 128%',
    );
    expect(alertHeadline(kept, context)).toBe('pool small_3_0 (busy, idle_1) over threshold, kept running');
    expect(alertHeadline(kept, context, zhCN)).toBe('资源池 small_3_0（busy、idle_1）超过阈值，保持运行');
  });

  it('says in a member’s stop subject that the percentage is its pool’s, and who is in it', () => {
    const stop: AlertEvent = { ...warn, kind: 'stop', outcome: 'stopped' };
    const failed: AlertEvent = { ...warn, kind: 'stop', outcome: 'failed', error: 'boom' };

    expect(alertHeadline(stop, context)).toBe('busy stopped (85.0% of pool small_3_0: busy, idle_1)');
    expect(alertHeadline(stop, context, zhCN)).toBe(
      'busy 已停止（资源池 small_3_0 已用 85.0%：busy、idle_1）',
    );
    expect(alertHeadline(failed, context)).toBe('STOP FAILED for busy (pool small_3_0: busy, idle_1)');
    expect(alertHeadline(failed, context, zhCN)).toBe('busy 停止失败（资源池 small_3_0：busy、idle_1）');
  });

  it('names the pool a member is over the threshold with when it is not stopped (notify)', () => {
    const notStopped: AlertEvent = { ...warn, kind: 'not-stopped', because: 'setting' };

    expect(alertHeadline(notStopped, context)).toBe(
      'busy over threshold, not stopped (pool small_3_0: busy, idle_1)',
    );
    expect(alertText(notStopped, context)).toContain(
      '<code>busy</code> in ap-northeast-1, with its pool <code>small_3_0</code> in ap-northeast-1 (<code>busy</code>, <code>idle_1</code>): 170.00 of 200.00 GB used',
    );
  });

  it('names three members in a subject and counts the rest', () => {
    const big = { ...POOL, instances: ['a', 'b', 'c', 'd', 'e'] };

    expect(alertHeadline({ ...warn, pool: big }, context)).toBe(
      'pool small_3_0 (a, b, c and 2 more) at 85.0% (80% warning)',
    );
    expect(alertHeadline({ ...warn, pool: big }, context, zhCN)).toBe(
      '资源池 small_3_0（a、b、c 等 5 台）已用 85.0%（80% 预警）',
    );
  });

  it('keeps an instance judged on its own named alone', () => {
    const { pool: _pool, ...alone } = warn;

    expect(alertHeadline(alone, context)).toBe('busy at 85.0% (80% warning)');
    expect(alertHeadline(alone, context, zhCN)).toBe('busy 已用 85.0%（80% 预警）');
  });

  it('carries the pool in the webhook’s data', () => {
    expect(alertData(warn, context, 'text')).toMatchObject({
      kind: 'warn',
      pool: 'small_3_0',
      poolInstances: ['busy', 'idle_1'],
      percent: 85,
    });
  });
});
