/**
 * A token bucket per region, like the service's per-account, per-region request rate. It runs on
 * real time, not the simulated clock: a test's frozen `now()` must not freeze the refill.
 */

import { performance } from 'node:perf_hooks';

interface Bucket {
  tokens: number;
  at: number;
}

export class RegionRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;

  constructor(
    private readonly perSecond: number,
    burst?: number,
  ) {
    if (!(perSecond > 0)) throw new Error('rateLimit.perSecond must be positive');
    this.burst = Math.max(1, burst ?? perSecond);
  }

  /** Spends one token of `region`'s bucket; false when it is empty and the call must be throttled. */
  tryTake(region: string): boolean {
    const now = performance.now();
    const bucket = this.buckets.get(region) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(region, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
