/** One benchmark configuration: a fresh simulator, one child process, and the figures read back. */

import { performance } from 'node:perf_hooks';
import { type SimStats, startLightsailSimulator } from '../sim/lightsail/index.js';
import { childEnv, runChild } from './child.js';
import { type FleetShape, fleetSpecs, HOME_REGION, REALISTIC_LATENCY_MS } from './fleet.js';
import type { Job, JobResult } from './job.js';
import { baselineCalls, criticalPath, type LowerBound, lowerBound } from './model.js';

export type Latency = { readonly kind: 'fixed'; readonly ms: number } | { readonly kind: 'realistic' };

export interface RateModel {
  readonly perSecond: number;
  readonly burst: number;
}

export interface Scenario {
  readonly shape: FleetShape;
  readonly latency: Latency;
  readonly rate: RateModel | undefined;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly retryMode?: 'standard';
  readonly pace?: RateModel;
  /** Caps the child's V8 heap (MB), as a 128 MB Lambda's memory would. */
  readonly heapCapMb?: number;
}

export interface Measured {
  readonly result: JobResult;
  readonly stats: SimStats;
  /** Child spawn to exit, process start and bundle load included. */
  readonly processMs: number;
  /** CPU time of this process (the simulator) during the run. */
  readonly simCpuMs: number;
}

export interface CheckRun extends Measured {
  readonly scenario: Scenario;
  readonly bound: LowerBound;
  readonly criticalPathMs: number;
  readonly tagTailMs: number;
}

export interface BaselineRun extends Measured {
  /** Wall time for the whole fleet: measured, or scaled up from a sample of instances per region. */
  readonly wallMs: number;
  readonly calls: number;
  readonly extrapolated: boolean;
  readonly sample: number | undefined;
}

export function latencyOf(latency: Latency): (region: string) => number {
  return latency.kind === 'fixed' ? () => latency.ms : (region) => REALISTIC_LATENCY_MS[region] ?? 100;
}

export function latencyLabel(latency: Latency): string {
  return latency.kind === 'fixed' ? `${latency.ms} ms` : '25-260 ms';
}

/** `GetInstances` page size. The simulator's default of 25 forces paging; the real page size is not documented. */
export const PAGE_SIZE = 25;

/** Most a single run may take before its child is killed. */
const CHILD_TIMEOUT_MS = 600_000;

async function measure(script: string, scenario: Scenario, job: Job): Promise<Measured> {
  const latency = latencyOf(scenario.latency);
  const sim = await startLightsailSimulator({
    instances: fleetSpecs(scenario.shape),
    regions: [...scenario.shape.regions],
    latencyMs: (region) => latency(region),
    pageSize: PAGE_SIZE,
    ...(scenario.rate ? { rateLimit: scenario.rate } : {}),
  });
  try {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const nodeArgs = scenario.heapCapMb
      ? [`--max-old-space-size=${scenario.heapCapMb}`, '--max-semi-space-size=2']
      : [];
    const result = await runChild(script, job, childEnv(sim.endpoint), CHILD_TIMEOUT_MS, nodeArgs);
    const used = process.cpuUsage(cpu);
    return {
      result,
      stats: sim.stats(),
      processMs: performance.now() - start,
      simCpuMs: (used.user + used.system) / 1000,
    };
  } finally {
    await sim.close();
  }
}

/** The guard's check over the scenario's fleet. */
export async function runCheck(script: string, scenario: Scenario): Promise<CheckRun> {
  const measured = await measure(script, scenario, {
    mode: 'check',
    regions: undefined,
    homeRegion: HOME_REGION,
    concurrency: scenario.concurrency,
    maxAttempts: scenario.maxAttempts,
    ...(scenario.retryMode ? { retryMode: scenario.retryMode } : {}),
    ...(scenario.pace ? { pace: scenario.pace } : {}),
  });
  const model = {
    shape: scenario.shape,
    pageSize: PAGE_SIZE,
    listRegions: true,
    latencyMs: latencyOf(scenario.latency),
    concurrency: scenario.concurrency,
  };
  const path = criticalPath(model);
  return {
    ...measured,
    scenario,
    bound: lowerBound(model),
    criticalPathMs: path.ms,
    tagTailMs: path.tagTailMs,
  };
}

/**
 * The recipe's algorithm over the same fleet. With `sample`, only that many instances per region
 * are read and each region's metric phase is scaled to its whole instance count.
 */
export async function runBaselineScenario(
  script: string,
  scenario: Scenario,
  sample?: number,
): Promise<BaselineRun> {
  const measured = await measure(script, scenario, {
    mode: 'baseline',
    regions: undefined,
    homeRegion: HOME_REGION,
    concurrency: 1,
    maxAttempts: scenario.maxAttempts,
    ...(sample !== undefined ? { sample } : {}),
  });
  const regions = Object.values(measured.result.baseline ?? {});
  const extrapolated = regions.some((region) => region.read < region.instances);
  const extra = regions.reduce(
    (sum, region) =>
      sum + (region.read > 0 ? region.metricPhaseMs * (region.instances / region.read - 1) : 0),
    0,
  );
  return {
    ...measured,
    wallMs: measured.result.wallMs + extra,
    calls: extrapolated ? baselineCalls(scenario.shape, PAGE_SIZE, true) : measured.stats.total,
    extrapolated,
    sample,
  };
}
