/** Which configurations the benchmark runs, and the rate limit it models. */

import { DEFAULTS, parseConfig } from '../src/config.js';
import { ENV } from '../src/constants.js';
import { DEFAULT_MAX_ATTEMPTS } from '../src/lightsail/clients.js';
import { EIGHT_REGIONS, type FleetShape, HOME_REGION } from './fleet.js';
import type { RateModel, Scenario } from './scenario.js';

/**
 * Lightsail publishes no request rate. The nearest documented figures: EC2 throttles non-mutating
 * calls per account and region with a token bucket of 100 and a refill of 20 per second;
 * CloudWatch's GetMetricData (what Lightsail's metric reads sit on) allows 50 per second. The model:
 * one bucket per region, 50 requests per second, burst 100, every operation drawing from it.
 */
export const RATE_MODEL: RateModel = { perSecond: 50, burst: 100 };

/** `REQUESTS_PER_SECOND=45` (90% of the modelled rate), as `parseConfig` turns it into a pace. */
export const PACE: RateModel = parseConfig({ [ENV.requestsPerSecond]: '45' }).pace ?? RATE_MODEL;

/** The defaults as `parseConfig` and the CLI/Lambda build them. */
export const DEFAULT_CONCURRENCY: number = DEFAULTS.concurrency;
export { DEFAULT_MAX_ATTEMPTS };

export interface PlannedFleet {
  readonly shape: FleetShape;
  /** Baseline: read only this many instances per region and scale up. */
  readonly baselineSample?: number;
}

export function shape(perRegion: number, regionCount: 1 | 8): FleetShape {
  return { perRegion, regions: regionCount === 1 ? [HOME_REGION] : [...EIGHT_REGIONS] };
}

/** The fleets of the main table: 10, 100 and 1,000 instances per region over 1 and 8 regions. */
export function mainFleets(quick: boolean): PlannedFleet[] {
  const sizes = quick ? [10, 100] : [10, 100, 1000];
  return sizes.flatMap((perRegion) =>
    ([1, 8] as const).map((regions): PlannedFleet => {
      const fleet = shape(perRegion, regions);
      // 1,000 x 8 one call at a time would take ~14 minutes at 50 ms: sample 50 per region.
      return perRegion * regions > 1000 ? { shape: fleet, baselineSample: 50 } : { shape: fleet };
    }),
  );
}

/** Concurrency per region tried at 1,000 x 1, with and without the rate limit. */
// 25 is the most CONCURRENCY accepts: past it the SDK's 50-socket pool is the limit.
export const SWEEP_CONCURRENCY = [4, 8, 16, 25] as const;

export function sweep(quick: boolean): Scenario[] {
  const fleet = shape(quick ? 100 : 1000, 1);
  const base = {
    shape: fleet,
    latency: { kind: 'fixed', ms: 50 },
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
  } as const;
  return [
    ...SWEEP_CONCURRENCY.map((concurrency): Scenario => ({ ...base, concurrency, rate: undefined })),
    ...SWEEP_CONCURRENCY.map((concurrency): Scenario => ({ ...base, concurrency, rate: RATE_MODEL })),
    // How the retry settings behave past the limit, at the default concurrency.
    { ...base, concurrency: DEFAULT_CONCURRENCY, rate: RATE_MODEL, maxAttempts: 3 },
    { ...base, concurrency: DEFAULT_CONCURRENCY, rate: RATE_MODEL, retryMode: 'standard' },
    // The proposed fix: pace each region below the limit instead of finding it by being throttled.
    { ...base, concurrency: DEFAULT_CONCURRENCY, rate: RATE_MODEL, pace: PACE },
    { ...base, concurrency: 16, rate: RATE_MODEL, pace: PACE },
  ];
}

/**
 * Two more runs at 8 x 1,000: the paced fix under the limit, and the unlimited check with the
 * child's V8 heap capped as a 128 MB function's memory would cap it.
 */
export function extras(quick: boolean): Scenario[] {
  const fleet = shape(quick ? 100 : 1000, 8);
  const base = {
    shape: fleet,
    latency: { kind: 'fixed', ms: 50 },
    concurrency: DEFAULT_CONCURRENCY,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
  } as const;
  return [
    { ...base, rate: RATE_MODEL, pace: PACE },
    { ...base, rate: undefined, heapCapMb: 96 },
  ];
}
