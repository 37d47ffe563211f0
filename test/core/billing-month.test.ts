import { describe, expect, it } from 'vitest';
import { billingMonthOf, utcDayKey } from '../../src/core/billing-month.js';
import { at } from '../support/builders.js';

describe('billingMonthOf', () => {
  it('puts 00:00:00.000 UTC on the 1st in the month that starts then', () => {
    const now = at('2026-11-01T00:00:00.000Z');

    const month = billingMonthOf(now);

    expect(month.key).toBe('2026-11');
    expect(month.start.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(month.end.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('puts the last millisecond of a month in that month, with the next month as exclusive end', () => {
    const now = at('2026-11-30T23:59:59.999Z');

    const month = billingMonthOf(now);

    expect(month.key).toBe('2026-11');
    expect(month.start.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(month.end.getTime()).toBe(now.getTime() + 1);
  });

  it('ends December at 00:00 on 1 January of the next year', () => {
    const month = billingMonthOf(at('2026-12-31T23:59:59.999Z'));

    expect(month.key).toBe('2026-12');
    expect(month.end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('starts a new month and year one millisecond after the last of December', () => {
    const month = billingMonthOf(at('2027-01-01T00:00:00.000Z'));

    expect(month.key).toBe('2027-01');
    expect(month.start.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('gives February of a leap year 29 days, the 29th included', () => {
    const month = billingMonthOf(at('2028-02-29T12:00:00.000Z'));

    expect(month.key).toBe('2028-02');
    expect(month.end.toISOString()).toBe('2028-03-01T00:00:00.000Z');
    expect((month.end.getTime() - month.start.getTime()) / 86_400_000).toBe(29);
  });

  it('gives February of a common year 28 days', () => {
    const month = billingMonthOf(at('2027-02-28T23:59:59.999Z'));

    expect(month.key).toBe('2027-02');
    expect((month.end.getTime() - month.start.getTime()) / 86_400_000).toBe(28);
  });

  it('keys months YYYY-MM with a zero-padded month', () => {
    expect(billingMonthOf(at('2026-01-15T00:00:00.000Z')).key).toBe('2026-01');
    expect(billingMonthOf(at('2026-09-15T00:00:00.000Z')).key).toBe('2026-09');
    expect(billingMonthOf(at('2026-10-15T00:00:00.000Z')).key).toBe('2026-10');
  });

  it('uses the UTC month, not the local one, for a time that is already the next month east of UTC', () => {
    // 23:30 UTC on 31 October is 1 November in Tokyo; AWS bills it to October.
    const month = billingMonthOf(new Date('2026-11-01T08:30:00+09:00'));

    expect(month.key).toBe('2026-10');
  });
});

describe('utcDayKey', () => {
  it('keys a day YYYY-MM-DD in UTC, changing exactly at midnight UTC', () => {
    expect(utcDayKey(at('2026-11-16T23:59:59.999Z'))).toBe('2026-11-16');
    expect(utcDayKey(at('2026-11-17T00:00:00.000Z'))).toBe('2026-11-17');
  });
});
