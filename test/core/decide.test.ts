import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { allowanceFor } from '../../src/core/allowance.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import {
  type AlertMemory,
  type Assessment,
  alertMemoryOf,
  assess,
  decide,
  type GuardPolicy,
  pendingStopAlert,
  percentUsed,
} from '../../src/core/decide.js';
import type { Instance, UsageReading } from '../../src/core/types.js';
import { anInstance, at, DEFAULT_POLICY, fullAllowance, GB, knownUsage } from '../support/builders.js';

const NOW = at('2026-11-20T10:00:00.000Z');
const NOVEMBER = billingMonthOf(NOW);

/** Assesses a 100 GB instance with `usage` (a percentage when a number), in November 2026 unless told otherwise. */
function assessAt(
  usage: number | UsageReading,
  options: { instance?: Partial<Instance>; policy?: GuardPolicy; now?: Date } = {},
): Assessment {
  const now = options.now ?? NOW;
  return assess({
    instance: anInstance(options.instance),
    usage: typeof usage === 'number' ? knownUsage(usage * GB) : usage,
    allowance: fullAllowance(100),
    policy: options.policy ?? DEFAULT_POLICY,
    month: billingMonthOf(now),
    now,
  });
}

/** The instance's tags after the alerts of `assessment` were delivered. */
const afterDelivery = (instance: Partial<Instance>, assessment: Assessment): Partial<Instance> => ({
  ...instance,
  tags: { ...instance.tags, ...assessment.tagsOnDelivery },
});

describe('assess: stopping', () => {
  it('stops a running instance at exactly the threshold (95.0%)', () => {
    const assessment = assessAt(95);

    expect(assessment.stop).toBe(true);
    expect(assessment.due).toEqual([{ kind: 'stop' }]);
  });

  it('does not stop a running instance at 94.99%', () => {
    const assessment = assessAt(94.99);

    expect(assessment.stop).toBe(false);
    expect(assessment.due.some((due) => due.kind === 'stop')).toBe(false);
  });

  it.each([29, 57, 58, 95])(
    'stops at exactly a %i% threshold whatever rounding the division does',
    (quota) => {
      const assessment = assessAt(quota, { policy: { quotaPercent: quota, warnPercents: [] } });

      expect(assessment.stop).toBe(true);
    },
  );

  it('stops an instance created this month at 95% of its pro-rated allowance', () => {
    const instance = anInstance({ createdAt: at('2026-11-16T00:00:00.000Z'), allowanceGb: 1000 });
    const allowance = allowanceFor(instance, NOVEMBER, { unit: 'GB', prorateNewInstances: true }, NOW);

    const assessment = assess({
      instance,
      usage: knownUsage(475 * GB),
      allowance,
      policy: DEFAULT_POLICY,
      month: NOVEMBER,
      now: NOW,
    });

    expect(assessment.percent).toBe(95);
    expect(assessment.stop).toBe(true);
  });

  it.each(['stopped', 'pending', 'stopping'])('does not stop an instance that is %s', (state) => {
    const assessment = assessAt(120, { instance: { state } });

    expect(assessment.percent).toBe(120);
    expect(assessment.stop).toBe(false);
  });

  it('counts inbound and outbound traffic together', () => {
    const assessment = assess({
      instance: anInstance(),
      usage: { kind: 'known', inBytes: 50 * GB, outBytes: 45 * GB },
      allowance: fullAllowance(100),
      policy: DEFAULT_POLICY,
      month: NOVEMBER,
      now: NOW,
    });

    expect(assessment.percent).toBe(95);
    expect(assessment.stop).toBe(true);
  });

  it('treats any use of an allowance of 0 as infinitely over and stops', () => {
    const assessment = assess({
      instance: anInstance(),
      usage: knownUsage(1),
      allowance: { bytes: 0, share: 0 },
      policy: DEFAULT_POLICY,
      month: NOVEMBER,
      now: NOW,
    });

    expect(assessment.percent).toBe(Number.POSITIVE_INFINITY);
    expect(assessment.stop).toBe(true);
  });

  it('records the warning levels a stop passed so that they do not follow it', () => {
    const assessment = assessAt(97);

    expect(assessment.due).toEqual([{ kind: 'stop' }]);
    expect(assessment.tagsOnDelivery[TAGS.alerted]).toBe('2026-11:80/90');
  });

  it('asks only for the alerted levels, no stop-unsent tag, on an instance that carried no stop record', () => {
    // The engine clears the write-ahead record it wrote itself; the core must not invent one.
    const assessment = assessAt(97);

    expect(assessment.stop).toBe(true);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80/90' });
  });
});

describe('percentUsed', () => {
  it('reads no use of an allowance of 0 as 0%', () => {
    expect(percentUsed(0, 0)).toBe(0);
  });
});

describe('assess: warnings', () => {
  it('sends one "warn 80" when usage crosses 80%', () => {
    const assessment = assessAt(81);

    expect(assessment.stop).toBe(false);
    expect(assessment.due).toEqual([{ kind: 'warn', level: 80 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80' });
  });

  it('sends nothing and writes nothing under the lowest warning level', () => {
    const assessment = assessAt(79.9);

    expect(assessment.due).toEqual([]);
    expect(assessment.tagsOnDelivery).toEqual({});
  });

  it('sends only the highest new level when usage jumps from 0 to 91%, and records both', () => {
    const assessment = assessAt(91);

    expect(assessment.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80/90' });
  });

  it('sends nothing on a second assessment with the tags written after the first was delivered', () => {
    const first = assessAt(91);

    const second = assessAt(92, { instance: afterDelivery({}, first) });

    expect(second.due).toEqual([]);
    expect(second.tagsOnDelivery).toEqual({});
  });

  it('sends the 90 warning once usage crosses it after the 80 warning was delivered', () => {
    const tags = { [TAGS.alerted]: '2026-11:80' };

    const assessment = assessAt(90, { instance: { tags } });

    expect(assessment.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80/90' });
  });

  it('does not let last month’s alerted tag suppress this month’s warning', () => {
    const tags = { [TAGS.alerted]: '2026-10:80/90' };

    const assessment = assessAt(85, { instance: { tags } });

    expect(assessment.due).toEqual([{ kind: 'warn', level: 80 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80' });
  });

  it('starts clean in January after alerts were delivered in December', () => {
    const tags = { [TAGS.alerted]: '2026-12:80/90' };

    const assessment = assessAt(91, { instance: { tags }, now: at('2027-01-01T00:10:00.000Z') });

    expect(assessment.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2027-01:80/90' });
  });

  const shuffled: GuardPolicy = { quotaPercent: 95, warnPercents: [90, 50, 80] };

  it('warns at the highest level crossed even when the levels are not given lowest first', () => {
    const assessment = assessAt(85, { policy: shuffled });

    expect(assessment.due).toEqual([{ kind: 'warn', level: 80 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:50/80' });
  });

  it('warns at 90, not a lower level, when usage jumps past every level given out of order', () => {
    const assessment = assessAt(93, { policy: shuffled });

    expect(assessment.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:50/80/90' });
  });
});

describe('assess: keep-running override', () => {
  const keepNovember = { [TAGS.keepRunning]: '2026-11' };

  it('does not stop an instance tagged to keep running this month, and sends one kept-running alert', () => {
    const assessment = assessAt(97, { instance: { tags: keepNovember } });

    expect(assessment.stop).toBe(false);
    expect(assessment.keptRunning).toBe(true);
    expect(assessment.due).toEqual([{ kind: 'kept-running' }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80/90/override' });
  });

  it('sends the kept-running alert only once a month', () => {
    const first = assessAt(97, { instance: { tags: keepNovember } });

    const second = assessAt(99, { instance: afterDelivery({ tags: keepNovember }, first) });

    expect(second.stop).toBe(false);
    expect(second.due).toEqual([]);
  });

  it('stops an instance whose keep-running tag is for last month', () => {
    const assessment = assessAt(97, { instance: { tags: { [TAGS.keepRunning]: '2026-10' } } });

    expect(assessment.stop).toBe(true);
    expect(assessment.keptRunning).toBe(false);
    expect(assessment.due).toEqual([{ kind: 'stop' }]);
  });

  it('stops in January an instance kept running in December', () => {
    const tags = { [TAGS.keepRunning]: '2026-12', [TAGS.alerted]: '2026-12:80/90/override' };

    const assessment = assessAt(97, { instance: { tags }, now: at('2027-01-01T00:00:00.000Z') });

    expect(assessment.stop).toBe(true);
  });
});

describe('assess: unknown usage', () => {
  const unknown: UsageReading = { kind: 'unknown', reason: 'NetworkIn: the answer had no metricData' };
  const assessUnknown = (tags: Record<string, string> = {}, now = NOW, state = 'running') =>
    assess({
      instance: anInstance({ tags, state }),
      usage: unknown,
      allowance: fullAllowance(100),
      policy: DEFAULT_POLICY,
      month: billingMonthOf(now),
      now,
    });

  it('sends an unknown alert with the reason, and never reports a percent of 0', () => {
    const assessment = assessUnknown();

    expect(assessment.percent).toBeNull();
    expect(assessment.stop).toBe(false);
    expect(assessment.due).toEqual([{ kind: 'unknown', reason: unknown.reason }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.unknownAlerted]: '2026-11-20' });
  });

  it('sends the unknown alert once per UTC day', () => {
    const first = assessUnknown();

    const laterToday = assessUnknown(first.tagsOnDelivery, at('2026-11-20T23:59:59.999Z'));
    const tomorrow = assessUnknown(first.tagsOnDelivery, at('2026-11-21T00:00:00.000Z'));

    expect(laterToday.due).toEqual([]);
    expect(tomorrow.due).toEqual([{ kind: 'unknown', reason: unknown.reason }]);
  });

  it('still re-sends an undelivered stop alert when the usage cannot be read', () => {
    const tags = { [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z', [TAGS.unknownAlerted]: '2026-11-20' };

    const assessment = assessUnknown(tags, NOW, 'stopped');

    expect(assessment.due).toEqual([{ kind: 'stop', undeliveredSince: '2026-11-20T09:50:00.000Z' }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.stopUnsent]: '' });
  });

  it('does not call an instance with unknown usage "kept running", even when it carries the tag', () => {
    const unknown: UsageReading = { kind: 'unknown', reason: 'NetworkIn: throttled' };

    const assessment = assessAt(unknown, { instance: { tags: { [TAGS.keepRunning]: '2026-11' } } });

    expect(assessment.keptRunning).toBe(false);
    expect(assessment.stop).toBe(false);
    expect(assessment.due).toEqual([{ kind: 'unknown', reason: 'NetworkIn: throttled' }]);
  });
});

describe('assess: a stop whose alert was not delivered', () => {
  const pending = { [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z' };

  it('makes the stop alert of a stopped instance due again and clears the tag on delivery', () => {
    const assessment = assessAt(97, { instance: { state: 'stopped', tags: pending } });

    expect(assessment.stop).toBe(false);
    expect(assessment.due).toEqual([{ kind: 'stop', undeliveredSince: '2026-11-20T09:50:00.000Z' }]);
    expect(assessment.tagsOnDelivery[TAGS.stopUnsent]).toBe('');
    expect(assessment.tagsOnDelivery[TAGS.alerted]).toBe('2026-11:80/90');
  });

  it('does not treat a cleared (empty) stop-unsent tag as pending', () => {
    const tags = { [TAGS.stopUnsent]: '', [TAGS.alerted]: '2026-11:80/90' };

    const assessment = assessAt(97, { instance: { state: 'stopped', tags } });

    expect(assessment.due).toEqual([]);
  });

  it('clears the tag when the instance was restarted and is stopped again', () => {
    const assessment = assessAt(97, { instance: { state: 'running', tags: pending } });

    expect(assessment.stop).toBe(true);
    expect(assessment.due).toEqual([{ kind: 'stop' }]);
    expect(assessment.tagsOnDelivery[TAGS.stopUnsent]).toBe('');
  });

  it('asks to clear an older stop record when the instance is stopped again', () => {
    const assessment = assessAt(97, {
      instance: { tags: { [TAGS.stopUnsent]: '2026-11-19T22:00:00.000Z' } },
    });

    expect(assessment.tagsOnDelivery).toEqual({
      [TAGS.alerted]: '2026-11:80/90',
      [TAGS.stopUnsent]: '',
    });
  });
});

describe('decide: from what is running and what is remembered, without an instance', () => {
  const nothing: AlertMemory = {
    delivered: new Set(),
    keptRunning: false,
    undeliveredStop: undefined,
    unknownAlertedToday: false,
  };
  const decideAt = (percent: number, running: boolean, memory: AlertMemory) =>
    decide({
      usage: knownUsage(percent * GB),
      allowance: fullAllowance(100),
      policy: DEFAULT_POLICY,
      month: NOVEMBER,
      now: NOW,
      running,
      memory,
    });

  it('sends no warning already delivered this month, and records the new one with it', () => {
    const decision = decideAt(91, true, { ...nothing, delivered: new Set(['80']) });

    expect(decision.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(decision.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80/90' });
  });

  it('keeps running what is kept running, and stops only what runs', () => {
    expect(decideAt(99, true, { ...nothing, keptRunning: true }).due).toEqual([{ kind: 'kept-running' }]);
    expect(decideAt(99, true, nothing).stop).toBe(true);
    expect(decideAt(99, false, nothing).stop).toBe(false);
  });

  it('owes a stop alert remembered as undelivered, and sends today’s unknown alert only once', () => {
    const unknown = (memory: AlertMemory) =>
      decide({
        usage: { kind: 'unknown', reason: 'no datapoints' },
        allowance: fullAllowance(100),
        policy: DEFAULT_POLICY,
        month: NOVEMBER,
        now: NOW,
        running: false,
        memory,
      }).due;

    expect(unknown({ ...nothing, undeliveredStop: '2026-11-20T09:50:00.000Z' })).toEqual([
      { kind: 'stop', undeliveredSince: '2026-11-20T09:50:00.000Z' },
      { kind: 'unknown', reason: 'no datapoints' },
    ]);
    expect(unknown({ ...nothing, unknownAlertedToday: true })).toEqual([]);
  });
});

describe('alertMemoryOf', () => {
  it('reads this month’s delivered alerts, the keep-running tag, an owed stop and today’s unknown alert', () => {
    const memory = alertMemoryOf(
      {
        tags: {
          [TAGS.alerted]: '2026-11:80/forecast',
          [TAGS.keepRunning]: '2026-11',
          [TAGS.stopUnsent]: '2026-11-19T10:00:00.000Z',
          [TAGS.unknownAlerted]: '2026-11-20',
        },
      },
      NOVEMBER,
      NOW,
    );

    expect(memory).toEqual({
      delivered: new Set(['80', 'forecast']),
      keptRunning: true,
      undeliveredStop: '2026-11-19T10:00:00.000Z',
      unknownAlertedToday: true,
    });
  });

  it('remembers nothing of an untagged instance, nor of last month’s or yesterday’s tags', () => {
    const tags = {
      [TAGS.alerted]: '2026-10:80',
      [TAGS.keepRunning]: '2026-10',
      [TAGS.unknownAlerted]: '2026-11-19',
    };

    const nothing = {
      delivered: new Set(),
      keptRunning: false,
      undeliveredStop: undefined,
      unknownAlertedToday: false,
    };
    expect(alertMemoryOf({ tags: {} }, NOVEMBER, NOW)).toEqual(nothing);
    expect(alertMemoryOf({ tags }, NOVEMBER, NOW)).toEqual(nothing);
  });
});

describe('pendingStopAlert', () => {
  it('reads a stop-unsent tag holding only spaces as no alert owed', () => {
    expect(pendingStopAlert({ tags: { [TAGS.stopUnsent]: '   ' } })).toBeUndefined();
  });

  it('reads the stop time without the spaces around it', () => {
    const tags = { [TAGS.stopUnsent]: ' 2026-11-20T09:50:00.000Z ' };

    expect(pendingStopAlert({ tags })).toBe('2026-11-20T09:50:00.000Z');
  });

  it('sends nothing for a blank record on a stopped instance whose levels were delivered', () => {
    const tags = { [TAGS.stopUnsent]: ' ', [TAGS.alerted]: '2026-11:80/90' };

    const assessment = assessAt(97, { instance: { state: 'stopped', tags } });

    expect(assessment.due).toEqual([]);
    expect(assessment.tagsOnDelivery).toEqual({});
  });
});
