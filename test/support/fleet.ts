import type { Fleet } from '../../src/core/ports.js';
import type { Instance, MetricPoint, MetricRead, TrafficMetric, UsageWindow } from '../../src/core/types.js';

/**
 * Month-to-date traffic of one instance as the metric API would answer it: totals spread evenly
 * over the window's hours since the instance's creation, or `hours`: exactly these bytes (in + out,
 * split evenly) in the last hours of the window, the partial one last, and nothing before.
 */
export type Traffic =
  | { readonly inBytes: number; readonly outBytes: number }
  | { readonly hours: readonly number[] };

const HOUR = 3_600_000;

/** Hourly datapoints of one metric, in no particular order, as the real service may answer. */
function hourlyPoints(
  traffic: Traffic,
  metric: TrafficMetric,
  window: UsageWindow,
  createdAt: Date,
): MetricPoint[] {
  const start = window.start.getTime();
  const end = window.end.getTime();
  const hours = Math.floor((end - start) / HOUR) + 1;
  if ('hours' in traffic) {
    const first = hours - traffic.hours.length;
    return traffic.hours
      .map((bytes, i) => ({ timestampMs: start + (first + i) * HOUR, sum: bytes / 2 }))
      .reverse();
  }
  const total = metric === 'NetworkIn' ? traffic.inBytes : traffic.outBytes;
  // From creation, unless it is missing or in the future (the core then counts from the 1st too).
  const created = createdAt.getTime();
  const from = Number.isNaN(created) || created > end ? start : Math.max(start, created);
  const span = end - from;
  const first = Math.floor((from - start) / HOUR);
  // Whole bytes, the remainder in the last hour: the hours add up to exactly the total.
  const points: MetricPoint[] = [];
  let given = 0;
  for (let i = first; i < hours; i++) {
    const upTo = Math.min(end, start + (i + 1) * HOUR);
    const due = i === hours - 1 || span <= 0 ? total : Math.floor((total * (upTo - from)) / span);
    points.push({ timestampMs: start + i * HOUR, sum: due - given });
    given = due;
  }
  return points.reverse();
}

/**
 * An in-memory account: instances per region whose state and tags change when the guard stops or
 * tags them, so that a second run sees what the first one wrote. Every call is recorded, and any
 * call can be told to throw.
 */
export interface InMemoryFleet extends Fleet {
  readonly calls: {
    /** Every stop, start, state read and tag write in order, as `stop hot`, `start hot`, `tag hot`. */
    readonly order: string[];
    listRegions: number;
    readonly listInstances: string[];
    readonly readMetric: { instance: string; metric: TrafficMetric; window: UsageWindow }[];
    readonly stopInstance: string[];
    readonly startInstance: string[];
    readonly instanceState: string[];
    readonly tagInstance: { instance: string; tags: Record<string, string> }[];
  };
  /** The instance as the account holds it now (after stops and tag writes). */
  instance(name: string): Instance;
  readonly failures: {
    listRegions?: Error;
    readonly listInstances: Map<string, Error>;
    readonly readMetric: Map<string, Error>;
    readonly stopInstance: Map<string, Error>;
    readonly startInstance: Map<string, Error>;
    readonly instanceState: Map<string, Error>;
    readonly tagInstance: Map<string, Error>;
  };
  /**
   * Calls that never answer until the run's signal aborts them: `region` hangs that region's
   * metric reads, as a region whose metric endpoint is down does; `readMetricOf` hangs one
   * instance's.
   */
  readonly hangs: { readonly readMetricIn: Set<string>; readonly readMetricOf: Set<string> };
  /** Changes an instance as its owner (or another run) would, between listing and acting. */
  update(name: string, change: Partial<Instance>): void;
}

/** Never settles until `signal` aborts; then rejects as the SDK does. Without a signal: forever. */
function hang(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener(
      'abort',
      () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
      {
        once: true,
      },
    );
  });
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
    calls: {
      order: [],
      listRegions: 0,
      listInstances: [],
      readMetric: [],
      stopInstance: [],
      startInstance: [],
      instanceState: [],
      tagInstance: [],
    },
    failures: {
      listInstances: new Map(),
      readMetric: new Map(),
      stopInstance: new Map(),
      startInstance: new Map(),
      instanceState: new Map(),
      tagInstance: new Map(),
    },
    hangs: { readMetricIn: new Set(), readMetricOf: new Set() },
    update(name: string, change: Partial<Instance>): void {
      const current = fleet.instance(name);
      held.set(key(current), { ...current, ...change });
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
    async readMetric(
      instance: Instance,
      metric: TrafficMetric,
      window: UsageWindow,
      signal?: AbortSignal,
    ): Promise<MetricRead> {
      fleet.calls.readMetric.push({ instance: instance.name, metric, window });
      if (fleet.hangs.readMetricIn.has(instance.region) || fleet.hangs.readMetricOf.has(instance.name)) {
        return hang(signal);
      }
      const failure = fleet.failures.readMetric.get(instance.name);
      if (failure) throw failure;
      const used = traffic[instance.name];
      if (used === undefined) return { kind: 'datapoints', points: [] };
      return { kind: 'datapoints', points: hourlyPoints(used, metric, window, instance.createdAt) };
    },
    async stopInstance(instance: Instance): Promise<void> {
      fleet.calls.stopInstance.push(instance.name);
      fleet.calls.order.push(`stop ${instance.name}`);
      const failure = fleet.failures.stopInstance.get(instance.name);
      if (failure) throw failure;
      const current = held.get(key(instance));
      if (current) held.set(key(instance), { ...current, state: 'stopped' });
    },
    async startInstance(instance: Instance): Promise<void> {
      fleet.calls.startInstance.push(instance.name);
      fleet.calls.order.push(`start ${instance.name}`);
      const failure = fleet.failures.startInstance.get(instance.name);
      if (failure) throw failure;
      const current = held.get(key(instance));
      if (current) held.set(key(instance), { ...current, state: 'running' });
    },
    async instanceState(instance: Instance): Promise<string> {
      fleet.calls.instanceState.push(instance.name);
      fleet.calls.order.push(`state ${instance.name}`);
      const failure = fleet.failures.instanceState.get(instance.name);
      if (failure) throw failure;
      return held.get(key(instance))?.state ?? 'unknown';
    },
    async tagInstance(instance: Instance, tags: Readonly<Record<string, string>>): Promise<void> {
      fleet.calls.tagInstance.push({ instance: instance.name, tags: { ...tags } });
      fleet.calls.order.push(`tag ${instance.name}`);
      const failure = fleet.failures.tagInstance.get(instance.name);
      if (failure) throw failure;
      const current = held.get(key(instance));
      if (current) held.set(key(instance), { ...current, tags: { ...current.tags, ...tags } });
    },
  };
  return fleet;
}
