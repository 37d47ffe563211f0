import type { TrafficShape } from '../../sim/traffic.js';
import type { HourlyUsage } from '../../src/core/types.js';

const HOUR = 3_600_000;

/**
 * The hourly series the guard would read at `now` from traffic shaped like `shape`, with metrics
 * `delayMinutes` late: every hour of the month up to the one holding `now`, each holding what was
 * moved in it until `now - delay`, from `fromMs` (creation) on.
 */
export function seriesSeenAt(
  shape: TrafficShape,
  options: { readonly now: Date; readonly delayMinutes?: number; readonly fromMs?: number },
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
  return { startMs, bytes };
}

/** The total of a series: what the month's two metric reads add up to. */
export const totalOf = (series: HourlyUsage): number => series.bytes.reduce((a, b) => a + b, 0);
