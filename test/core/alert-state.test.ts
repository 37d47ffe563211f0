import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { keepRunningThisMonth, unknownAlertedToday } from '../../src/core/alert-state.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { assess } from '../../src/core/decide.js';
import { anInstance, at, fullAllowance, GB, knownUsage } from '../support/builders.js';
import { LIGHTSAIL_TAG_VALUE } from '../support/scenario.js';

describe('alert state tags', () => {
  it('asks only for tag values Lightsail accepts after any assessment', () => {
    const now = at('2026-11-20T10:00:00.000Z');
    const month = billingMonthOf(now);
    const policy = { quotaPercent: 95, warnPercents: [50, 62.5, 80, 90] };
    const cases = [
      assess({
        instance: anInstance(),
        usage: knownUsage(91 * GB),
        allowance: fullAllowance(100),
        policy,
        month,
        now,
      }),
      assess({
        instance: anInstance({ tags: { [TAGS.keepRunning]: '2026-11' } }),
        usage: knownUsage(99 * GB),
        allowance: fullAllowance(100),
        policy,
        month,
        now,
      }),
      assess({
        instance: anInstance({ state: 'stopped', tags: { [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z' } }),
        usage: { kind: 'unknown', reason: 'NetworkIn: <boom> & more, with commas' },
        allowance: fullAllowance(100),
        policy,
        month,
        now,
      }),
    ];

    const values = cases.flatMap((assessment) => Object.values(assessment.tagsOnDelivery));

    expect(values.length).toBeGreaterThanOrEqual(4);
    for (const value of values) expect(value).toMatch(LIGHTSAIL_TAG_VALUE);
  });

  it('keeps running only for a keep-running tag naming this month, spaces around it allowed', () => {
    expect(keepRunningThisMonth({ [TAGS.keepRunning]: ' 2026-11 ' }, '2026-11')).toBe(true);
    expect(keepRunningThisMonth({ [TAGS.keepRunning]: '2026-10' }, '2026-11')).toBe(false);
    expect(keepRunningThisMonth({}, '2026-11')).toBe(false);
  });

  it('knows the unknown alert was delivered today only when the tag names today', () => {
    expect(unknownAlertedToday({ [TAGS.unknownAlerted]: '2026-11-20' }, '2026-11-20')).toBe(true);
    expect(unknownAlertedToday({ [TAGS.unknownAlerted]: '2026-11-19' }, '2026-11-20')).toBe(false);
  });

  it('keeps every tag key under the guard’s prefix and within Lightsail’s 128 characters', () => {
    for (const key of Object.values(TAGS)) {
      expect(key.startsWith('lightsail-guard:')).toBe(true);
      expect(key.length).toBeLessThanOrEqual(128);
    }
  });
});
