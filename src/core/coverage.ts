import { HOUR_MS } from './hourly.js';
import type { HourlyUsage } from './types.js';

/**
 * How far this month's hourly series reaches, measured rather than assumed.
 *
 * Lightsail's network metrics have a native 5-minute granularity; a bucket is final the moment it
 * closes, and the bucket still open is returned too, growing about every minute (lightsail-facts.md,
 * measured on the real service). So the newest bytes in an hourly `Sum` are about a minute old, not
 * the 15 the guard once assumed, and a pace that divides them by the time up to `now - 15 min` is
 * inflated (3.4x at minute 21 of an hour). The guard therefore asks for `SampleCount` beside `Sum`
 * in the same two calls it already makes (no extra call, which a short 300-second read would cost:
 * two more per instance per check) and reads the coverage from it:
 *
 * - **samples per hour** are learned from the instance's own complete hours (the most any hour
 *   before the newest one holds, among those it existed for in full), so the guard does not assume
 *   whether the service counts 5-minute buckets (12 an hour) or finer samples;
 * - every sample before the newest is complete; the **newest** may be a bucket still growing, so
 *   how much of it is filled is estimated from the bytes a sample held in the last complete hour:
 *   exact for a steady pace, and for a burst it reads the sample as full (the burst's bytes then
 *   count over at most one sample too long, never hidden);
 * - the series then reaches `seenUntil` = the start of the newest hour's samples plus what they
 *   cover, never past `now`; the **lag** stop ahead plans for is `now - seenUntil`, or, when the
 *   newest sample holds more than a whole sample's worth at the last hour's rate (the pace rose,
 *   so its fill cannot be told), `now -` the newest sample's start: a burst that began within it
 *   must not be taken to be seen up to `now`.
 *
 * Where this cannot be measured (the answers carry no sample count, or no complete hour exists yet
 * this month: the first hour of a month or of an instance) the lag is assumed to be
 * `METRIC_DELAY_MINUTES`, and the coverage says so.
 */
export interface Coverage {
  /** Epoch ms up to which the series holds the instance's bytes. */
  readonly seenUntilMs: number;
  /** `measured` from the sample counts, or `assumed` from METRIC_DELAY_MINUTES. */
  readonly source: 'measured' | 'assumed';
  /**
   * Measured only: per hour of the series, the milliseconds its bytes cover (an hour the instance
   * was stopped for part of covers less than an hour). The pace divides bytes by these.
   */
  readonly coveredMs?: readonly number[];
  /** Measured only: the time one sample covers, ms (300,000 for 5-minute buckets). */
  readonly sampleMs?: number;
  /**
   * Measured only, when the pace rose within the newest sample: its start. How much of it is
   * filled cannot be told then, so stop ahead plans from here rather than from `seenUntilMs`.
   */
  readonly plannedFromMs?: number;
}

/** The coverage of `hourly` at `now`, or the assumed one when it cannot be measured. */
export function coverageOf(
  hourly: HourlyUsage,
  input: {
    /** The later of the 1st and the instance's creation: no sample exists before it. */
    readonly observedFromMs: number;
    readonly nowMs: number;
    /** METRIC_DELAY_MINUTES in ms: the lag assumed when it cannot be measured. */
    readonly assumedDelayMs: number;
  },
): Coverage {
  return (
    measuredCoverage(hourly, input.observedFromMs, input.nowMs) ?? {
      seenUntilMs: input.nowMs - input.assumedDelayMs,
      source: 'assumed',
    }
  );
}

function measuredCoverage(hourly: HourlyUsage, observedFromMs: number, nowMs: number): Coverage | undefined {
  const { samples, bytes, startMs } = hourly;
  if (samples === undefined) return undefined;
  let newest = -1;
  for (let i = samples.length - 1; i >= 0; i--) {
    if ((samples[i] ?? 0) > 0) {
      newest = i;
      break;
    }
  }
  const hourStart = (i: number): number => startMs + i * HOUR_MS;
  // Complete hours: before the newest one, and wholly after the instance's creation. None (no
  // sample at all, or the newest is the first hour watched in full): nothing to learn from.
  let perHour = 0;
  let reference: number | undefined;
  for (let i = 0; i < newest; i++) {
    const count = samples[i] ?? 0;
    if (hourStart(i) < observedFromMs || count <= 0) continue;
    perHour = Math.max(perHour, count);
    reference = i;
  }
  if (reference === undefined) return undefined;
  const sampleMs = HOUR_MS / perHour;
  const bytesPerSample = (bytes[reference] ?? 0) / (samples[reference] ?? 1);
  const newestCount = Math.min(samples[newest] ?? 0, perHour);
  const newestBytes = bytes[newest] ?? 0;
  // The newest sample's fill: what the bytes beyond the complete samples are, in samples at the
  // last complete hour's rate. More than a whole sample's worth means the pace rose, and then how
  // far the newest sample reaches cannot be told: it is read as full for the pace (the lowest
  // pace the bytes allow, never an inflated one), while stop ahead plans from its start.
  const excess = (newestBytes - (newestCount - 1) * bytesPerSample) / bytesPerSample;
  const risen = excess > 1;
  // No bytes in the reference hour and none beyond it (0/0): nothing moves, nothing to tell.
  const fill = Number.isFinite(excess) ? Math.min(1, Math.max(0, excess)) : 1;
  const newestFrom = Math.max(hourStart(newest), observedFromMs);
  const seenUntilMs = Math.min(
    nowMs,
    hourStart(newest) + HOUR_MS,
    newestFrom + (newestCount - 1 + fill) * sampleMs,
  );
  const plannedFromMs = risen
    ? Math.min(seenUntilMs, newestFrom + (newestCount - 1) * sampleMs)
    : seenUntilMs;
  // Every sample before the newest is complete; none comes after it.
  const coveredMs = samples.map((count, i) =>
    i === newest ? seenUntilMs - newestFrom : Math.min(count, perHour) * sampleMs,
  );
  return {
    seenUntilMs,
    source: 'measured',
    coveredMs,
    sampleMs,
    ...(plannedFromMs < seenUntilMs ? { plannedFromMs } : {}),
  };
}

/** Minutes from what the series reaches to `now`. Never below 0. */
export function lagMinutes(coverage: Coverage, nowMs: number): number {
  return Math.max(0, (nowMs - coverage.seenUntilMs) / 60_000);
}

/**
 * Minutes stop ahead plans for: the lag, or, when the pace rose within the newest sample (so its
 * fill cannot be told), from that sample's start. Never below 0.
 */
export function plannedLagMinutes(coverage: Coverage, nowMs: number): number {
  return Math.max(0, (nowMs - (coverage.plannedFromMs ?? coverage.seenUntilMs)) / 60_000);
}
