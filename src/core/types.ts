/** Plain data the core works on. Nothing here knows about the AWS SDK or Telegram. */

/** An instance as the guard sees it: the part of `GetInstances` the guard needs. */
export interface Instance {
  readonly name: string;
  readonly region: string;
  /** `state.name` (`running`, `stopped`, `stopping`, `pending`, ...); never `state.code`. */
  readonly state: string;
  readonly bundleId: string;
  readonly createdAt: Date;
  /** `networking.monthlyTransfer.gbPerMonthAllocated`: the plan's whole-month allowance in GB. */
  readonly allowanceGb: number;
  readonly tags: Readonly<Record<string, string>>;
}

export type TrafficMetric = 'NetworkIn' | 'NetworkOut';

/** One `GetInstanceMetricData` query: start of the billing month to now, in buckets of `periodSeconds`. */
export interface UsageWindow {
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
}

/**
 * What one metric read returned. `absent` is a 200 answer without `metricData`, which the real
 * service gives; an empty `sums` is a 200 answer with no datapoints. Both are told apart from a real
 * zero by the core, never by the adapter.
 */
export type MetricRead =
  | { readonly kind: 'datapoints'; readonly sums: readonly number[] }
  | { readonly kind: 'absent' };

/** Month-to-date traffic of one instance, or why it could not be read. Unknown is never zero. */
export type UsageReading =
  | { readonly kind: 'known'; readonly inBytes: number; readonly outBytes: number }
  | { readonly kind: 'unknown'; readonly reason: string };
