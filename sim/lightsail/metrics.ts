/**
 * Traffic datapoints computed analytically: an instance's month-to-date bytes are spread uniformly
 * over its window, so a bucket's value is the window's share that falls inside it. Nothing is stored
 * per 5 minutes, which keeps a metric answer O(buckets) however large the fleet.
 */

/** Network data exists at 5-minute granularity; `sampleCount` counts those samples. */
const SAMPLE_SECONDS = 300;

/** All times in epoch seconds. */
export interface TrafficQuery {
  readonly start: number;
  readonly period: number;
  readonly buckets: number;
  readonly now: number;
  readonly createdAt: number;
  /** Where the month-to-date total is spread: [max(start of UTC month, createdAt), now]. */
  readonly windowStart: number;
  readonly totalBytes: number;
}

export interface TrafficBucket {
  /** Start of the bucket, aligned on the query's start. */
  readonly timestamp: number;
  readonly bytes: number;
  /** 5-minute samples the instance existed for in this bucket (at least 1). */
  readonly samples: number;
}

/**
 * The buckets [t, t+period) of a query that overlap the instance's life up to now: none wholly
 * before creation, none starting after now, and the partial bucket holding now included, as the
 * real service includes today's partial day.
 */
export function trafficBuckets(q: TrafficQuery): TrafficBucket[] {
  const first = Math.max(0, Math.floor((q.createdAt - q.start) / q.period));
  const last = Math.min(q.buckets - 1, Math.floor((q.now - q.start) / q.period));
  const windowSeconds = q.now - q.windowStart;
  const out: TrafficBucket[] = [];
  for (let i = first; i <= last; i++) {
    const t = q.start + i * q.period;
    const end = t + q.period;
    const inWindow = overlap(t, end, q.windowStart, q.now);
    const alive = overlap(t, end, q.createdAt, q.now);
    const bytes = windowSeconds > 0 ? (q.totalBytes * inWindow) / windowSeconds : 0;
    out.push({ timestamp: t, bytes, samples: Math.max(1, Math.ceil(alive / SAMPLE_SECONDS)) });
  }
  return out;
}

/**
 * The buckets of a query over shaped traffic, as the real service answers them (lightsail-facts.md):
 * traffic is visible until `visibleUntil` (the service's lag); each bucket holds what `bytes` gives
 * for its part the instance ran in before that moment, and its `samples` are the native 5-minute
 * buckets on the UTC grid that hold any of it, the one still growing included. A bucket with
 * nothing visible in it (not begun yet, before creation, or spent stopped) is not answered at all:
 * the real service gives no datapoint for a span without data, not a 0.
 */
export function shapedBuckets(q: {
  readonly start: number;
  readonly period: number;
  readonly buckets: number;
  readonly createdAt: number;
  readonly visibleUntil: number;
  /** Epoch-second intervals `[start, end)` the instance ran in; the last is open while it runs. */
  readonly runs: readonly (readonly [number, number | undefined])[];
  readonly bytes: (from: number, to: number) => number;
}): TrafficBucket[] {
  const first = Math.max(0, Math.floor((q.createdAt - q.start) / q.period));
  const last = Math.min(q.buckets - 1, Math.floor((q.visibleUntil - q.start) / q.period));
  const out: TrafficBucket[] = [];
  for (let i = first; i <= last; i++) {
    const t = q.start + i * q.period;
    const from = Math.max(t, q.createdAt);
    const to = Math.min(t + q.period, q.visibleUntil);
    const samples = nativeSamples(q.runs, from, to);
    if (samples === 0) continue;
    out.push({ timestamp: t, bytes: q.bytes(from, to), samples });
  }
  return out;
}

/** The native 5-minute buckets (on the UTC grid) in which the instance ran within `[from, to)`. */
function nativeSamples(
  runs: readonly (readonly [number, number | undefined])[],
  from: number,
  to: number,
): number {
  let count = 0;
  for (let b = Math.floor(from / SAMPLE_SECONDS) * SAMPLE_SECONDS; b < to; b += SAMPLE_SECONDS) {
    const a = Math.max(b, from);
    const z = Math.min(b + SAMPLE_SECONDS, to);
    if (runs.some(([start, end]) => Math.min(z, end ?? Number.POSITIVE_INFINITY) > Math.max(a, start)))
      count += 1;
  }
  return count;
}

/** Start of the UTC calendar month holding `epochSeconds`: AWS billing months are UTC. */
export function startOfUtcMonth(epochSeconds: number): number {
  const d = new Date(epochSeconds * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

/** Fisher-Yates in place: the real service promises no order, so callers must not rely on one. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

function overlap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
}
