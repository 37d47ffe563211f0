import { FORECAST_MIN_HOURS, type Forecast } from './forecast.js';

/** A forecast as `--json` and the report rows carry it: times as ISO strings. */
export interface ForecastJson {
  /** The recent pace, bytes per second (what stop ahead acts on); `null` when too little is seen. */
  readonly ratePerSecond: number | null;
  readonly monthEndBytes: number;
  readonly monthEndPercent: number;
  /** The stop threshold `thresholdAt` refers to, percent (the instance's own or the global one). */
  readonly thresholdPercent: number;
  /** ISO time the stop threshold will be reached at the daily pace, or `null`. */
  readonly thresholdAt: string | null;
  /** ISO time 100% will be reached at the daily pace, or `null`. */
  readonly fullAt: string | null;
  /** The daily pace the projection uses, bytes per second. */
  readonly dailyRatePerSecond: number;
  /** Complete hours the daily pace rests on (1 to 24). */
  readonly basisHours: number;
}

export function forecastJson(forecast: Forecast | null): ForecastJson | null {
  if (forecast === null) return null;
  return {
    ratePerSecond: forecast.ratePerSecond,
    monthEndBytes: forecast.monthEndBytes,
    monthEndPercent: forecast.monthEndPercent,
    thresholdPercent: forecast.thresholdPercent,
    thresholdAt: forecast.thresholdAt?.toISOString() ?? null,
    fullAt: forecast.fullAt?.toISOString() ?? null,
    dailyRatePerSecond: forecast.dailyRatePerSecond,
    basisHours: forecast.basisHours,
  };
}

/** What a forecast clause needs besides the forecast. */
export interface ForecastDisplay {
  /** The global threshold: what the clause is measured against when the forecast names none. */
  readonly quotaPercent: number;
  readonly timeZone: string;
  /** The billing month's end (00:00 UTC on the 1st of the next): "by 30 Nov". */
  readonly monthEnd: Date;
}

/** What a forecast clause says, for a catalogue to put in words. */
export interface ForecastHeading {
  /** The projected month-end percentage, cut to a whole number. */
  readonly monthEndPercent: number;
  /** The last moment of the billing month: "by 30 Nov". */
  readonly lastDay: Date;
  /** The threshold and when it is reached, when it is this month. */
  readonly threshold?: { readonly percent: number; readonly at: Date };
  /** The display time zone (TIME_ZONE). */
  readonly timeZone: string;
}

/**
 * What the one short clause about where an instance is heading says, only where it adds
 * something: the projection rests on a whole day, the usage is still under the threshold, and the
 * threshold or 100% will be reached this month. `undefined` otherwise. The catalogue words it:
 * "on pace for 128% by 30 Nov; 95% around 24 Nov 09:00 UTC".
 */
export function forecastHeading(
  forecast: ForecastJson | null | undefined,
  percent: number | null,
  display: ForecastDisplay,
): ForecastHeading | undefined {
  const threshold = forecast?.thresholdPercent ?? display.quotaPercent;
  if (forecast == null || percent === null || percent >= threshold) return undefined;
  if (forecast.basisHours < FORECAST_MIN_HOURS) return undefined;
  if (forecast.thresholdAt === null && forecast.monthEndPercent < 100) return undefined;
  return {
    monthEndPercent: Math.floor(forecast.monthEndPercent),
    lastDay: new Date(display.monthEnd.getTime() - 1),
    ...(forecast.thresholdAt === null
      ? {}
      : { threshold: { percent: threshold, at: new Date(forecast.thresholdAt) } }),
    timeZone: display.timeZone,
  };
}
