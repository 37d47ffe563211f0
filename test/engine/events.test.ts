import { describe, expect, it } from 'vitest';
import { billingMonthOf } from '../../src/core/billing-month.js';
import type { Assessment, DueAlert } from '../../src/core/decide.js';
import type { Forecast } from '../../src/core/forecast.js';
import type { InstancePolicy } from '../../src/core/instance-policy.js';
import type { PoolFigures } from '../../src/core/pools.js';
import type { StopAhead } from '../../src/core/stop-ahead.js';
import type { UsageReading } from '../../src/core/types.js';
import { eventsOf, poolEventsOf } from '../../src/engine/events.js';
import type { InstanceOutcome, PoolOutcome } from '../../src/engine/types.js';
import { anInstance, at, fullAllowance, GB } from '../support/builders.js';

const NOW = at('2026-11-20T10:00:00.000Z');
const MONTH = billingMonthOf(NOW);
const WEB = anInstance({ name: 'web-1', allowanceGb: 100 });
const USAGE: UsageReading = { kind: 'known', inBytes: 5 * GB, outBytes: 80 * GB };

const FORECAST: Forecast = {
  ratePerSecond: 1_000,
  dailyRatePerSecond: 1_000,
  basisHours: 24,
  monthEndBytes: 120 * GB,
  monthEndPercent: 120,
  thresholdPercent: 95,
  thresholdAt: at('2026-11-27T00:00:00.000Z'),
  fullAt: at('2026-11-29T00:00:00.000Z'),
};

const POLICY: InstancePolicy = {
  quotaPercent: 95,
  warnPercents: [80, 90],
  action: 'notify',
  actionFrom: 'tag',
  tagProblems: [{ key: 'lightsail-guard:quota', message: 'must be a number' }],
};

const POOL: PoolFigures = {
  region: 'us-east-1',
  bundleId: 'small_3_0',
  instances: ['web-1', 'web-2'],
  usedBytes: 170 * GB,
  allowanceBytes: 200 * GB,
  percent: 85,
};

/** The instance's own figures at 85 of 100 GB. */
const OWN = { usedBytes: 85 * GB, allowanceBytes: 100 * GB, percent: 85 };

function anAssessment(due: readonly DueAlert[], usage: UsageReading = USAGE): Assessment {
  return {
    instance: WEB,
    allowance: fullAllowance(100),
    usage,
    percent: usage.kind === 'known' ? 85 : null,
    stop: false,
    keptRunning: false,
    notified: false,
    due,
    tagsOnDelivery: {},
  };
}

function anOutcome(overrides: Partial<InstanceOutcome> = {}): InstanceOutcome {
  return {
    instance: WEB,
    allowance: fullAllowance(100),
    assessment: anAssessment([]),
    action: 'none',
    ...overrides,
  };
}

describe('eventsOf', () => {
  it('quotes the instance’s own usage in a warning, keyed by month and level', () => {
    const outcome = anOutcome({ assessment: anAssessment([{ kind: 'warn', level: 80 }]) });

    expect(eventsOf(outcome, MONTH, NOW)).toEqual([
      { key: '2026-11.80', event: { kind: 'warn', instance: WEB, level: 80, ...OWN } },
    ]);
  });

  it('quotes the pool’s figures and names the pool for a member judged with its pool', () => {
    const outcome = anOutcome({ assessment: anAssessment([{ kind: 'warn', level: 80 }]), pool: POOL });

    expect(eventsOf(outcome, MONTH, NOW)).toEqual([
      {
        key: '2026-11.80',
        event: {
          kind: 'warn',
          instance: WEB,
          level: 80,
          usedBytes: 170 * GB,
          allowanceBytes: 200 * GB,
          percent: 85,
          pool: POOL,
        },
      },
    ]);
  });

  it('keys kept-running and forecast alerts by month, and an unknown reading by UTC day with its reason', () => {
    const outcome = anOutcome({
      assessment: anAssessment([{ kind: 'kept-running' }, { kind: 'forecast', forecast: FORECAST }]),
    });
    const unknown = anOutcome({
      assessment: anAssessment([{ kind: 'unknown', reason: 'no datapoints' }], {
        kind: 'unknown',
        reason: 'x',
      }),
    });

    expect(eventsOf(outcome, MONTH, NOW)).toEqual([
      { key: '2026-11.override', event: { kind: 'kept-running', instance: WEB, ...OWN } },
      { key: '2026-11.forecast', event: { kind: 'forecast', instance: WEB, forecast: FORECAST, ...OWN } },
    ]);
    expect(eventsOf(unknown, MONTH, NOW)).toEqual([
      { key: 'unknown.2026-11-20', event: { kind: 'unknown', instance: WEB, reason: 'no datapoints' } },
    ]);
  });

  it('quotes no used bytes while the usage is unknown', () => {
    const outcome = anOutcome({
      assessment: anAssessment([{ kind: 'kept-running' }], { kind: 'unknown', reason: 'no datapoints' }),
    });

    expect(eventsOf(outcome, MONTH, NOW)).toEqual([
      {
        key: '2026-11.override',
        event: {
          kind: 'kept-running',
          instance: WEB,
          usedBytes: null,
          allowanceBytes: 100 * GB,
          percent: null,
        },
      },
    ]);
  });

  it('says a notify-only instance was not stopped because of its tag, or of the setting when no policy applied', () => {
    const due: DueAlert[] = [{ kind: 'not-stopped' }];

    const byTag = eventsOf(anOutcome({ assessment: anAssessment(due), policy: POLICY }), MONTH, NOW);
    const bySetting = eventsOf(anOutcome({ assessment: anAssessment(due) }), MONTH, NOW);

    expect(byTag).toEqual([
      { key: '2026-11.notified', event: { kind: 'not-stopped', instance: WEB, because: 'tag', ...OWN } },
    ]);
    expect(bySetting.map(({ event }) => event)).toEqual([
      { kind: 'not-stopped', instance: WEB, because: 'setting', ...OWN },
    ]);
  });

  it('re-sends an undelivered stop as made earlier, keyed by the time it was made', () => {
    const since = '2026-11-19T22:00:00.000Z';
    const outcome = anOutcome({
      assessment: anAssessment([{ kind: 'stop', undeliveredSince: since }]),
      action: 'stopped',
      stop: { at: NOW.toISOString(), recorded: true, month: '2026-11', error: 'ignored' },
    });

    expect(eventsOf(outcome, MONTH, NOW)).toEqual([
      {
        key: `stop.${since}`,
        event: { kind: 'stop', instance: WEB, outcome: 'earlier', stoppedAt: since, ...OWN },
      },
    ]);
  });

  it('reports a stop made now as stopped, with only the details the stop has, keyed by its time', () => {
    const stopAt = '2026-11-20T09:59:58.000Z';
    const outcome = anOutcome({
      assessment: anAssessment([{ kind: 'stop' }]),
      action: 'stopped',
      stop: { at: stopAt, recorded: true, month: '2026-11' },
    });

    // Strict: a detail the stop does not have is absent, not present as `undefined`.
    expect(eventsOf(outcome, MONTH, NOW)).toStrictEqual([
      { key: `stop.${stopAt}`, event: { kind: 'stop', instance: WEB, outcome: 'stopped', ...OWN } },
    ]);
  });

  it('carries a stop’s error, already-stopping, record error and the pace it was stopped ahead of', () => {
    const ahead: StopAhead = { ratePerSecond: 5e6, withinMinutes: 25, lagMinutes: 15, lagSource: 'assumed' };
    const stopAt = '2026-11-20T09:59:58.000Z';
    const outcome = anOutcome({
      assessment: anAssessment([{ kind: 'stop', ahead }]),
      action: 'stop-failed',
      stop: {
        at: stopAt,
        recorded: false,
        month: '2026-11',
        error: 'InvalidInputException',
        alreadyStopping: true,
        recordError: 'TagResource refused',
      },
    });

    expect(eventsOf(outcome, MONTH, NOW)).toEqual([
      {
        key: `stop.${stopAt}`,
        event: {
          kind: 'stop',
          instance: WEB,
          outcome: 'failed',
          ...OWN,
          error: 'InvalidInputException',
          alreadyStopping: true,
          recordError: 'TagResource refused',
          ahead,
        },
      },
    ]);
  });

  it('reports a dry run’s stop as a dry run, keyed by the time of the check when no stop was made', () => {
    const outcome = anOutcome({ assessment: anAssessment([{ kind: 'stop' }]), action: 'would-stop' });

    expect(eventsOf(outcome, MONTH, NOW)).toEqual([
      {
        key: 'stop.2026-11-20T10:00:00.000Z',
        event: { kind: 'stop', instance: WEB, outcome: 'dry-run', ...OWN },
      },
    ]);
  });

  it('adds a malformed tag alert and a failed start after the usage alerts; a failed start keeps no key', () => {
    const outcome = anOutcome({
      assessment: anAssessment([{ kind: 'warn', level: 90 }]),
      policy: POLICY,
      badTagAlertDay: '2026-11-20',
      start: { stoppedIn: '2026-10', error: 'StartInstance refused' },
    });

    expect(eventsOf(outcome, MONTH, NOW)).toEqual([
      { key: '2026-11.90', event: { kind: 'warn', instance: WEB, level: 90, ...OWN } },
      { key: 'bad-tag.2026-11-20', event: { kind: 'bad-tag', instance: WEB, problems: POLICY.tagProblems } },
      { key: undefined, event: { kind: 'start-failed', instance: WEB, error: 'StartInstance refused' } },
    ]);
  });

  it('sends only those alerts for an instance that was not assessed', () => {
    const outcome = anOutcome({
      assessment: undefined,
      policy: POLICY,
      badTagAlertDay: '2026-11-20',
      start: { stoppedIn: '2026-10', error: 'StartInstance refused' },
    });

    expect(eventsOf(outcome, MONTH, NOW).map(({ event }) => event.kind)).toEqual(['bad-tag', 'start-failed']);
  });

  it('sends no malformed tag alert without a day to record it on or a policy, nor a start alert for a start that worked', () => {
    const noDay = anOutcome({ assessment: undefined, policy: POLICY, start: { stoppedIn: '2026-10' } });
    const noPolicy = anOutcome({ assessment: undefined, badTagAlertDay: '2026-11-20' });

    expect(eventsOf(noDay, MONTH, NOW)).toEqual([]);
    expect(eventsOf(noPolicy, MONTH, NOW)).toEqual([]);
  });
});

/** A pool of two members at 170 of 200 GB, judged as one, with these alerts due. */
function aPool(due: readonly DueAlert[], overrides: Partial<PoolOutcome> = {}): PoolOutcome {
  const web2 = anInstance({ name: 'web-2', allowanceGb: 100 });
  return {
    key: 'us-east-1/small_3_0',
    region: 'us-east-1',
    bundleId: 'small_3_0',
    members: [anOutcome({ pool: POOL }), anOutcome({ instance: web2, pool: POOL })],
    totals: {
      usage: { kind: 'known', inBytes: 20 * GB, outBytes: 150 * GB },
      allowance: fullAllowance(200),
      runningHourly: undefined,
      observedFrom: at('2025-01-10T08:00:00.000Z'),
    },
    forecast: null,
    due,
    judged: true,
    ...overrides,
  };
}

const POOL_FIGURES = { usedBytes: 170 * GB, allowanceBytes: 200 * GB, percent: 85, pool: POOL };

describe('poolEventsOf', () => {
  it('sends one warning, forecast and kept-running alert for the whole pool, keyed apart from a member’s own', () => {
    const pool = aPool([
      { kind: 'warn', level: 80 },
      { kind: 'forecast', forecast: FORECAST },
      { kind: 'kept-running' },
      { kind: 'stop' },
      { kind: 'not-stopped' },
    ]);

    expect(poolEventsOf(pool, MONTH)).toEqual([
      { key: '2026-11.pool-80', event: { kind: 'warn', level: 80, instance: WEB, ...POOL_FIGURES } },
      {
        key: '2026-11.pool-forecast',
        event: { kind: 'forecast', forecast: FORECAST, instance: WEB, ...POOL_FIGURES },
      },
      { key: '2026-11.pool-override', event: { kind: 'kept-running', instance: WEB, ...POOL_FIGURES } },
    ]);
  });

  it('works the pool’s figures out from its totals when its first member carries none', () => {
    const members = aPool([]).members.map((member) => ({ ...member, pool: undefined }));
    const pool = aPool([{ kind: 'warn', level: 80 }], { members });

    expect(poolEventsOf(pool, MONTH)).toEqual([
      {
        key: '2026-11.pool-80',
        event: {
          kind: 'warn',
          level: 80,
          instance: WEB,
          usedBytes: 170 * GB,
          allowanceBytes: 200 * GB,
          percent: 0,
          pool: {
            region: 'us-east-1',
            bundleId: 'small_3_0',
            instances: ['web-1', 'web-2'],
            usedBytes: 170 * GB,
            allowanceBytes: 200 * GB,
            percent: 0,
          },
        },
      },
    ]);
  });

  it('sends nothing for a pool only shown, without members, or whose usage is not all known', () => {
    const due: DueAlert[] = [{ kind: 'warn', level: 80 }];
    const totals = aPool(due).totals;
    const unknownTotals = totals && {
      ...totals,
      usage: { kind: 'unknown', reason: 'no datapoints' } as const,
    };

    expect(poolEventsOf(aPool(due, { judged: false }), MONTH)).toEqual([]);
    expect(poolEventsOf(aPool(due, { members: [] }), MONTH)).toEqual([]);
    expect(poolEventsOf(aPool(due, { totals: undefined }), MONTH)).toEqual([]);
    expect(poolEventsOf(aPool(due, { totals: unknownTotals }), MONTH)).toEqual([]);
  });
});
