import { describe, expect, it } from 'vitest';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { HOUR_MS, hourlyUsage } from '../../src/core/hourly.js';
import type { MetricPoint, MetricRead } from '../../src/core/types.js';
import { interpretUsage, usageWindow } from '../../src/core/usage.js';
import { anInstance, at } from '../support/builders.js';

const point = (iso: string, sum: number): MetricPoint => ({ timestampMs: at(iso).getTime(), sum });
const read = (...points: MetricPoint[]): MetricRead => ({ kind: 'datapoints', points });
const windowAt = (iso: string) => usageWindow(billingMonthOf(at(iso)), at(iso));

describe('hourly usage', () => {
  it('adds NetworkIn and NetworkOut hour by hour, whatever order the datapoints came in', () => {
    const window = windowAt('2026-11-01T02:20:00.000Z');

    const hourly = hourlyUsage(window, [
      [point('2026-11-01T02:00:00.000Z', 5), point('2026-11-01T00:00:00.000Z', 1)],
      [point('2026-11-01T00:00:00.000Z', 10), point('2026-11-01T01:00:00.000Z', 20)],
    ]);

    expect(hourly).toEqual({ startMs: at('2026-11-01T00:00:00.000Z').getTime(), bytes: [11, 20, 5] });
  });

  it('has one hour, the current one, at 00:00 UTC on the 1st', () => {
    const hourly = hourlyUsage(windowAt('2026-11-01T00:00:00.000Z'), [[], []]);

    expect(hourly?.bytes).toEqual([0]);
  });

  it('has 744 hours, the last one partial, at the last millisecond of December', () => {
    const hourly = hourlyUsage(windowAt('2026-12-31T23:59:59.999Z'), [
      [point('2026-12-31T23:00:00.000Z', 7)],
    ]);

    expect(hourly?.bytes).toHaveLength(744);
    expect(hourly?.bytes.at(-1)).toBe(7);
    expect(hourly?.startMs).toBe(Date.UTC(2026, 11, 1));
  });

  it('starts again from the 1st of January at the turn of the year', () => {
    const hourly = hourlyUsage(windowAt('2027-01-01T00:59:00.000Z'), [
      [point('2027-01-01T00:00:00.000Z', 3)],
    ]);

    expect(hourly).toEqual({ startMs: Date.UTC(2027, 0, 1), bytes: [3] });
  });

  it('has 696 hours at the end of February in a leap year', () => {
    const hourly = hourlyUsage(windowAt('2028-02-29T23:30:00.000Z'), [[], []]);

    expect(hourly?.bytes).toHaveLength(29 * 24);
  });

  it.each([
    ['without a timestamp', Number.NaN],
    ['off the hour', at('2026-11-01T01:30:00.000Z').getTime()],
    ['before the 1st', at('2026-10-31T23:00:00.000Z').getTime()],
    ['after now', at('2026-11-01T03:00:00.000Z').getTime()],
  ])('has no hourly series when a datapoint is %s', (_label, timestampMs) => {
    const hourly = hourlyUsage(windowAt('2026-11-01T02:20:00.000Z'), [[{ timestampMs, sum: 1 }], []]);

    expect(hourly).toBeUndefined();
  });

  it('has no hourly series from daily buckets', () => {
    const window = { ...windowAt('2026-11-01T02:20:00.000Z'), periodSeconds: 86_400 };

    expect(hourlyUsage(window, [[], []])).toBeUndefined();
    expect(HOUR_MS).toBe(3_600_000);
  });
});

describe('usage with its hours', () => {
  const window = windowAt('2026-11-01T02:20:00.000Z');

  it('carries the hourly series next to the month total, both from the same datapoints', () => {
    const usage = interpretUsage({
      instance: anInstance(),
      window,
      inbound: read(point('2026-11-01T00:00:00.000Z', 100), point('2026-11-01T02:00:00.000Z', 1)),
      outbound: read(point('2026-11-01T01:00:00.000Z', 50)),
    });

    expect(usage).toEqual({
      kind: 'known',
      inBytes: 101,
      outBytes: 50,
      hourly: { startMs: Date.UTC(2026, 10, 1), bytes: [100, 50, 1] },
    });
  });

  it('still counts a datapoint without a timestamp in the total, with no hourly series', () => {
    const usage = interpretUsage({
      instance: anInstance(),
      window,
      inbound: read({ timestampMs: Number.NaN, sum: 100 }),
      outbound: read(point('2026-11-01T01:00:00.000Z', 50)),
    });

    expect(usage).toEqual({ kind: 'known', inBytes: 100, outBytes: 50 });
  });
});

describe('hourly sample counts', () => {
  const window = windowAt('2026-11-01T02:20:00.000Z');
  const counted = (iso: string, sum: number, samples: number): MetricPoint => ({
    ...point(iso, sum),
    samples,
  });

  it('adds each metric’s samples hour by hour and keeps the smaller of NetworkIn’s and NetworkOut’s', () => {
    const hourly = hourlyUsage(window, [
      [
        counted('2026-11-01T00:00:00.000Z', 1, 12),
        counted('2026-11-01T01:00:00.000Z', 1, 12),
        counted('2026-11-01T02:00:00.000Z', 1, 5),
      ],
      [
        counted('2026-11-01T00:00:00.000Z', 1, 12),
        counted('2026-11-01T01:00:00.000Z', 1, 11),
        counted('2026-11-01T02:00:00.000Z', 1, 4),
      ],
    ]);

    expect(hourly?.samples).toEqual([12, 11, 4]);
  });

  it('counts an hour one metric has no datapoint in as holding no sample', () => {
    const hourly = hourlyUsage(window, [
      [counted('2026-11-01T00:00:00.000Z', 1, 12), counted('2026-11-01T02:00:00.000Z', 1, 5)],
      [
        counted('2026-11-01T00:00:00.000Z', 1, 12),
        counted('2026-11-01T01:00:00.000Z', 1, 12),
        counted('2026-11-01T02:00:00.000Z', 1, 5),
      ],
    ]);

    expect(hourly?.samples).toEqual([12, 0, 5]);
  });

  it('has no sample counts when any datapoint lacks one, or has one that is not a whole number of at least 0', () => {
    const good = counted('2026-11-01T00:00:00.000Z', 1, 12);
    for (const bad of [
      point('2026-11-01T01:00:00.000Z', 1),
      counted('2026-11-01T01:00:00.000Z', 1, -1),
      counted('2026-11-01T01:00:00.000Z', 1, 2.5),
    ]) {
      const hourly = hourlyUsage(window, [[good, bad], [good]]);

      expect(hourly).toEqual({ startMs: at('2026-11-01T00:00:00.000Z').getTime(), bytes: [2, 1, 0] });
    }
  });

  it('counts a datapoint of 0 samples as a count, and has no counts without any datapoint', () => {
    const zero = hourlyUsage(window, [[counted('2026-11-01T00:00:00.000Z', 0, 0)], []]);

    expect(zero?.samples).toEqual([0, 0, 0]);
    expect(hourlyUsage(window, [[], []])).toEqual({
      startMs: at('2026-11-01T00:00:00.000Z').getTime(),
      bytes: [0, 0, 0],
    });
  });
});

describe('hourly usage of a window that has not begun', () => {
  it('is no series when the window ends before it starts', () => {
    const start = at('2026-11-01T00:00:00.000Z');

    expect(
      hourlyUsage({ start, end: new Date(start.getTime() - 3_600_001), periodSeconds: 3_600 }, [[], []]),
    ).toBeUndefined();
  });
});
