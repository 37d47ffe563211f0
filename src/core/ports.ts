import type { Instance, MetricRead, TrafficMetric, UsageWindow } from './types.js';

/**
 * Where instances live. The Lightsail adapter implements it over the AWS SDK; tests and the
 * benchmark may implement it over anything. Every method may throw; the engine turns a throw into
 * a named problem, never into a zero.
 */
export interface Fleet {
  listRegions(): Promise<readonly string[]>;
  /** Every instance of one region, all pages. */
  listInstances(region: string): Promise<readonly Instance[]>;
  readMetric(instance: Instance, metric: TrafficMetric, window: UsageWindow): Promise<MetricRead>;
  stopInstance(instance: Instance): Promise<void>;
  /** Adds or replaces these tags on the instance (the guard's alert state). */
  tagInstance(instance: Instance, tags: Readonly<Record<string, string>>): Promise<void>;
}

/** Where alerts and reports go. `send` resolves once the message was delivered, or throws. */
export interface Notifier {
  send(text: string): Promise<void>;
}
