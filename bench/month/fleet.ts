/**
 * The account of the month simulation: an in-memory `Fleet` (no HTTP, so a month of checks runs in
 * seconds) whose traffic follows shapes from `sim/traffic.ts`, flows only while an instance runs,
 * and reaches the metric answers `delayMinutes` late, in hourly buckets as Lightsail gives them.
 * The engine sees only what this `Fleet` answers, exactly as it sees the real service.
 */

import { accrued, type TrafficShape } from '../../sim/traffic.js';
import type { Fleet } from '../../src/core/ports.js';
import type { Instance, MetricPoint, TrafficMetric, UsageWindow } from '../../src/core/types.js';

const HOUR_MS = 3_600_000;

/** One instance of the simulated account. */
export interface MonthInstance {
  readonly name: string;
  readonly region: string;
  readonly bundleId: string;
  readonly allowanceGb: number;
  readonly createdAt: Date;
  readonly shape: TrafficShape;
}

/** The live record of an instance: where it ran, when it was stopped, its tags. */
export interface LiveInstance extends MonthInstance {
  state: 'running' | 'stopped';
  /** Epoch seconds it ran, `[start, end)`; the last is open while it runs. */
  readonly runs: [number, number | undefined][];
  tags: Record<string, string>;
  /** When the guard stopped it, epoch ms; `undefined` while it was never stopped. */
  stoppedAtMs: number | undefined;
  /** Why, as the guard's row said. */
  stopReason: string | undefined;
}

export interface MonthFleet extends Fleet {
  readonly live: readonly LiveInstance[];
  /** Calls per operation, to compare with the call bound. */
  readonly calls: Record<string, number>;
}

/**
 * A fleet at the clock `now()`, showing traffic `delayMinutes` late. Every instance runs from its
 * creation until the guard stops it; nobody starts it again this month (the simulation keeps
 * RESTART_ON_NEW_MONTH off, and the month ends before a 1st could start it).
 */
export function monthFleet(options: {
  readonly instances: readonly MonthInstance[];
  readonly now: () => Date;
  readonly delayMinutes: number;
}): MonthFleet {
  const live: LiveInstance[] = options.instances.map((spec) => ({
    ...spec,
    state: 'running',
    runs: [[spec.createdAt.getTime() / 1000, undefined]],
    tags: {},
    stoppedAtMs: undefined,
    stopReason: undefined,
  }));
  const calls: Record<string, number> = {};
  const count = (op: string): void => {
    calls[op] = (calls[op] ?? 0) + 1;
  };
  const find = (instance: Pick<Instance, 'name' | 'region'>): LiveInstance => {
    const found = live.find((each) => each.name === instance.name && each.region === instance.region);
    if (found === undefined) throw new Error(`no instance ${instance.name} in ${instance.region}`);
    return found;
  };
  const asInstance = (each: LiveInstance): Instance => ({
    name: each.name,
    region: each.region,
    state: each.state,
    bundleId: each.bundleId,
    createdAt: each.createdAt,
    allowanceGb: each.allowanceGb,
    tags: { ...each.tags },
  });
  return {
    live,
    calls,
    async listRegions() {
      count('GetRegions');
      return [...new Set(live.map((each) => each.region))];
    },
    async listInstances(region) {
      count('GetInstances');
      return live.filter((each) => each.region === region && each.createdAt <= options.now()).map(asInstance);
    },
    async readMetric(instance: Instance, metric: TrafficMetric, window: UsageWindow) {
      count('GetInstanceMetricData');
      const each = find(instance);
      const visibleUntil = (window.end.getTime() - options.delayMinutes * 60_000) / 1000;
      const start = window.start.getTime();
      const created = each.createdAt.getTime() / 1000;
      const points: MetricPoint[] = [];
      for (let t = start; t / 1000 <= visibleUntil && t <= window.end.getTime(); t += HOUR_MS) {
        const from = Math.max(t / 1000, created);
        const to = Math.min((t + HOUR_MS) / 1000, visibleUntil);
        if (to <= from && t / 1000 < created) continue;
        const moved = accrued(each.shape, each.runs, from, Math.max(from, to));
        points.push({ timestampMs: t, sum: metric === 'NetworkIn' ? moved.inBytes : moved.outBytes });
      }
      return { kind: 'datapoints', points };
    },
    async stopInstance(instance) {
      count('StopInstance');
      const each = find(instance);
      if (each.state !== 'running') throw new Error(`${each.name} is ${each.state}`);
      const at = options.now().getTime();
      each.state = 'stopped';
      const open = each.runs.at(-1);
      if (open !== undefined) open[1] = at / 1000;
      each.stoppedAtMs = at;
    },
    async startInstance(instance) {
      count('StartInstance');
      const each = find(instance);
      if (each.state !== 'stopped') throw new Error(`${each.name} is ${each.state}`);
      each.state = 'running';
      each.runs.push([options.now().getTime() / 1000, undefined]);
    },
    async instanceState(instance) {
      count('GetInstanceState');
      return find(instance).state;
    },
    async tagInstance(instance, tags) {
      count('TagResource');
      const each = find(instance);
      each.tags = { ...each.tags, ...tags };
    },
  };
}
