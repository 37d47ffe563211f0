import type { Fleet } from '../../src/core/ports.js';
import type { Instance, MetricRead, TrafficMetric, UsageWindow } from '../../src/core/types.js';

/** Month-to-date traffic of one instance as the metric API would answer it. */
export interface Traffic {
  readonly inBytes: number;
  readonly outBytes: number;
}

/**
 * An in-memory account: instances per region whose state and tags change when the guard stops or
 * tags them, so that a second run sees what the first one wrote. Every call is recorded, and any
 * call can be told to throw.
 */
export interface InMemoryFleet extends Fleet {
  readonly calls: {
    listRegions: number;
    readonly listInstances: string[];
    readonly readMetric: { instance: string; metric: TrafficMetric; window: UsageWindow }[];
    readonly stopInstance: string[];
    readonly tagInstance: { instance: string; tags: Record<string, string> }[];
  };
  /** The instance as the account holds it now (after stops and tag writes). */
  instance(name: string): Instance;
  readonly failures: {
    listRegions?: Error;
    readonly listInstances: Map<string, Error>;
    readonly readMetric: Map<string, Error>;
    readonly stopInstance: Map<string, Error>;
    readonly tagInstance: Map<string, Error>;
  };
}

export function inMemoryFleet(options: {
  readonly regions: readonly string[];
  readonly instances: readonly Instance[];
  /** Traffic per instance name; an instance not listed has none (and so no datapoints). */
  readonly traffic?: Readonly<Record<string, Traffic>>;
}): InMemoryFleet {
  const held = new Map<string, Instance>();
  const key = (instance: Pick<Instance, 'name' | 'region'>): string => `${instance.region}/${instance.name}`;
  for (const instance of options.instances) held.set(key(instance), instance);
  const traffic = options.traffic ?? {};

  const fleet: InMemoryFleet = {
    calls: { listRegions: 0, listInstances: [], readMetric: [], stopInstance: [], tagInstance: [] },
    failures: {
      listInstances: new Map(),
      readMetric: new Map(),
      stopInstance: new Map(),
      tagInstance: new Map(),
    },
    instance(name: string): Instance {
      const found = [...held.values()].find((instance) => instance.name === name);
      if (found === undefined) throw new Error(`no instance ${name} in the test fleet`);
      return found;
    },
    async listRegions(): Promise<readonly string[]> {
      fleet.calls.listRegions += 1;
      if (fleet.failures.listRegions) throw fleet.failures.listRegions;
      return [...options.regions];
    },
    async listInstances(region: string): Promise<readonly Instance[]> {
      fleet.calls.listInstances.push(region);
      const failure = fleet.failures.listInstances.get(region);
      if (failure) throw failure;
      return [...held.values()].filter((instance) => instance.region === region);
    },
    async readMetric(instance: Instance, metric: TrafficMetric, window: UsageWindow): Promise<MetricRead> {
      fleet.calls.readMetric.push({ instance: instance.name, metric, window });
      const failure = fleet.failures.readMetric.get(instance.name);
      if (failure) throw failure;
      const used = traffic[instance.name];
      if (used === undefined) return { kind: 'datapoints', sums: [] };
      const bytes = metric === 'NetworkIn' ? used.inBytes : used.outBytes;
      // Two daily buckets, in no particular order, as the real service may answer.
      return { kind: 'datapoints', sums: [bytes / 4, (bytes * 3) / 4] };
    },
    async stopInstance(instance: Instance): Promise<void> {
      fleet.calls.stopInstance.push(instance.name);
      const failure = fleet.failures.stopInstance.get(instance.name);
      if (failure) throw failure;
      const current = held.get(key(instance));
      if (current) held.set(key(instance), { ...current, state: 'stopped' });
    },
    async tagInstance(instance: Instance, tags: Readonly<Record<string, string>>): Promise<void> {
      fleet.calls.tagInstance.push({ instance: instance.name, tags: { ...tags } });
      const failure = fleet.failures.tagInstance.get(instance.name);
      if (failure) throw failure;
      const current = held.get(key(instance));
      if (current) held.set(key(instance), { ...current, tags: { ...current.tags, ...tags } });
    },
  };
  return fleet;
}
