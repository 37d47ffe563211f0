import { HOUR_MS } from './hourly.js';
import type { HourlyUsage } from './types.js';

/**
 * How fast an instance is moving bytes, measured from this month's hourly series as the guard can
 * see it: bytes over the time they cover. How far the series reaches, and how much of each hour it
 * covers, is measured from the sample counts (`coverage.ts`), or assumed to end
 * `METRIC_DELAY_MINUTES` before now where it cannot be; `seenUntil` is where every measure ends.
 *
 * Three measures:
 * - the **recent pace** (`forecast.ratePerSecond`) follows what the instance is doing now: the bytes
 *   of the last complete hour and of the visible part of the current one, over that time, or the
 *   visible part of the current hour alone when that is faster and holds at least one 5-minute
 *   sample. A burst that began this hour then shows at its own rate instead of diluted over up to
 *   two hours, which the month simulation showed is the difference between stopping a 1 Gbps burst
 *   on a 3 TB plan in time or not (BENCHMARKS.md). A spike counts in full.
 * - the **pace ahead** is stop ahead's worst case (`stop-ahead.ts`: `worstCaseRatePerSecond`, a
 *   margin named apart from the measured pace in the alert): the recent pace, or the newest
 *   slice's pace if higher. An hourly bucket still dilutes a burst that began late in the hour with
 *   the quiet minutes before it; the newest slice undoes that by taking the bytes of the visible
 *   part of the current hour beyond what the previous hour's pace explains to have come in the last
 *   check interval. Bytes that came last are the worst case for the bill (they are the pace still
 *   running), so stop ahead errs on the side of stopping: the month simulation measured this as the
 *   difference between stopping a 1 Gbps burst on a 2 TB plan in time or not. Its price: a spike
 *   early in the hour reads as the newest slice's until the hour ends, so an instance within about
 *   1.1 spikes of its threshold (an 11-minute horizon over a 10-minute slice) can be stopped early,
 *   and a burst that ran unseen for longer than the slice reads faster than it is. A slice of 20
 *   minutes (2 TB: 10.2 GB over) and of one 5-minute sample (0 GB, but every burst's pace doubled
 *   in the alert) were measured too; BENCHMARKS.md has the figures.
 * - the **daily pace** is what the month-end projection uses: the mean of the last 24 complete
 *   visible hours, with the busiest of them counted as the second busiest. A daily rhythm averages
 *   out over 24 hours (a projection made at the evening peak is not doubled), and one spike, a
 *   backup or a one-off download, cannot move it: its hour is replaced by an ordinary one.
 */

/** Where the measures may start and end, in epoch ms, and how much of each hour the bytes cover. */
export interface PaceWindow {
  /** The later of the 1st (00:00 UTC) and the instance's creation: nothing is known before it. */
  readonly observedFromMs: number;
  /** How far the series reaches (`coverage.ts`): measured, or `now - METRIC_DELAY_MINUTES`. */
  readonly seenUntilMs: number;
  /**
   * Per hour, the milliseconds its bytes cover, when measured (`Coverage.coveredMs`). Without it an
   * hour covers its part of `[observedFrom, seenUntil]`.
   */
  readonly coveredMs?: readonly number[];
}

/** Shorter than this, a recent pace is noise: the first minutes of the month, or of an instance. */
export const MIN_RECENT_WINDOW_MS = 10 * 60_000;

/** Lightsail's network samples are 5 minutes: the current hour alone counts once it holds one. */
export const MIN_CURRENT_HOUR_MS = 5 * 60_000;

/** Hours the daily pace looks back over: one whole day, so that a daily rhythm averages out. */
export const DAILY_PACE_HOURS = 24;

/**
 * Bytes per second over the last complete hour and the visible part of the current one (from the
 * start of the hour before the one holding `seenUntil`, or from `observedFrom` if later), or over
 * the visible part of the current hour alone if that is higher and at least `MIN_CURRENT_HOUR_MS`
 * long. Bytes the series already shows past `seenUntil` (metrics that came in sooner than the
 * assumed delay) count too, which can only make the pace higher: the side stop ahead errs on.
 * `null` when the window is shorter than `MIN_RECENT_WINDOW_MS`.
 */
export function recentPace(hourly: HourlyUsage, window: PaceWindow): number | null {
  const current = Math.floor((window.seenUntilMs - hourly.startMs) / HOUR_MS);
  const fromIndex = Math.max(0, current - 1);
  const both = rateSince(hourly, window, fromIndex, MIN_RECENT_WINDOW_MS);
  if (both === null) return null;
  return Math.max(both, rateSince(hourly, window, current, MIN_CURRENT_HOUR_MS) ?? 0);
}

/**
 * Stop ahead's pace: the recent pace, or the newest slice's pace if higher. The newest slice is
 * the last `sliceMs` (the check interval) before `seenUntil`; its bytes are taken to be those of
 * the visible part of the current hour beyond the previous hour's pace over the rest of it. Only
 * when the visible part of the current hour is longer than the slice (otherwise the current hour
 * alone already measures it) and the previous hour was observed for at least
 * `MIN_CURRENT_HOUR_MS`. `null` when the recent pace is.
 */
export function aheadPace(hourly: HourlyUsage, window: PaceWindow, sliceMs: number): number | null {
  const recent = recentPace(hourly, window);
  if (recent === null || !(sliceMs > 0)) return recent;
  const current = Math.floor((window.seenUntilMs - hourly.startMs) / HOUR_MS);
  const visibleMs = coveredIn(hourly, window, current);
  if (current < 1 || !(visibleMs > sliceMs)) return recent;
  const previousMs = coveredIn(hourly, window, current - 1);
  if (!(previousMs >= MIN_CURRENT_HOUR_MS)) return recent;
  const previousRate = (hourly.bytes[current - 1] ?? 0) / (previousMs / 1000);
  let currentBytes = 0;
  for (let i = current; i < hourly.bytes.length; i++) currentBytes += hourly.bytes[i] ?? 0;
  const newest = (currentBytes - previousRate * ((visibleMs - sliceMs) / 1000)) / (sliceMs / 1000);
  return Math.max(recent, newest);
}

/** Bytes per second from the start of hour `index` (or `observedFrom`) to `seenUntil`, if that covers at least `minMs`. */
function rateSince(hourly: HourlyUsage, window: PaceWindow, index: number, minMs: number): number | null {
  let ms = 0;
  let bytes = 0;
  for (let i = Math.max(0, index); i < hourly.bytes.length; i++) {
    bytes += hourly.bytes[i] ?? 0;
    ms += coveredIn(hourly, window, i);
  }
  if (!(ms >= minMs)) return null;
  return bytes / (ms / 1000);
}

/** The milliseconds of hour `index` the series' bytes cover: measured, or its part of `[observedFrom, seenUntil]`. */
function coveredIn(hourly: HourlyUsage, window: PaceWindow, index: number): number {
  if (window.coveredMs !== undefined) return window.coveredMs[index] ?? 0;
  const hourStartMs = hourly.startMs + index * HOUR_MS;
  const from = Math.max(hourStartMs, window.observedFromMs);
  return Math.max(0, Math.min(hourStartMs + HOUR_MS, window.seenUntilMs) - from);
}

export interface DailyPace {
  /** Bytes per second. */
  readonly bytesPerSecond: number;
  /** Complete hours it was measured over (up to 24): how much the projection rests on. */
  readonly hours: number;
}

/**
 * The mean bytes per second of the last (up to) 24 complete hours that were observed in full and
 * are visible in full, with the busiest hour counted as the second busiest, so that a single spike
 * cannot move it. `null` before one such hour exists.
 */
export function dailyPace(hourly: HourlyUsage, window: PaceWindow): DailyPace | null {
  // Hour i is usable when it began at or after observedFrom and ended by seenUntil.
  const firstWhole = Math.ceil((window.observedFromMs - hourly.startMs) / HOUR_MS);
  const endWhole = Math.min(hourly.bytes.length, Math.floor((window.seenUntilMs - hourly.startMs) / HOUR_MS));
  const from = Math.max(firstWhole, endWhole - DAILY_PACE_HOURS, 0);
  const hours = hourly.bytes.slice(from, Math.max(from, endWhole));
  if (hours.length === 0) return null;
  let total = 0;
  let busiest = Number.NEGATIVE_INFINITY;
  let second = Number.NEGATIVE_INFINITY;
  for (const bytes of hours) {
    total += bytes;
    if (bytes > busiest) {
      second = busiest;
      busiest = bytes;
    } else if (bytes > second) second = bytes;
  }
  // With one hour there is nothing to compare a spike with: it stands.
  const trimmed = hours.length > 1 ? total - busiest + second : total;
  return { bytesPerSecond: trimmed / hours.length / (HOUR_MS / 1000), hours: hours.length };
}
