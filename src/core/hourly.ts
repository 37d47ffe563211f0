import type { HourlyUsage, MetricPoint, UsageWindow } from './types.js';

export const HOUR_MS = 3_600_000;

/**
 * Places the datapoints of both traffic metrics into the hours of the month, in + out together:
 * the shape of the month that pace and forecast are measured from. Returns `undefined` when the
 * window is not hourly or a datapoint cannot be placed (no timestamp, one off the hour, before the
 * 1st or after now): the month total still counts such a point, but a series with a byte in the
 * wrong hour would give a wrong pace, and no pace is better than a wrong one.
 *
 * Each hour's sample count is the smaller of the two metrics' (a metric without a datapoint in an
 * hour holds no sample of it): fewer samples read as less time covered, so the pace can only come
 * out higher, the side stop ahead errs on. When any datapoint lacks a usable sample count, the
 * series has none and its reach is assumed instead (`coverage.ts`).
 */
export function hourlyUsage(
  window: UsageWindow,
  metrics: readonly (readonly MetricPoint[])[],
): HourlyUsage | undefined {
  if (window.periodSeconds * 1000 !== HOUR_MS) return undefined;
  const startMs = window.start.getTime();
  // The hour holding `end` is the partial one, even when it has only just begun.
  const hours = Math.floor((window.end.getTime() - startMs) / HOUR_MS) + 1;
  if (!(hours > 0)) return undefined;
  const bytes = new Array<number>(hours).fill(0);
  const perMetric = metrics.map(() => new Array<number>(hours).fill(0));
  // Sample counts are told only by datapoints: with none, there is nothing to count.
  let counted = metrics.some((points) => points.length > 0);
  for (const [m, points] of metrics.entries()) {
    for (const point of points) {
      const index = (point.timestampMs - startMs) / HOUR_MS;
      if (!Number.isInteger(index) || index < 0 || index >= hours) return undefined;
      bytes[index] = (bytes[index] ?? 0) + point.sum;
      const samples = point.samples;
      if (samples === undefined || !Number.isInteger(samples) || samples < 0) counted = false;
      else (perMetric[m] as number[])[index] = ((perMetric[m] as number[])[index] ?? 0) + samples;
    }
  }
  if (!counted) return { startMs, bytes };
  const samples = bytes.map((_, index) => Math.min(...perMetric.map((each) => each[index] ?? 0)));
  return { startMs, bytes, samples };
}
