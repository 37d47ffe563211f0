import { describe, expect, it } from 'vitest';
import { shuffle, startOfUtcMonth, trafficBuckets } from './metrics.js';

const sec = (iso: string) => Date.parse(iso) / 1000;

describe('trafficBuckets', () => {
  it('gives buckets before the month but after creation zero bytes, and the month its whole total', () => {
    const now = sec('2026-03-03T06:00:00Z');
    const start = sec('2026-02-27T00:00:00Z');

    const buckets = trafficBuckets({
      start,
      period: 86_400,
      buckets: 6,
      now,
      createdAt: sec('2026-01-01T00:00:00Z'),
      windowStart: sec('2026-03-01T00:00:00Z'),
      totalBytes: 49,
    });

    expect(buckets.map((b) => b.bytes)).toEqual([0, 0, 24 * (49 / 54), 24 * (49 / 54), 6 * (49 / 54)]);
    expect(buckets.reduce((s, b) => s + b.bytes, 0)).toBeCloseTo(49, 9);
  });

  it('counts 5-minute samples only while the instance existed', () => {
    const buckets = trafficBuckets({
      start: 0,
      period: 3600,
      buckets: 2,
      now: 7200,
      createdAt: 1800,
      windowStart: 1800,
      totalBytes: 100,
    });

    expect(buckets.map((b) => b.samples)).toEqual([6, 12]);
    expect(buckets.map((b) => b.bytes)).toEqual([100 / 3, 200 / 3]);
  });

  it('reads zero, not NaN, when the window has no length yet', () => {
    const [only] = trafficBuckets({
      start: 0,
      period: 60,
      buckets: 1,
      now: 30,
      createdAt: 30,
      windowStart: 30,
      totalBytes: 5,
    });

    expect(only?.bytes).toBe(0);
  });
});

describe('startOfUtcMonth', () => {
  it('is the 1st at 00:00 UTC, also across a year end', () => {
    expect(startOfUtcMonth(sec('2026-12-31T23:59:59Z'))).toBe(sec('2026-12-01T00:00:00Z'));
    expect(startOfUtcMonth(sec('2027-01-01T00:00:00Z'))).toBe(sec('2027-01-01T00:00:00Z'));
  });
});

describe('shuffle', () => {
  it('keeps every item', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);

    const shuffled = shuffle([...items]);

    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });
});
