/**
 * Traffic as a function of time, for the Lightsail simulator and the month benchmark: how many bytes
 * an instance moves in and out between two moments while it runs. Each shape integrates in closed
 * form, so a metric answer costs O(buckets) however long the month, and nothing is stored per sample.
 * All times are epoch seconds; rates are bytes per second, in and out together.
 */

export interface Bytes {
  readonly inBytes: number;
  readonly outBytes: number;
}

/** Bytes moved in [from, to), as if the instance ran throughout. */
export interface TrafficShape {
  between(from: number, to: number): Bytes;
}

/** Share of the traffic that goes out: a web host or proxy sends more than it receives. */
export const DEFAULT_OUT_SHARE = 0.7;

const DAY_SECONDS = 86_400;

const split = (total: number, outShare: number): Bytes => ({
  inBytes: total * (1 - outShare),
  outBytes: total * outShare,
});

const overlap = (a: number, b: number, from: number, to: number): number =>
  Math.max(0, Math.min(b, to) - Math.max(a, from));

/** A constant rate from `from` (default: always) until `to` (default: forever). */
export function constant(options: {
  readonly bytesPerSecond: number;
  readonly from?: number;
  readonly to?: number;
  readonly outShare?: number;
}): TrafficShape {
  const start = options.from ?? Number.NEGATIVE_INFINITY;
  const end = options.to ?? Number.POSITIVE_INFINITY;
  const outShare = options.outShare ?? DEFAULT_OUT_SHARE;
  return {
    between: (from, to) => split(options.bytesPerSecond * overlap(start, end, from, to), outShare),
  };
}

/**
 * A daily rhythm: `mean × (1 + amplitude × cos(2π (t − peak) / day))`, busiest at `peakHourUtc`.
 * `amplitude` 0.8 makes the busiest hour nine times the quietest.
 */
export function diurnal(options: {
  readonly meanBytesPerSecond: number;
  readonly amplitude: number;
  readonly peakHourUtc: number;
  readonly outShare?: number;
}): TrafficShape {
  const { meanBytesPerSecond: mean, amplitude } = options;
  const peak = options.peakHourUtc * 3600;
  const w = (2 * Math.PI) / DAY_SECONDS;
  const outShare = options.outShare ?? DEFAULT_OUT_SHARE;
  return {
    between(from, to) {
      if (to <= from) return split(0, outShare);
      const wave = (amplitude / w) * (Math.sin(w * (to - peak)) - Math.sin(w * (from - peak)));
      return split(mean * (to - from + wave), outShare);
    },
  };
}

/** Several shapes at once: their bytes add up. */
export function combined(...shapes: readonly TrafficShape[]): TrafficShape {
  return {
    between(from, to) {
      let inBytes = 0;
      let outBytes = 0;
      for (const shape of shapes) {
        const part = shape.between(from, to);
        inBytes += part.inBytes;
        outBytes += part.outBytes;
      }
      return { inBytes, outBytes };
    },
  };
}

/** Gigabits per second as bytes per second: 1 Gbps moves 125 MB a second, 450 GB an hour. */
export const gbps = (gigabits: number): number => (gigabits * 1e9) / 8;

/**
 * Where an instance ran: `[start, end)` intervals in order, the last one open (`end` undefined)
 * while it runs. Traffic flows only inside them: a stopped instance moves nothing.
 */
export type RunningIntervals = readonly (readonly [number, number | undefined])[];

/** Bytes `shape` moved in [from, to) while the instance was running. */
export function accrued(shape: TrafficShape, runs: RunningIntervals, from: number, to: number): Bytes {
  let inBytes = 0;
  let outBytes = 0;
  for (const [start, end] of runs) {
    const a = Math.max(from, start);
    const b = Math.min(to, end ?? Number.POSITIVE_INFINITY);
    if (b <= a) continue;
    const part = shape.between(a, b);
    inBytes += part.inBytes;
    outBytes += part.outBytes;
  }
  return { inBytes, outBytes };
}
