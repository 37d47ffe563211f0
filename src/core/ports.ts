import type { Instance, MetricRead, TrafficMetric, UsageWindow } from './types.js';

/**
 * Where instances live. The Lightsail adapter implements it over the AWS SDK; tests and the
 * benchmark may implement it over anything. Every method may throw; the engine turns a throw into
 * a named problem, never into a zero. `signal` ends a call (retries and waits included) when the
 * run's phase is over: the call then throws.
 */
export interface Fleet {
  listRegions(signal?: AbortSignal): Promise<readonly string[]>;
  /** Every instance of one region, all pages. */
  listInstances(region: string, signal?: AbortSignal): Promise<readonly Instance[]>;
  readMetric(
    instance: Instance,
    metric: TrafficMetric,
    window: UsageWindow,
    signal?: AbortSignal,
  ): Promise<MetricRead>;
  stopInstance(instance: Instance, signal?: AbortSignal): Promise<void>;
  /** Starts a stopped instance (a new month's restart, or `keep-running --start`). */
  startInstance(instance: Instance, signal?: AbortSignal): Promise<void>;
  /** The instance's `state.name` now (`running`, `stopping`, `stopped`, ...). */
  instanceState(instance: Instance, signal?: AbortSignal): Promise<string>;
  /** Adds or replaces these tags on the instance (the guard's alert state). */
  tagInstance(
    instance: Instance,
    tags: Readonly<Record<string, string>>,
    signal?: AbortSignal,
  ): Promise<void>;
}

/**
 * What the CLI's instance commands (`keep-running`, `hold`, `set-quota`, `untag-all`, ...) need: find
 * an instance, change its tags, start or stop it. The Lightsail fleet implements it too.
 */
export interface InstanceAdmin
  extends Pick<Fleet, 'listRegions' | 'listInstances' | 'tagInstance' | 'startInstance' | 'stopInstance'> {
  /** Removes these tag keys from the instance (`UntagResource`). */
  untagInstance(instance: Instance, keys: readonly string[], signal?: AbortSignal): Promise<void>;
}

/** Where alerts and reports go. `send` resolves once the message was delivered, or throws. */
export interface Notifier {
  send(text: string): Promise<void>;
}
