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
  /**
   * The attached static IP's address (`isStaticIp` with `publicIpAddress`): a start keeps it. Absent
   * without one, when a start gives the instance a new public IPv4 address.
   */
  readonly staticIp?: string;
  /**
   * The AWS account it lives in, when the guard checks several (ACCOUNTS): every call about it goes
   * to that account, and alerts name it. Absent when only the guard's own account is checked.
   */
  readonly account?: AccountRef;
}

/** An AWS account the guard checks: its 12-digit id, and the name ACCOUNTS gives it, if any. */
export interface AccountRef {
  readonly id: string;
  readonly name?: string;
}

/** The guard's own account when `GetCallerIdentity` failed: its id is not known. */
export const UNIDENTIFIED_ACCOUNT: AccountRef = { id: 'own', name: "the guard's own" };

/** How alerts, the report and `status` name an account: its name, else its id. */
export function accountLabel(account: AccountRef): string {
  return account.name ?? account.id;
}

/**
 * An instance's identity within a run: Lightsail names are unique within a region of an account,
 * so its account (when several are checked), region and name. Results are matched by it, never by
 * their place in a list.
 */
export function instanceKey(instance: Pick<Instance, 'region' | 'name' | 'account'>): string {
  const where = instance.account === undefined ? '' : `${instance.account.id}/`;
  return `${where}${instance.region}/${instance.name}`;
}

export type TrafficMetric = 'NetworkIn' | 'NetworkOut';

/** One `GetInstanceMetricData` query: start of the billing month to now, in buckets of `periodSeconds`. */
export interface UsageWindow {
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
}

/**
 * One datapoint as the service gave it: the start of its bucket and its `Sum`. A missing `sum` or
 * `timestamp` is NaN, never 0, so that the core can refuse it.
 */
export interface MetricPoint {
  /** Epoch milliseconds of the bucket's start. */
  readonly timestampMs: number;
  readonly sum: number;
  /** `SampleCount` of the bucket, when asked for and answered: how much of the bucket the sum covers. */
  readonly samples?: number;
}

/**
 * What one metric read returned. `absent` is a 200 answer without `metricData`, which the real
 * service gives; an empty `points` is a 200 answer with no datapoints. Both are told apart from a
 * real zero by the core, never by the adapter.
 */
export type MetricRead =
  | { readonly kind: 'datapoints'; readonly points: readonly MetricPoint[] }
  | { readonly kind: 'absent' };

/**
 * This month's traffic hour by hour (in + out): `bytes[i]` is the hour starting `i` hours after
 * `startMs` (00:00 UTC on the 1st); the last entry is the current, partial hour. An hour without a
 * datapoint is 0 here only because the month total was read (see `interpretUsage`).
 */
export interface HourlyUsage {
  readonly startMs: number;
  readonly bytes: readonly number[];
  /**
   * `samples[i]`: the samples hour `i` holds (`SampleCount`, the smaller of NetworkIn's and
   * NetworkOut's), from which `coverage.ts` measures how far the series reaches. Absent when a
   * datapoint came without a sample count: the reach is then assumed (`METRIC_DELAY_MINUTES`).
   */
  readonly samples?: readonly number[];
}

/**
 * Month-to-date traffic of one instance, or why it could not be read. Unknown is never zero.
 * `hourly` is absent when the datapoints could not be placed in hours (a missing or misaligned
 * timestamp): the total still counts every byte, but no pace can be measured from it.
 */
export type UsageReading =
  | {
      readonly kind: 'known';
      readonly inBytes: number;
      readonly outBytes: number;
      readonly hourly?: HourlyUsage;
    }
  | { readonly kind: 'unknown'; readonly reason: string };
