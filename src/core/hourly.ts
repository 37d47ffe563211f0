import type { HourlyUsage, MetricPoint, UsageWindow } from './types.js';

export const HOUR_MS = 3_600_000;

/**
 * Places the datapoints of both traffic metrics into the hours of the month, in + out together:
 * the shape of the month that pace and forecast are measured from. Returns `undefined` when the
 * window is not hourly or a datapoint cannot be placed (no timestamp, one off the hour, before the
 * 1st or after now): the month total still counts such a point, but a series with a byte in the
 * wrong hour would give a wrong pace, and no pace is better than a wrong one.
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
  for (const points of metrics) {
    for (const point of points) {
      const index = (point.timestampMs - startMs) / HOUR_MS;
      if (!Number.isInteger(index) || index < 0 || index >= hours) return undefined;
      bytes[index] = (bytes[index] ?? 0) + point.sum;
    }
  }
  return { startMs, bytes };
}
