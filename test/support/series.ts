import type { TrafficShape } from '../../sim/traffic.js';
import type { HourlyUsage } from '../../src/core/types.js';

const HOUR = 3_600_000;

/**
 * The hourly series the guard would read at `now` from traffic shaped like `shape`, with metrics
 * `delayMinutes` late: every hour of the month up to the one holding `now`, each holding what was
 * moved in it until `now - delay`, from `fromMs` (creation) on. With `sampleSeconds`, each hour also
 * counts its samples as the service does: one per native bucket of that length with anything
 * visible in it, the bucket still growing included (300: Lightsail's 5-minute buckets).
 */
export function seriesSeenAt(
  shape: TrafficShape,
  options: {
    readonly now: Date;
    readonly delayMinutes?: number;
    readonly fromMs?: number;
    readonly sampleSeconds?: number;
  },
): HourlyUsage {
  const now = options.now.getTime();
  const startMs = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), 1);
  const seen = now - (options.delayMinutes ?? 15) * 60_000;
  const from = Math.max(startMs, options.fromMs ?? startMs);
  const hours = Math.floor((now - startMs) / HOUR) + 1;
  const bytes = Array.from({ length: hours }, (_, i) => {
    const a = Math.max(from, startMs + i * HOUR);
    const b = Math.min(seen, startMs + (i + 1) * HOUR);
    if (b <= a) return 0;
    const moved = shape.between(a / 1000, b / 1000);
    return moved.inBytes + moved.outBytes;
  });
  const sampleMs = (options.sampleSeconds ?? 0) * 1000;
  if (!(sampleMs > 0)) return { startMs, bytes };
  const samples = bytes.map((_, i) => {
    let count = 0;
    for (let t = startMs + i * HOUR; t < startMs + (i + 1) * HOUR; t += sampleMs) {
      if (Math.min(seen, t + sampleMs) > Math.max(from, t)) count += 1;
    }
    return count;
  });
  return { startMs, bytes, samples };
}

/** The total of a series: what the month's two metric reads add up to. */
export const totalOf = (series: HourlyUsage): number => series.bytes.reduce((a, b) => a + b, 0);
