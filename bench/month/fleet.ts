/**
 * The account of the month simulation: an in-memory `Fleet` (no HTTP, so a month of checks runs in
 * seconds) whose traffic follows shapes from `sim/traffic.ts`, flows only while an instance runs,
 * and reaches the metric answers `lagMinutes` late, in buckets that grow as Lightsail's do
 * (`metricPoints`). The engine sees only what this `Fleet` answers, exactly as it sees the real
 * service, and is told nothing about the lag: it is the truth the guard has to cope with.
 */

import { accrued, type RunningIntervals, type TrafficShape } from '../../sim/traffic.js';
import type { Fleet } from '../../src/core/ports.js';
import type { Instance, MetricPoint, TrafficMetric, UsageWindow } from '../../src/core/types.js';

/**
 * Lightsail's network metrics are 5-minute buckets, whatever period is asked for; a bucket is final
 * the moment it closes, and the one still open is answered too, growing (measured on the real service,
 * ap-northeast-1, 2026-08-22).
 */
const NATIVE_SECONDS = 300;

/**
 * The datapoints of one traffic metric as the service answers them when its data reaches
 * `visibleUntil` (epoch seconds; the service's clock minus the lag): one per bucket of the query
 * (`[t, t + period)` from `window.start`) that holds any visible data, its `sum` the bytes moved in
 * it up to that moment, its `samples` the 5-minute native buckets of it in which the instance ran
 * before that moment. The open native bucket counts as one, as the real service answers it while
 * it grows; a running instance always moves some bytes, so a quiet span that ran still has its
 * samples, and a bucket the instance never ran in (stopped, not yet created, not yet visible) has
 * no datapoint at all, not a 0.
 */
export function metricPoints(input: {
  readonly shape: TrafficShape;
  readonly runs: RunningIntervals;
  readonly metric: TrafficMetric;
  readonly window: UsageWindow;
  readonly visibleUntil: number;
}): MetricPoint[] {
  const { shape, runs, window } = input;
  const period = window.periodSeconds;
  const end = Math.min(window.end.getTime() / 1000, input.visibleUntil);
  const points: MetricPoint[] = [];
  for (let t = window.start.getTime() / 1000; t < end; t += period) {
    const to = Math.min(t + period, end);
    const samples = nativeBucketsRun(runs, t, to);
    if (samples === 0) continue;
    const moved = accrued(shape, runs, t, to);
    points.push({
      timestampMs: t * 1000,
      sum: input.metric === 'NetworkIn' ? moved.inBytes : moved.outBytes,
      samples,
    });
  }
  return points;
}

/** How many 5-minute native buckets the instance ran in during `[from, to)`, each counted once. */
function nativeBucketsRun(runs: RunningIntervals, from: number, to: number): number {
  let count = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const [start, stop] of runs) {
    const a = Math.max(from, start);
    const b = Math.min(to, stop ?? Number.POSITIVE_INFINITY);
    if (b <= a) continue;
    // A stop and a start within one native bucket leave one datapoint, not two.
    const first = Math.max(Math.floor(a / NATIVE_SECONDS), last + 1);
    const final = Math.ceil(b / NATIVE_SECONDS) - 1;
    if (final >= first) count += final - first + 1;
    last = Math.max(last, final);
  }
  return count;
}

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
 * A fleet at the clock `now()`, showing traffic `lagMinutes` late. Every instance runs from its
 * creation until the guard stops it; nobody starts it again this month (the simulation keeps
 * RESTART_ON_NEW_MONTH off, and the month ends before a 1st could start it).
 */
export function monthFleet(options: {
  readonly instances: readonly MonthInstance[];
  readonly now: () => Date;
  readonly lagMinutes: number;
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
  const settled = new Map<string, { readonly until: number; readonly points: readonly MetricPoint[] }>();
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
      const visibleUntil = options.now().getTime() / 1000 - options.lagMinutes * 60;
      // A bucket that closed before the visible moment never changes again (its traffic has moved,
      // and a stop or a start changes only what comes after now), so each month-to-date read only
      // computes the buckets since the last closed one: a month of checks stays seconds, not minutes.
      const key = `${each.region}/${each.name}/${metric}/${window.start.getTime()}/${window.periodSeconds}`;
      const known = settled.get(key) ?? { until: window.start.getTime() / 1000, points: [] };
      const fresh = metricPoints({
        ...each,
        metric,
        window: { ...window, start: new Date(known.until * 1000) },
        visibleUntil,
      });
      const end = Math.min(window.end.getTime() / 1000, visibleUntil);
      const until =
        known.until +
        window.periodSeconds * Math.max(0, Math.floor((end - known.until) / window.periodSeconds));
      const closed = fresh.filter((point) => point.timestampMs < until * 1000);
      settled.set(key, { until, points: [...known.points, ...closed] });
      return { kind: 'datapoints', points: [...known.points, ...fresh] };
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
