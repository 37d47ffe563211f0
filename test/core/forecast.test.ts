import { describe, expect, it } from 'vitest';
import type { TrafficShape } from '../../sim/traffic.js';
import { combined, constant, diurnal } from '../../sim/traffic.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { FORECAST_MIN_HOURS, forecastUsage } from '../../src/core/forecast.js';
import { at, GB } from '../support/builders.js';
import { seriesSeenAt, totalOf } from '../support/series.js';

const DELAY_MS = 15 * 60_000;

/** The forecast the guard makes at `now` of traffic shaped like `shape` against `allowanceGb`. */
function forecastAt(shape: TrafficShape, iso: string, allowanceGb = 1000, thresholdPercent = 95) {
  const now = at(iso);
  const month = billingMonthOf(now);
  const hourly = seriesSeenAt(shape, { now });
  return forecastUsage({
    usedBytes: totalOf(hourly),
    allowanceBytes: allowanceGb * GB,
    hourly,
    window: { observedFromMs: month.start.getTime(), seenUntilMs: now.getTime() - DELAY_MS },
    monthEndMs: month.end.getTime(),
    thresholdPercent,
  });
}

/** The bytes `shape` moves in the whole billing month holding `iso`. */
function wholeMonth(shape: TrafficShape, iso: string): number {
  const month = billingMonthOf(at(iso));
  const moved = shape.between(month.start.getTime() / 1000, month.end.getTime() / 1000);
  return moved.inBytes + moved.outBytes;
}

describe('forecast', () => {
  // 1,100 GB over November's 720 hours: heading for 110% of 1,000 GB.
  const steady = constant({ bytesPerSecond: (1100 * GB) / (720 * 3600) });

  it('projects a steady pace exactly: month-end usage, and when 95% and 100% are reached', () => {
    const forecast = forecastAt(steady, '2026-11-20T10:17:00.000Z');

    expect(forecast?.monthEndBytes).toBeCloseTo(1100 * GB, -3);
    expect(forecast?.monthEndPercent).toBeCloseTo(110, 9);
    // 95% of 1,000 GB at 1,100 GB a 30-day month: 950/1100 of 720 hours after the 1st.
    expect(forecast?.thresholdAt?.getTime()).toBeCloseTo(
      Date.UTC(2026, 10, 1) + (950 / 1100) * 720 * 3_600_000,
      -3,
    );
    expect(forecast?.fullAt?.getTime()).toBeCloseTo(
      Date.UTC(2026, 10, 1) + (1000 / 1100) * 720 * 3_600_000,
      -3,
    );
    expect(forecast?.ratePerSecond).toBeCloseTo(forecast?.dailyRatePerSecond ?? 0, 3);
    expect(forecast?.basisHours).toBe(FORECAST_MIN_HOURS);
  });

  it('projects a daily rhythm within 5% of the real month end, at the evening peak and at night', () => {
    const rhythm = diurnal({
      meanBytesPerSecond: (900 * GB) / (31 * 86_400),
      amplitude: 0.8,
      peakHourUtc: 20,
    });

    for (const iso of ['2026-12-05T20:10:00.000Z', '2026-12-05T08:10:00.000Z', '2026-12-29T14:40:00.000Z']) {
      const projected = forecastAt(rhythm, iso)?.monthEndBytes ?? 0;
      expect(Math.abs(projected / wholeMonth(rhythm, iso) - 1)).toBeLessThan(0.05);
    }
  });

  it('is not thrown by a single spike: the month end moves by the spike alone', () => {
    const spikeFrom = at('2026-11-20T06:00:00.000Z').getTime() / 1000;
    const spike = constant({ bytesPerSecond: (200 * GB) / 600, from: spikeFrom, to: spikeFrom + 600 });

    const plain = forecastAt(steady, '2026-11-20T10:17:00.000Z');
    const spiked = forecastAt(combined(steady, spike), '2026-11-20T10:17:00.000Z');

    expect((spiked?.monthEndBytes ?? 0) - (plain?.monthEndBytes ?? 0)).toBeCloseTo(200 * GB, -3);
  });

  it('has no threshold time once the threshold is reached, and none that falls after the month', () => {
    const late = forecastAt(steady, '2026-11-27T12:00:00.000Z');
    const slow = forecastAt(constant({ bytesPerSecond: 100 }), '2026-11-20T10:17:00.000Z');

    expect(late?.thresholdAt).toBeNull();
    expect(late?.fullAt).not.toBeNull();
    expect(slow?.thresholdAt).toBeNull();
    expect(slow?.fullAt).toBeNull();
  });

  it('projects almost nothing more in the last second of December', () => {
    const forecast = forecastAt(steady, '2026-12-31T23:59:59.000Z');
    const used = totalOf(seriesSeenAt(steady, { now: at('2026-12-31T23:59:59.000Z') }));

    // What is projected is the 15 minutes not yet visible, and one second.
    expect(forecast?.monthEndBytes).toBeCloseTo(used + ((1100 * GB) / (720 * 3600)) * (15 * 60 + 1), -3);
  });

  it('projects February of a leap year to 1 March', () => {
    const forecast = forecastAt(steady, '2028-02-29T12:00:00.000Z');
    const hourly = (1100 * GB) / 720;

    expect(forecast?.monthEndBytes).toBeCloseTo(hourly * 29 * 24, -4);
  });

  it('has no forecast before one complete hour is visible on the 1st', () => {
    expect(forecastAt(steady, '2026-12-01T01:14:00.000Z')).toBeNull();
    expect(forecastAt(steady, '2026-12-01T01:15:00.000Z')?.basisHours).toBe(1);
  });
});
