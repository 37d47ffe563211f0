import { describe, expect, it } from 'vitest';
import { allowanceFor } from '../../src/core/allowance.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { at } from '../support/builders.js';

const GB_PRORATED = { unit: 'GB', prorateNewInstances: true } as const;
const NOVEMBER = billingMonthOf(at('2026-11-20T10:00:00.000Z'));

describe('allowanceFor', () => {
  it('counts gbPerMonthAllocated in decimal GB (10^9 bytes) by default', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2025-01-01T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED);

    expect(allowance).toEqual({ bytes: 1024 * 1e9, share: 1 });
  });

  it('counts gbPerMonthAllocated in binary GiB (2^30 bytes) when the unit is GiB', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2025-01-01T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, { unit: 'GiB', prorateNewInstances: true });

    expect(allowance.bytes).toBe(1024 * 2 ** 30);
  });

  it('gives the full allowance to an instance created before this month', () => {
    const instance = { allowanceGb: 2048, createdAt: at('2026-10-31T23:59:59.999Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED);

    expect(allowance).toEqual({ bytes: 2048 * 1e9, share: 1 });
  });

  it('gives exactly half the allowance to an instance created at 00:00 on the 16th of a 30-day month', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-16T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED);

    expect(allowance.share).toBe(0.5);
    expect(allowance.bytes).toBe(512 * 1e9);
  });

  it('gives the full allowance to an instance created at 00:00:00.000 on the 1st', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-01T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED);

    expect(allowance).toEqual({ bytes: 1024 * 1e9, share: 1 });
  });

  it('pro-rates an instance created one millisecond into the month to just under the full allowance', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-01T00:00:00.001Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED);

    expect(allowance.share).toBeLessThan(1);
    expect(allowance.share).toBeGreaterThan(0.999_999);
  });

  it('pro-rates by the 29 days of February in a leap year', () => {
    const february = billingMonthOf(at('2028-02-20T00:00:00.000Z'));
    // Created at 00:00 on the 15th: 15 of 29 days are left.
    const instance = { allowanceGb: 2900, createdAt: at('2028-02-15T00:00:00.000Z') };

    const allowance = allowanceFor(instance, february, GB_PRORATED);

    expect(allowance.share).toBeCloseTo(15 / 29, 12);
    expect(allowance.bytes).toBeCloseTo(1500 * 1e9, 0);
  });

  it('pro-rates by the 28 days of February in a common year', () => {
    const february = billingMonthOf(at('2027-02-20T00:00:00.000Z'));
    const instance = { allowanceGb: 1024, createdAt: at('2027-02-15T00:00:00.000Z') };

    const allowance = allowanceFor(instance, february, GB_PRORATED);

    expect(allowance.share).toBe(0.5);
  });

  it('gives the full allowance to an instance created this month when pro-rating is off', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-11-16T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, { unit: 'GB', prorateNewInstances: false });

    expect(allowance).toEqual({ bytes: 1024 * 1e9, share: 1 });
  });

  it('gives no allowance to an instance created at the very end of the month', () => {
    const instance = { allowanceGb: 1024, createdAt: at('2026-12-01T00:00:00.000Z') };

    const allowance = allowanceFor(instance, NOVEMBER, GB_PRORATED);

    expect(allowance.bytes).toBe(0);
  });
});
