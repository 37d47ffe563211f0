import { describe, expect, it } from 'vitest';
import { allowanceFor, trustedCreation } from '../../src/core/allowance.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { at } from '../support/builders.js';

const GB_PRORATED = { unit: 'GB', prorateNewInstances: true } as const;
const NOW = at('2026-11-20T10:00:00.000Z');
const NOVEMBER = billingMonthOf(NOW);

describe('allowanceFor', () => {
  it('counts gbPerMonthAllocated in decimal GB (10^9 bytes) by default', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2025-01-01T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED, NOW);

    expect(allowance).toEqual({ bytes: 1024 * 1e9, share: 1 });
  });

  it('counts gbPerMonthAllocated in binary GiB (2^30 bytes) when the unit is GiB', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2025-01-01T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, { unit: 'GiB', prorateNewInstances: true }, NOW);

    expect(allowance.bytes).toBe(1024 * 2 ** 30);
  });

  it('gives the full allowance to an instance created before this month', () => {
    const instance = { allowanceGb: 2048, createdAt: at('2026-10-31T23:59:59.999Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED, NOW);

    expect(allowance).toEqual({ bytes: 2048 * 1e9, share: 1 });
  });

  it('gives exactly half the allowance to an instance created at 00:00 on the 16th of a 30-day month', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-16T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED, NOW);

    expect(allowance.share).toBe(0.5);
    expect(allowance.bytes).toBe(512 * 1e9);
  });

  it('gives the full allowance to an instance created at 00:00:00.000 on the 1st', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-01T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED, NOW);

    expect(allowance).toEqual({ bytes: 1024 * 1e9, share: 1 });
  });

  it('pro-rates an instance created one millisecond into the month to just under the full allowance', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-01T00:00:00.001Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED, NOW);

    expect(allowance.share).toBeLessThan(1);
    expect(allowance.share).toBeGreaterThan(0.999_999);
  });

  it('pro-rates by the 29 days of February in a leap year', () => {
    const leapNow = at('2028-02-20T00:00:00.000Z');
    const february = billingMonthOf(leapNow);
    // Created at 00:00 on the 15th: 15 of 29 days are left.
    const instance = { allowanceGb: 2900, createdAt: at('2028-02-15T00:00:00.000Z') };

    const allowance = allowanceFor(instance, february, GB_PRORATED, leapNow);

    expect(allowance.share).toBeCloseTo(15 / 29, 12);
    expect(allowance.bytes).toBeCloseTo(1500 * 1e9, 0);
  });

  it('pro-rates by the 28 days of February in a common year', () => {
    const commonNow = at('2027-02-20T00:00:00.000Z');
    const february = billingMonthOf(commonNow);
    const instance = { allowanceGb: 1024, createdAt: at('2027-02-15T00:00:00.000Z') };

    const allowance = allowanceFor(instance, february, GB_PRORATED, commonNow);

    expect(allowance.share).toBe(0.5);
  });

  it('gives the full allowance to an instance created this month when pro-rating is off', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-16T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, { unit: 'GB', prorateNewInstances: false }, NOW);

    expect(allowance).toEqual({ bytes: 1024 * 1e9, share: 1 });
  });

  it('gives almost no allowance to an instance created in the last second of the month', () => {
    const lastSecond = at('2026-11-30T23:59:59.000Z');
    const instance = { allowanceGb: 1024, createdAt: lastSecond };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED, at('2026-11-30T23:59:59.999Z'));

    expect(allowance.share).toBeCloseTo(1 / (30 * 86_400), 12);
  });

  it('gives the full allowance, not a sliver, to an instance whose creation time lies in the future', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-29T20:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED, NOW);

    expect(allowance).toEqual({ bytes: 1024 * 1e9, share: 1 });
  });

  it('gives the full allowance to an instance without a creation time', () => {
    const instance = { allowanceGb: 1024, createdAt: new Date(Number.NaN) };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED, NOW);

    expect(allowance).toEqual({ bytes: 1024 * 1e9, share: 1 });
  });
});

describe('trustedCreation', () => {
  it('trusts a creation time up to now', () => {
    expect(trustedCreation(NOW, NOW)).toEqual({ at: NOW });
  });

  it('names a creation time in the future as the problem', () => {
    expect(trustedCreation(at('2026-11-20T10:00:00.001Z'), NOW)).toEqual({
      problem: 'its creation time 2026-11-20T10:00:00.001Z lies in the future',
    });
  });

  it('names a missing creation time as the problem', () => {
    expect(trustedCreation(new Date(Number.NaN), NOW)).toEqual({
      problem: 'GetInstances gave no creation time',
    });
  });
});
