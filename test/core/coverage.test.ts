import { describe, expect, it } from 'vitest';
import { combined, constant, gbps } from '../../sim/traffic.js';
import { coverageOf, lagMinutes, plannedLagMinutes } from '../../src/core/coverage.js';
import { windowOf } from '../../src/core/forecast.js';
import { recentPace } from '../../src/core/pace.js';
import type { HourlyUsage } from '../../src/core/types.js';
import { at } from '../support/builders.js';
import { seriesSeenAt } from '../support/series.js';

const MB_PER_SECOND = 1e6;
const steady = constant({ bytesPerSecond: 50 * MB_PER_SECOND });
const MONTH_START = at('2026-11-01T00:00:00.000Z').getTime();
const ASSUMED_MINUTES = 2;

/** The pace the guard states at `now` for `series`, measured over what it covers. */
const paceOf = (series: HourlyUsage, now: Date, observedFromMs = MONTH_START): number | null =>
  recentPace(series, windowOf(series, observedFromMs, now, ASSUMED_MINUTES).window);

const coverageAt = (series: HourlyUsage, now: Date, observedFromMs = MONTH_START) =>
  coverageOf(series, { observedFromMs, nowMs: now.getTime(), assumedDelayMs: ASSUMED_MINUTES * 60_000 });

const MINUTES_OF_THE_HOUR = [3, 7, 10, 21, 34, 48, 59];

describe('coverage measured from sample counts', () => {
  for (const sampleSeconds of [300, 60]) {
    describe(`with ${sampleSeconds / 60}-minute samples`, () => {
      for (const minute of MINUTES_OF_THE_HOUR) {
        it(`states the true rate at minute ${minute} when metrics arrive at once`, () => {
          const now = new Date(at('2026-11-20T10:00:00.000Z').getTime() + minute * 60_000);
          const series = seriesSeenAt(steady, { now, delayMinutes: 0, sampleSeconds });

          expect(coverageAt(series, now).source).toBe('measured');
          expect(lagMinutes(coverageAt(series, now), now.getTime())).toBeCloseTo(0, 6);
          expect((paceOf(series, now) ?? 0) / (50 * MB_PER_SECOND)).toBeCloseTo(1, 1);
          expect(Math.abs((paceOf(series, now) ?? 0) / (50 * MB_PER_SECOND) - 1)).toBeLessThan(0.05);
        });

        it(`states the true rate at minute ${minute} when metrics arrive 15 minutes late`, () => {
          const now = new Date(at('2026-11-20T10:00:00.000Z').getTime() + minute * 60_000);
          const series = seriesSeenAt(steady, { now, delayMinutes: 15, sampleSeconds });

          expect(lagMinutes(coverageAt(series, now), now.getTime())).toBeCloseTo(15, 6);
          expect(Math.abs((paceOf(series, now) ?? 0) / (50 * MB_PER_SECOND) - 1)).toBeLessThan(0.05);
        });
      }
    });
  }

  it('measures a one-minute lag as one minute, with the newest 5-minute bucket still growing', () => {
    const now = at('2026-11-20T10:21:00.000Z');
    const series = seriesSeenAt(steady, { now, delayMinutes: 1, sampleSeconds: 300 });

    const coverage = coverageAt(series, now);

    expect(coverage.source).toBe('measured');
    expect(coverage.sampleMs).toBe(300_000);
    expect(coverage.seenUntilMs).toBe(at('2026-11-20T10:20:00.000Z').getTime());
  });

  it('learns the samples of an hour from the instance’s own complete hours: 12 or 60', () => {
    const now = at('2026-11-20T10:30:00.000Z');

    expect(coverageAt(seriesSeenAt(steady, { now, sampleSeconds: 300 }), now).sampleMs).toBe(300_000);
    expect(coverageAt(seriesSeenAt(steady, { now, sampleSeconds: 60 }), now).sampleMs).toBe(60_000);
  });

  it('reaches into the previous hour when nothing of this one is visible yet', () => {
    const now = at('2026-11-20T10:05:00.000Z');
    const series = seriesSeenAt(steady, { now, delayMinutes: 15, sampleSeconds: 300 });

    expect(coverageAt(series, now).seenUntilMs).toBe(at('2026-11-20T09:50:00.000Z').getTime());
    expect(Math.abs((paceOf(series, now) ?? 0) / (50 * MB_PER_SECOND) - 1)).toBeLessThan(0.05);
  });

  it('measures an instance created this month from its creation, across its first complete hour', () => {
    const created = at('2026-11-20T08:20:00.000Z');
    const now = at('2026-11-20T10:12:00.000Z');
    const series = seriesSeenAt(steady, {
      now,
      delayMinutes: 1,
      fromMs: created.getTime(),
      sampleSeconds: 300,
    });

    const coverage = coverageAt(series, now, created.getTime());

    expect(coverage.source).toBe('measured');
    expect(lagMinutes(coverage, now.getTime())).toBeCloseTo(1, 6);
    expect(Math.abs((paceOf(series, now, created.getTime()) ?? 0) / (50 * MB_PER_SECOND) - 1)).toBeLessThan(
      0.05,
    );
  });

  it('never reaches past now, even when the samples would', () => {
    const now = at('2026-11-20T10:21:00.000Z');
    const series = seriesSeenAt(steady, { now, delayMinutes: 0, sampleSeconds: 300 });
    const doubled = {
      ...series,
      bytes: series.bytes.map((bytes, i) => (i === series.bytes.length - 1 ? bytes * 2 : bytes)),
    };

    expect(coverageAt(doubled, now).seenUntilMs).toBe(now.getTime());
  });
});

describe('a 1 Gbps burst over measured coverage', () => {
  it('plans from the start of the newest sample when the pace rose within it, and reads the pace as full', () => {
    const burst = combined(
      constant({ bytesPerSecond: MB_PER_SECOND }),
      constant({ bytesPerSecond: gbps(1), from: at('2026-11-20T10:19:00.000Z').getTime() / 1000 }),
    );
    const now = at('2026-11-20T10:22:00.000Z');
    const series = seriesSeenAt(burst, { now, delayMinutes: 1, sampleSeconds: 300 });

    const coverage = coverageAt(series, now);

    expect(coverage.seenUntilMs).toBe(now.getTime());
    expect(coverage.plannedFromMs).toBe(at('2026-11-20T10:20:00.000Z').getTime());
    expect(plannedLagMinutes(coverage, now.getTime())).toBeCloseTo(2, 6);
  });

  it('plans from what it sees when the newest sample holds no more than a sample’s worth', () => {
    const now = at('2026-11-20T10:22:00.000Z');
    const coverage = coverageAt(seriesSeenAt(steady, { now, delayMinutes: 1, sampleSeconds: 300 }), now);

    expect(coverage.plannedFromMs).toBeUndefined();
    expect(plannedLagMinutes(coverage, now.getTime())).toBeCloseTo(1, 6);
  });

  it('reads about 1 Gbps, not several, when metrics arrive at once', () => {
    const burst = combined(
      constant({ bytesPerSecond: MB_PER_SECOND }),
      constant({ bytesPerSecond: gbps(1), from: at('2026-11-20T10:00:00.000Z').getTime() / 1000 }),
    );
    for (const minute of [10, 21, 40]) {
      const now = new Date(at('2026-11-20T10:00:00.000Z').getTime() + minute * 60_000);
      const series = seriesSeenAt(burst, { now, delayMinutes: 0, sampleSeconds: 300 });

      expect(Math.abs((paceOf(series, now) ?? 0) / (gbps(1) + MB_PER_SECOND) - 1)).toBeLessThan(0.05);
    }
  });
});

describe('coverage assumed where it cannot be measured', () => {
  it('assumes METRIC_DELAY_MINUTES when the answers carry no sample count', () => {
    const now = at('2026-11-20T10:21:00.000Z');
    const series = seriesSeenAt(steady, { now, delayMinutes: 0 });

    const coverage = coverageAt(series, now);

    expect(coverage).toEqual({ seenUntilMs: now.getTime() - ASSUMED_MINUTES * 60_000, source: 'assumed' });
  });

  it('assumes METRIC_DELAY_MINUTES in the month’s first hour: no complete hour to learn from', () => {
    const now = at('2026-12-01T00:40:00.000Z');
    const series = seriesSeenAt(steady, { now, delayMinutes: 0, sampleSeconds: 300 });

    expect(coverageAt(series, now, at('2026-12-01T00:00:00.000Z').getTime()).source).toBe('assumed');
  });

  it('measures from the month’s second hour on, at the turn of the year', () => {
    const now = at('2027-01-01T01:30:00.000Z');
    const series = seriesSeenAt(steady, { now, delayMinutes: 0, sampleSeconds: 300 });

    const coverage = coverageAt(series, now, at('2027-01-01T00:00:00.000Z').getTime());

    expect(coverage.source).toBe('measured');
    expect(coverage.seenUntilMs).toBe(now.getTime());
  });

  it('assumes METRIC_DELAY_MINUTES for an instance created within the hour', () => {
    const created = at('2026-11-20T09:50:00.000Z');
    const now = at('2026-11-20T10:20:00.000Z');
    const series = seriesSeenAt(steady, { now, fromMs: created.getTime(), sampleSeconds: 300 });

    expect(coverageAt(series, now, created.getTime()).source).toBe('assumed');
  });
});

describe('coverage over hours an instance did not run in full', () => {
  const HOUR = 3_600_000;
  const start = at('2026-11-20T00:00:00.000Z').getTime();
  const series = (bytes: number[], samples: number[]): HourlyUsage => ({ startMs: start, bytes, samples });
  const SAMPLE = 60e6 * 300;

  it('learns the samples of an hour from an hour it ran in full, past hours it was stopped in', () => {
    // Ran 00:00-01:00, stopped until 03:00, started again at 03:00; now 03:22, metrics to 03:21.
    const now = new Date(start + 3 * HOUR + 22 * 60_000);
    const hourly = series([12 * SAMPLE, 0, 0, 4.2 * SAMPLE], [12, 0, 0, 5]);

    const coverage = coverageAt(hourly, now, start);

    expect(coverage.sampleMs).toBe(300_000);
    expect(coverage.seenUntilMs).toBe(now.getTime() - 60_000);
    expect(coverage.coveredMs).toEqual([HOUR, 0, 0, 21 * 60_000]);
  });

  it('reads a newest sample exactly as full as the last hour’s as seen, not as a rise', () => {
    const now = new Date(start + HOUR + 25 * 60_000);
    const hourly = series([12 * SAMPLE, 5 * SAMPLE], [12, 5]);

    const coverage = coverageAt(hourly, now, start);

    expect(coverage.seenUntilMs).toBe(now.getTime());
    expect(coverage.plannedFromMs).toBeUndefined();
  });

  it('counts an hour it ran only part of by its samples, so the pace is the pace while it ran', () => {
    // Stopped at 01:30: the 01:00 hour holds 6 samples. Now 02:21.
    const now = new Date(start + 2 * HOUR + 21 * 60_000);
    const hourly = series([12 * SAMPLE, 6 * SAMPLE, 4.2 * SAMPLE], [12, 6, 5]);

    const { window } = windowOf(hourly, start, now, ASSUMED_MINUTES);

    expect(window.coveredMs).toEqual([HOUR, HOUR / 2, 21 * 60_000]);
    expect(recentPace(hourly, window)).toBeCloseTo(60e6, 0);
  });

  it('assumes the lag when the answers counted no sample in any hour', () => {
    const now = new Date(start + 2 * HOUR);
    const hourly = series([0, 0, 0], [0, 0, 0]);

    expect(coverageAt(hourly, now, start).source).toBe('assumed');
  });

  it('assumes the lag when no hour before the newest was watched in full', () => {
    // Created at 00:30: its first hour is not complete, and the newest is the next.
    const now = new Date(start + HOUR + 20 * 60_000);
    const hourly = series([6 * SAMPLE, 4 * SAMPLE], [6, 4]);

    expect(coverageAt(hourly, now, start + HOUR / 2).source).toBe('assumed');
  });
});
