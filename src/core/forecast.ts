import { trustedCreation } from './allowance.js';
import type { BillingMonth } from './billing-month.js';
import { type Coverage, coverageOf } from './coverage.js';
import { dailyPace, type PaceWindow, recentPace } from './pace.js';
import { percentUsed } from './percent.js';
import type { HourlyUsage, Instance, UsageReading } from './types.js';
import { usedBytes } from './usage.js';

/**
 * Where an instance (or a pool) is heading this month, at its daily pace (see `pace.ts`): the
 * projected month-end usage, and when the threshold and 100% will be reached. Projected from what
 * the guard can see (`seenUntil`: how far the metrics reach, `coverage.ts`), so that the traffic of
 * the last minutes, not yet in the metrics, is projected rather than forgotten.
 */
export interface Forecast {
  /**
   * The recent pace, bytes per second; `null` when too little is seen. Stop ahead acts on
   * `aheadPace`, which is never below it.
   */
  readonly ratePerSecond: number | null;
  /** The daily pace the projection uses, bytes per second. */
  readonly dailyRatePerSecond: number;
  /** Complete hours the daily pace was measured over (1 to 24). */
  readonly basisHours: number;
  readonly monthEndBytes: number;
  readonly monthEndPercent: number;
  /** The stop threshold `thresholdAt` refers to: the instance's own (a `quota` tag) or the global one. */
  readonly thresholdPercent: number;
  /** When usage reaches the stop threshold; `null` if already reached or not this month. */
  readonly thresholdAt: Date | null;
  /** When usage reaches 100% of the allowance; `null` if already reached or not this month. */
  readonly fullAt: Date | null;
}

/**
 * Hours a projection must rest on before the guard acts on it (the forecast alert) or shows it: a
 * whole day, so that a daily rhythm has averaged out. Until then a projection made in the evening
 * peak would promise twice the real month end.
 */
export const FORECAST_MIN_HOURS = 24;

/** The forecast of `usedBytes` growing at the daily pace of `hourly`; `null` before a complete hour. */
export function forecastUsage(input: {
  readonly usedBytes: number;
  readonly allowanceBytes: number;
  readonly hourly: HourlyUsage;
  readonly window: PaceWindow;
  /** 00:00 UTC on the 1st of next month: the billing month's end. */
  readonly monthEndMs: number;
  readonly thresholdPercent: number;
}): Forecast | null {
  const { usedBytes, allowanceBytes, window, monthEndMs } = input;
  const daily = dailyPace(input.hourly, window);
  if (daily === null) return null;
  const rate = daily.bytesPerSecond;
  const monthEndBytes = usedBytes + (rate * Math.max(0, monthEndMs - window.seenUntilMs)) / 1000;
  const reaches = (percent: number): Date | null => {
    const target = (allowanceBytes * percent) / 100;
    if (usedBytes >= target || !(rate > 0)) return null;
    const atMs = window.seenUntilMs + ((target - usedBytes) / rate) * 1000;
    return atMs < monthEndMs ? new Date(Math.round(atMs)) : null;
  };
  return {
    ratePerSecond: recentPace(input.hourly, window),
    dailyRatePerSecond: rate,
    basisHours: daily.hours,
    monthEndBytes,
    monthEndPercent: percentUsed(monthEndBytes, allowanceBytes),
    thresholdPercent: input.thresholdPercent,
    thresholdAt: reaches(input.thresholdPercent),
    fullAt: reaches(100),
  };
}

/**
 * The forecast of one instance at `now`: `null` when its usage is unknown, it has no hourly series,
 * or it is not running (a stopped instance moves nothing, whatever it moved before).
 */
export function forecastInstance(input: {
  readonly instance: Pick<Instance, 'state'>;
  readonly usage: UsageReading;
  readonly allowanceBytes: number;
  readonly month: BillingMonth;
  /** Where the pace is measured (`paceWindowOf`); `undefined` without an hourly series. */
  readonly window: PaceWindow | undefined;
  readonly thresholdPercent: number;
}): Forecast | null {
  const { instance, usage, month, window } = input;
  if (usage.kind !== 'known' || usage.hourly === undefined || instance.state !== 'running') return null;
  if (window === undefined) return null;
  return forecastUsage({
    usedBytes: usedBytes(usage),
    allowanceBytes: input.allowanceBytes,
    hourly: usage.hourly,
    window,
    monthEndMs: month.end.getTime(),
    thresholdPercent: input.thresholdPercent,
  });
}

/** Where an instance's pace is measured, and how far its metrics reach (measured or assumed). */
export interface MeasuredWindow {
  readonly window: PaceWindow;
  readonly coverage: Coverage;
}

/**
 * What of an instance's month can be measured: from its (trusted) creation or the 1st, to how far
 * its series reaches, measured from the sample counts where it can be (`coverage.ts`), else
 * `now - METRIC_DELAY_MINUTES`.
 */
export function paceWindowOf(
  instance: Pick<Instance, 'createdAt'>,
  month: BillingMonth,
  now: Date,
  hourly: HourlyUsage,
  metricDelayMinutes: number,
): MeasuredWindow {
  const created = trustedCreation(instance.createdAt, now).at?.getTime() ?? month.start.getTime();
  const observedFromMs = Math.max(month.start.getTime(), created);
  return windowOf(hourly, observedFromMs, now, metricDelayMinutes);
}

/** The pace window of `hourly` observed from `observedFromMs`, reaching as far as its coverage. */
export function windowOf(
  hourly: HourlyUsage,
  observedFromMs: number,
  now: Date,
  metricDelayMinutes: number,
): MeasuredWindow {
  const coverage = coverageOf(hourly, {
    observedFromMs,
    nowMs: now.getTime(),
    assumedDelayMs: metricDelayMinutes * 60_000,
  });
  return {
    window: {
      observedFromMs,
      seenUntilMs: coverage.seenUntilMs,
      ...(coverage.coveredMs !== undefined ? { coveredMs: coverage.coveredMs } : {}),
    },
    coverage,
  };
}
