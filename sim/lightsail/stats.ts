/** Call counters the benchmark and tests read back. */

import type { SimStats } from './types.js';

export class StatsRecorder {
  private counters = fresh();
  private inFlight = 0;

  /** A request arrived: it is in flight until `finish()`. */
  arrive(): void {
    this.inFlight += 1;
    this.counters.peakInFlight = Math.max(this.counters.peakInFlight, this.inFlight);
  }

  finish(): void {
    this.inFlight -= 1;
  }

  count(op: string, region: string): void {
    this.counters.calls[op] = (this.counters.calls[op] ?? 0) + 1;
    this.counters.callsByRegion[region] = (this.counters.callsByRegion[region] ?? 0) + 1;
    this.counters.total += 1;
  }

  throttled(): void {
    this.counters.throttled += 1;
  }

  faultInjected(): void {
    this.counters.faultsInjected += 1;
  }

  /** A copy, so that callers can compare snapshots. */
  snapshot(): SimStats {
    const c = this.counters;
    return { ...c, calls: { ...c.calls }, callsByRegion: { ...c.callsByRegion } };
  }

  /** Zeroes the counters; requests still in flight count toward the next peak. */
  reset(): void {
    this.counters = fresh();
    this.counters.peakInFlight = this.inFlight;
  }
}

function fresh(): SimStats {
  return { calls: {}, callsByRegion: {}, total: 0, peakInFlight: 0, throttled: 0, faultsInjected: 0 };
}
