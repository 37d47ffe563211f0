/** The simulator's public types: what tests, the demo and the benchmark configure and read back. */

import type { TrafficShape } from '../traffic.js';

/** Instance states the simulator models; the real service has a few more (`rebooting`, ...). */
export type SimInstanceState = 'running' | 'stopped' | 'pending' | 'stopping';

/** One instance to place in the simulated fleet. */
export interface SimInstanceSpec {
  name: string;
  region: string;
  /** Default `running`. */
  state?: SimInstanceState;
  /** Default `nano_3_0`. */
  bundleId?: string;
  /** `networking.monthlyTransfer.gbPerMonthAllocated`; default 1024. */
  gbPerMonthAllocated?: number;
  /** Default 90 days before `now()`. */
  createdAt?: Date;
  tags?: Record<string, string>;
  /** A static IP is attached: the public IPv4 address survives a stop and start. Default false. */
  staticIp?: boolean;
  /** Month-to-date traffic at now(), spread uniformly over [max(start of UTC month, createdAt), now]. */
  traffic?: { inBytes: number; outBytes: number };
  /**
   * Traffic as a function of time (`sim/traffic.ts`), instead of `traffic`: it flows only while the
   * instance runs (from creation, and as `StopInstance`/`StartInstance` change it), and metric
   * answers show it `metricDelaySeconds` late.
   */
  shape?: TrafficShape;
}

/**
 * Which requests a fault or a pause applies to. Filters that are omitted match anything;
 * `instanceName` matches the request body's `instanceName` or `resourceName`. `times` counts the
 * requests it applies to down; omitted means no limit.
 */
export interface SimRequestFilter {
  op?: string;
  region?: string;
  instanceName?: string;
  times?: number;
}

/** One request as the simulator sees it: what filters are matched against and a pause reports. */
export interface SimRequest {
  /** The operation name, the `X-Amz-Target` suffix (`StopInstance`). */
  op: string;
  /** The region of the SigV4 credential scope; `''` when the request carries none. */
  region: string;
  /** The body's `instanceName` or `resourceName`, if any. */
  instanceName: string | undefined;
}

/** A failure to inject, on the requests its filters match, in the order faults were injected. */
export type SimFault =
  /** Answer HTTP 400 `ThrottlingException`, 500 `ServiceException` or 403 `AccessDeniedException`. */
  | (SimRequestFilter & { kind: 'throttle' | 'server-error' | 'access-denied' })
  /** `GetInstanceMetricData` only: 200 with `metricData: []`, or with no `metricData` member at all. */
  | (SimRequestFilter & { kind: 'empty-metric' | 'absent-metric' })
  /** Accept the request and never answer it: it stays open until the client gives up or `close()`. */
  | (SimRequestFilter & { kind: 'hang' })
  /**
   * `GetInstances` only: `nextPageToken` is the token the request sent (on the first page, one that
   * points back to the first page), even where no page follows, so following it never ends.
   */
  | (SimRequestFilter & { kind: 'loop-page-token' })
  /**
   * `StopInstance` only: a race with the owner or a second run. Just before the request is handled
   * the instance is put into `state` (default `stopping`), so the ordinary refusal answers it
   * (`InvalidInputException`: "you can't stop instance X while it is stopping") and later reads
   * report that state. A `force` stop of a `stopping` instance still goes through, as it would.
   */
  | (SimRequestFilter & { kind: 'stopped-elsewhere'; state?: 'stopping' | 'stopped' });

/**
 * Which requests `pause()` holds, and at which step. `times` caps how many it holds; omitted, it
 * holds every matching request until `release()`.
 */
export interface SimPauseFilter extends SimRequestFilter {
  /**
   * Default false: a request is held as it arrives and its operation runs only after `release()`;
   * one whose client went away meanwhile (aborted, killed) is dropped and never runs. True: the
   * operation runs first and only its answer is held, as when a stop happened but its answer never
   * reached the client.
   */
  applyFirst?: boolean;
}

/** A pause gate. A held request is otherwise answered as any other: faults, rate limit and latency apply. */
export interface SimPause {
  /**
   * Resolves with the first request held (with `applyFirst`, once its operation ran); rejects if the
   * simulator closes before one arrives.
   */
  arrived: Promise<SimRequest>;
  /** Lets every held request go on, and every later one through. */
  release(): void;
}

export interface SimulatorOptions {
  instances?: SimInstanceSpec[];
  /** Regions where Lightsail answers; default: the real list of Lightsail regions. */
  regions?: string[];
  /** The simulated clock for metrics and timestamps; default `() => new Date()`. */
  now?: () => Date;
  /**
   * How late shaped traffic reaches `GetInstanceMetricData`, in seconds (default 0): a metric answer
   * at `now` holds the bytes moved until `now - metricDelaySeconds`, as Lightsail's lag.
   */
  metricDelaySeconds?: number;
  /** Added before every answer, errors included. */
  latencyMs?: number | ((region: string, operation: string) => number);
  /** Token bucket per region, in real time; past it the answer is HTTP 400 `ThrottlingException`. */
  rateLimit?: { perSecond: number; burst?: number };
  /** `GetInstances` page size; default 25, small enough that callers must page. */
  pageSize?: number;
  /** Default 0 (a free port). The server always binds 127.0.0.1. */
  port?: number;
  /**
   * Other AWS accounts, by the access key id that signs their requests (what a role assumed in
   * them gives, e.g. the STS fake's). A request signed with any other key is the default account's,
   * `instances` above; each account has its own instances and its own rate limit per region.
   */
  accounts?: Record<string, SimAccountOptions>;
}

/** One more simulated account (`SimulatorOptions.accounts`). */
export interface SimAccountOptions {
  /** The 12-digit id its instances' ARNs carry. */
  accountId: string;
  instances?: SimInstanceSpec[];
  /** Every call answers 403 `AccessDeniedException`, as when the role lacks the guard's permissions. */
  refuse?: boolean;
}

/** The part of the simulator that reads and changes one account's instances. */
export interface SimAccountView {
  addInstance(spec: SimInstanceSpec): void;
  instance(region: string, name: string): { state: string; tags: Record<string, string> } | undefined;
  setTraffic(region: string, name: string, traffic: { inBytes: number; outBytes: number }): void;
}

/** Counters since start (or the last `resetStats()`). Every request counts, retries included. */
export interface SimStats {
  /** Requests per operation name (unknown operations included under their name). */
  calls: Record<string, number>;
  callsByRegion: Record<string, number>;
  total: number;
  /** Most requests in flight at once, from arrival to answer, injected latency included. */
  peakInFlight: number;
  /** Answers that were `ThrottlingException`, from the rate limit or an injected fault. */
  throttled: number;
  faultsInjected: number;
}

/** A running simulator. `close()` it in `afterEach`/`afterAll`; it drops hung and held requests. */
export interface LightsailSimulator {
  /** `http://127.0.0.1:<port>`: pass as `endpoint` or `AWS_ENDPOINT_URL_LIGHTSAIL`. */
  endpoint: string;
  addInstance(spec: SimInstanceSpec): void;
  /** A live view of one instance for assertions, or `undefined` when there is none. */
  instance(region: string, name: string): { state: string; tags: Record<string, string> } | undefined;
  /** Replaces an instance's month-to-date traffic as of `now()`, spread uniformly (a shape is dropped). */
  setTraffic(region: string, name: string, traffic: { inBytes: number; outBytes: number }): void;
  /** Replaces an instance's traffic with `shape` (`sim/traffic.ts`), over its whole life so far. */
  setShape(region: string, name: string, shape: TrafficShape): void;
  /** The account whose requests `accessKeyId` signs (`SimulatorOptions.accounts`). */
  account(accessKeyId: string): SimAccountView;
  injectFault(fault: SimFault): void;
  clearFaults(): void;
  /** Holds the matching requests until `release()`, for a test that must act at an exact step. */
  pause(filter?: SimPauseFilter): SimPause;
  stats(): SimStats;
  resetStats(): void;
  close(): Promise<void>;
}
