import { describe, expect, it } from 'vitest';
import { combined, constant, diurnal, gbps } from '../../sim/traffic.js';
import { aheadPace, dailyPace, type PaceWindow, recentPace } from '../../src/core/pace.js';
import { at } from '../support/builders.js';
import { seriesSeenAt } from '../support/series.js';

const MB_PER_SECOND = 1e6;
const windowAt = (now: Date, observedFrom?: Date): PaceWindow => ({
  observedFromMs: (observedFrom ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))).getTime(),
  seenUntilMs: now.getTime() - 15 * 60_000,
});
const steady = constant({ bytesPerSecond: MB_PER_SECOND });

describe('recent pace', () => {
  it('is the steady rate exactly, over the last complete hour and the visible part of this one', () => {
    const now = at('2026-11-20T10:17:00.000Z');

    expect(recentPace(seriesSeenAt(steady, { now }), windowAt(now))).toBeCloseTo(MB_PER_SECOND, 6);
  });

  it('counts a spike in the last hour in full: stop ahead errs on the side of stopping', () => {
    const now = at('2026-11-20T10:17:00.000Z');
    const spike = combined(
      steady,
      constant({
        bytesPerSecond: 100 * MB_PER_SECOND,
        from: at('2026-11-20T09:30:00.000Z').getTime() / 1000,
        to: at('2026-11-20T09:35:00.000Z').getTime() / 1000,
      }),
    );

    const pace = recentPace(seriesSeenAt(spike, { now }), windowAt(now)) ?? 0;

    expect(pace).toBeCloseTo(MB_PER_SECOND + (100 * MB_PER_SECOND * 300) / (62 * 60), 3);
  });

  it('sees a 1 Gbps burst that began with this hour at its own rate, not diluted over two hours', () => {
    const now = at('2026-11-20T10:35:00.000Z');
    const burst = combined(
      steady,
      constant({ bytesPerSecond: gbps(1), from: at('2026-11-20T10:00:00.000Z').getTime() / 1000 }),
    );

    const pace = recentPace(seriesSeenAt(burst, { now }), windowAt(now)) ?? 0;

    expect(pace).toBeCloseTo(MB_PER_SECOND + gbps(1), 0);
  });

  it('sees a burst that began mid-hour over the visible part of this hour', () => {
    const now = at('2026-11-20T11:00:00.000Z');
    const burst = combined(
      steady,
      constant({ bytesPerSecond: gbps(1), from: at('2026-11-20T10:30:00.000Z').getTime() / 1000 }),
    );

    const pace = recentPace(seriesSeenAt(burst, { now }), windowAt(now)) ?? 0;

    // 15 of the 45 minutes of this hour seen ran at 1 Gbps; over both hours it would be 15 of 105.
    expect(pace).toBeCloseTo(MB_PER_SECOND + gbps(1) / 3, 0);
  });

  it('waits for one 5-minute sample of the current hour before counting it alone', () => {
    const burst = combined(
      steady,
      constant({ bytesPerSecond: gbps(1), from: at('2026-11-20T10:00:00.000Z').getTime() / 1000 }),
    );
    const early = at('2026-11-20T10:19:59.000Z');

    const pace = recentPace(seriesSeenAt(burst, { now: early }), windowAt(early)) ?? 0;

    expect(pace).toBeLessThan(gbps(1) / 10);
  });

  it('has no recent pace in the first 25 minutes of the month: too little is visible', () => {
    const now = at('2026-12-01T00:24:59.000Z');

    expect(recentPace(seriesSeenAt(steady, { now }), windowAt(now))).toBeNull();
  });

  it('measures from 00:00 UTC on the 1st once ten minutes are visible', () => {
    const now = at('2027-01-01T00:25:00.000Z');

    expect(recentPace(seriesSeenAt(steady, { now }), windowAt(now))).toBeCloseTo(MB_PER_SECOND, 6);
  });

  it('measures an instance created this hour from its creation', () => {
    const now = at('2026-11-20T10:40:00.000Z');
    const created = at('2026-11-20T10:05:00.000Z');

    const series = seriesSeenAt(steady, { now, fromMs: created.getTime() });

    expect(recentPace(series, windowAt(now, created))).toBeCloseTo(MB_PER_SECOND, 6);
  });
});

describe('pace ahead (stop ahead)', () => {
  const TEN_MINUTES = 10 * 60_000;
  const burstFrom = (iso: string) =>
    combined(steady, constant({ bytesPerSecond: gbps(1), from: at(iso).getTime() / 1000 }));

  it('sees a burst that began late in the hour near its own rate, where the hourly bucket dilutes it', () => {
    // Began at 13:49; at 14:13 the guard sees until 13:58: 9 minutes of burst in 58 of the hour.
    const now = at('2026-11-20T14:13:00.000Z');
    const series = seriesSeenAt(burstFrom('2026-11-20T13:49:00.000Z'), { now });

    expect(recentPace(series, windowAt(now)) ?? 0).toBeLessThan(gbps(1) / 5);
    expect(aheadPace(series, windowAt(now), TEN_MINUTES) ?? 0).toBeCloseTo(MB_PER_SECOND + 0.9 * gbps(1), 0);
  });

  it('is the steady rate exactly at a steady pace', () => {
    const now = at('2026-11-20T10:47:00.000Z');

    expect(aheadPace(seriesSeenAt(steady, { now }), windowAt(now), TEN_MINUTES)).toBeCloseTo(
      MB_PER_SECOND,
      6,
    );
  });

  it('takes a spike early in the hour to be the newest ten minutes: it errs on the side of stopping', () => {
    const now = at('2026-11-20T10:47:00.000Z');
    const spike = combined(
      steady,
      constant({
        bytesPerSecond: 100 * MB_PER_SECOND,
        from: at('2026-11-20T10:05:00.000Z').getTime() / 1000,
        to: at('2026-11-20T10:10:00.000Z').getTime() / 1000,
      }),
    );

    const pace = aheadPace(seriesSeenAt(spike, { now }), windowAt(now), TEN_MINUTES) ?? 0;

    expect(pace).toBeCloseTo(MB_PER_SECOND + (100 * MB_PER_SECOND * 300) / 600, 3);
  });

  it('is never below the recent pace, as when this hour is quieter than the last', () => {
    const now = at('2026-11-20T10:47:00.000Z');
    const quieter = combined(
      steady,
      constant({
        bytesPerSecond: 100 * MB_PER_SECOND,
        from: at('2026-11-20T09:00:00.000Z').getTime() / 1000,
        to: at('2026-11-20T10:00:00.000Z').getTime() / 1000,
      }),
    );
    const series = seriesSeenAt(quieter, { now });

    expect(aheadPace(series, windowAt(now), TEN_MINUTES)).toBe(recentPace(series, windowAt(now)));
  });

  it('is the recent pace in the month’s first hour, with no hour before it to compare with', () => {
    const now = at('2026-12-01T00:50:00.000Z');
    const series = seriesSeenAt(burstFrom('2026-12-01T00:30:00.000Z'), { now });

    expect(aheadPace(series, windowAt(now), TEN_MINUTES)).toBe(recentPace(series, windowAt(now)));
  });

  it('is the recent pace for an instance created at the top of this hour: there is no hour before to compare with', () => {
    const now = at('2026-11-20T10:47:00.000Z');
    const created = at('2026-11-20T10:00:00.000Z');
    const series = seriesSeenAt(steady, { now, fromMs: created.getTime() });

    expect(aheadPace(series, windowAt(now, created), TEN_MINUTES)).toBeCloseTo(MB_PER_SECOND, 6);
  });

  it('waits, as the recent pace does, until more of the hour is visible than the slice', () => {
    // 4 minutes of this hour seen: less than one 5-minute sample, so neither measure counts it alone.
    const now = at('2026-11-20T10:19:00.000Z');
    const series = seriesSeenAt(burstFrom('2026-11-20T10:00:00.000Z'), { now });

    expect(aheadPace(series, windowAt(now), TEN_MINUTES)).toBe(recentPace(series, windowAt(now)));
  });
});

describe('daily pace', () => {
  it('is the steady rate exactly, from the last 24 complete visible hours', () => {
    const now = at('2026-11-20T10:17:00.000Z');

    expect(dailyPace(seriesSeenAt(steady, { now }), windowAt(now))).toEqual({
      bytesPerSecond: MB_PER_SECOND,
      hours: 24,
    });
  });

  it('is not moved by a single spike: its hour counts as the second busiest', () => {
    const now = at('2026-11-20T10:17:00.000Z');
    const spike = combined(
      steady,
      constant({
        bytesPerSecond: 500 * MB_PER_SECOND,
        from: at('2026-11-20T03:10:00.000Z').getTime() / 1000,
        to: at('2026-11-20T03:20:00.000Z').getTime() / 1000,
      }),
    );

    expect(dailyPace(seriesSeenAt(spike, { now }), windowAt(now))?.bytesPerSecond).toBeCloseTo(
      MB_PER_SECOND,
      6,
    );
  });

  it('averages a daily rhythm to its mean, at its peak as at its trough', () => {
    const rhythm = diurnal({ meanBytesPerSecond: MB_PER_SECOND, amplitude: 0.8, peakHourUtc: 19 });

    for (const iso of ['2026-11-20T19:20:00.000Z', '2026-11-20T07:20:00.000Z']) {
      const now = at(iso);
      const pace = dailyPace(seriesSeenAt(rhythm, { now }), windowAt(now))?.bytesPerSecond ?? 0;
      // The busiest hour counted as the second busiest takes a little off the mean.
      expect(Math.abs(pace / MB_PER_SECOND - 1)).toBeLessThan(0.01);
    }
  });

  it('rests on the hours of the month so far early on the 1st, and none before 01:15', () => {
    const early = at('2026-12-01T01:14:00.000Z');
    const later = at('2026-12-01T05:20:00.000Z');

    expect(dailyPace(seriesSeenAt(steady, { now: early }), windowAt(early))).toBeNull();
    expect(dailyPace(seriesSeenAt(steady, { now: later }), windowAt(later))).toEqual({
      bytesPerSecond: MB_PER_SECOND,
      hours: 5,
    });
  });

  it('leaves out the hour an instance was created in, which it did not run for in full', () => {
    const now = at('2026-11-20T13:20:00.000Z');
    const created = at('2026-11-20T10:40:00.000Z');

    const pace = dailyPace(seriesSeenAt(steady, { now, fromMs: created.getTime() }), windowAt(now, created));

    expect(pace).toEqual({ bytesPerSecond: MB_PER_SECOND, hours: 2 });
  });
});
