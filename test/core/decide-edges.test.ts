import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { deliveredThisMonth } from '../../src/core/alert-keys.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { assess, type GuardPolicy, pendingStopAlert } from '../../src/core/decide.js';
import type { Instance, UsageReading } from '../../src/core/types.js';
import { anInstance, at, DEFAULT_POLICY, fullAllowance, GB, knownUsage } from '../support/builders.js';

const NOW = at('2026-11-20T10:00:00.000Z');
const NOVEMBER = billingMonthOf(NOW);

/** Assesses a 100 GB instance in November 2026 with `usage` (a percentage when a number). */
function assessWith(
  usage: number | UsageReading,
  options: { instance?: Partial<Instance>; policy?: GuardPolicy } = {},
) {
  return assess({
    instance: anInstance(options.instance),
    usage: typeof usage === 'number' ? knownUsage(usage * GB) : usage,
    allowance: fullAllowance(100),
    policy: options.policy ?? DEFAULT_POLICY,
    month: NOVEMBER,
    now: NOW,
  });
}

describe('assess: warning levels in any order', () => {
  const shuffled: GuardPolicy = { quotaPercent: 95, warnPercents: [90, 50, 80] };

  it('warns at the highest level crossed even when the levels are not given lowest first', () => {
    const assessment = assessWith(85, { policy: shuffled });

    expect(assessment.due).toEqual([{ kind: 'warn', level: 80 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:50/80' });
  });

  it('warns at 90, not a lower level, when usage jumps past every level given out of order', () => {
    const assessment = assessWith(93, { policy: shuffled });

    expect(assessment.due).toEqual([{ kind: 'warn', level: 90 }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:50/80/90' });
  });
});

describe('assess: unknown usage and the keep-running tag', () => {
  it('does not call an instance with unknown usage "kept running", even when it carries the tag', () => {
    const unknown: UsageReading = { kind: 'unknown', reason: 'NetworkIn: throttled' };

    const assessment = assessWith(unknown, { instance: { tags: { [TAGS.keepRunning]: '2026-11' } } });

    expect(assessment.keptRunning).toBe(false);
    expect(assessment.stop).toBe(false);
    expect(assessment.due).toEqual([{ kind: 'unknown', reason: 'NetworkIn: throttled' }]);
  });
});

describe('assess: the tags a fresh stop asks for', () => {
  it('asks only for the alerted levels, no stop-unsent tag, on an instance that carried no stop record', () => {
    // The engine clears the write-ahead record it wrote itself; the core must not invent one.
    const assessment = assessWith(97);

    expect(assessment.stop).toBe(true);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80/90' });
  });

  it('asks to clear an older stop record when the instance is stopped again', () => {
    const assessment = assessWith(97, {
      instance: { tags: { [TAGS.stopUnsent]: '2026-11-19T22:00:00.000Z' } },
    });

    expect(assessment.tagsOnDelivery).toEqual({
      [TAGS.alerted]: '2026-11:80/90',
      [TAGS.stopUnsent]: '',
    });
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

    const assessment = assessWith(97, { instance: { state: 'stopped', tags } });

    expect(assessment.due).toEqual([]);
    expect(assessment.tagsOnDelivery).toEqual({});
  });
});

describe('deliveredThisMonth', () => {
  it('reads an alerted tag that holds only this month, without levels, as nothing delivered', () => {
    expect([...deliveredThisMonth({ [TAGS.alerted]: '2026-11' }, '2026-11')]).toEqual([]);
  });
});
