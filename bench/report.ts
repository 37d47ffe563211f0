/** Turns measured runs into table rows and the issue's targets into met / not met lines. */

import { LAMBDA_ASSET_BUDGET_BYTES } from '../infra/bundling.js';
import type { AssetFigures } from './lambda-asset.js';
import { type BaselineRun, type CheckRun, latencyLabel } from './scenario.js';

const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** Requests beyond each command's first attempt. */
export function retries(run: CheckRun): number {
  return run.stats.total - run.result.commands;
}

/** Reads and stops issued by the guard, each command counted once: what the lower bound counts. */
export function readsAndStops(run: CheckRun): number {
  return run.result.commands - (run.result.commandsByOperation.TagResource ?? 0);
}

/**
 * The best wall time the rate model allows: the critical path, or the time the region's bucket
 * needs to let every call through after the burst, whichever is longer.
 */
export function idealMs(run: CheckRun): number {
  const rate = run.scenario.rate;
  if (rate === undefined) return run.criticalPathMs;
  const regions = run.scenario.shape.regions.length;
  const perRegion = (run.bound.calls + run.bound.tagWrites) / regions;
  return Math.max(run.criticalPathMs, ((perRegion - rate.burst) / rate.perSecond) * 1000);
}

/** Whether the rate limit, not latency, decides the wall time. */
export function rateBound(run: CheckRun): boolean {
  return idealMs(run) > run.criticalPathMs;
}

/** Successful requests per second per region over the run. */
export function throughput(run: CheckRun): number {
  const regions = run.scenario.shape.regions.length;
  return (run.stats.total - run.stats.throttled) / regions / (run.result.wallMs / 1000);
}

export const MAIN_HEADER = [
  'fleet (per region)',
  'regions',
  'latency',
  'rate limit',
  'variant',
  'wall ms',
  'critical path ms (+ tag tail)',
  'wall / CP',
  'calls (reads+stops)',
  'lower bound',
  'tag writes',
  'peak in flight',
  'throttled',
  'retries',
  'failed / unknown',
  'peak RSS MB',
  'CPU ms client / sim',
  'baseline wall ms',
  'baseline calls',
  'speed-up vs baseline',
];

export function mainRow(run: CheckRun, baseline: BaselineRun | undefined): string[] {
  const { scenario, result, stats } = run;
  const limit = scenario.rate ? `${scenario.rate.perSecond}/s, burst ${scenario.rate.burst}` : 'none';
  return [
    fmt(scenario.shape.perRegion),
    String(scenario.shape.regions.length),
    latencyLabel(scenario.latency),
    limit,
    variant(run),
    fmt(result.wallMs),
    `${fmt(run.criticalPathMs)} (+${fmt(run.tagTailMs)})`,
    `${fmt(result.wallMs / run.criticalPathMs, 2)}${rateBound(run) ? ` (${fmt(result.wallMs / idealMs(run), 2)} of rate-bound ideal)` : ''}`,
    fmt(readsAndStops(run)),
    fmt(run.bound.calls),
    fmt(result.commandsByOperation.TagResource ?? 0),
    String(stats.peakInFlight),
    fmt(stats.throttled),
    fmt(retries(run)),
    `${result.failedCommands} / ${result.unknownUsages}`,
    fmt(result.peakRssMb, 1),
    `${fmt(result.cpuMs)} / ${fmt(run.simCpuMs)}`,
    baseline
      ? `${fmt(baseline.wallMs)}${baseline.extrapolated ? ` (extrapolated from ${baseline.sample}/region)` : ''}`
      : '-',
    baseline ? fmt(baseline.calls) : '-',
    baseline ? `${fmt(baseline.wallMs / result.wallMs, 1)}x` : '-',
  ];
}

/** Anything that differs from the shipped defaults. */
export function variant(run: CheckRun): string {
  const s = run.scenario;
  const parts = [
    ...(s.retryMode ? [`${s.retryMode} retry`] : []),
    ...(s.maxAttempts !== 8 ? [`${s.maxAttempts} attempts`] : []),
    ...(s.pace ? [`paced ${s.pace.perSecond}/s`] : []),
    ...(s.heapCapMb ? [`heap cap ${s.heapCapMb} MB`] : []),
  ];
  return parts.length ? parts.join(', ') : 'defaults';
}

export const SWEEP_HEADER = [
  'concurrency',
  'rate limit',
  'variant',
  'wall ms',
  'critical path ms',
  'wall / ideal',
  'requests',
  'throttled',
  'retries',
  'failed / unknown',
  'peak in flight',
  'ok req/s per region',
  'peak RSS MB',
  'CPU ms client / sim',
];

export function sweepRow(run: CheckRun): string[] {
  const { scenario, result, stats } = run;
  return [
    String(scenario.concurrency),
    scenario.rate ? `${scenario.rate.perSecond}/s` : 'none',
    variant(run),
    fmt(result.wallMs),
    fmt(run.criticalPathMs),
    fmt(result.wallMs / idealMs(run), 2),
    fmt(stats.total),
    fmt(stats.throttled),
    fmt(retries(run)),
    `${result.failedCommands} / ${result.unknownUsages}`,
    String(stats.peakInFlight),
    fmt(throughput(run), 1),
    fmt(result.peakRssMb, 1),
    `${fmt(result.cpuMs)} / ${fmt(run.simCpuMs)}`,
  ];
}

const verdict = (met: boolean): string => (met ? 'MET' : 'NOT MET');

/** The issue's targets, each with the figure that decides it. */
export function targets(runs: readonly CheckRun[], asset: AssetFigures, processStartMs: number): string[] {
  const lines: string[] = [];
  const offBound = runs.filter(
    (run) => readsAndStops(run) !== run.bound.calls || (run.result.commandsByOperation.GetInstance ?? 0) > 0,
  );
  lines.push(
    `${verdict(offBound.length === 0)}: calls = lower bound (reads + stops; no GetInstance) in ${runs.length - offBound.length} of ${runs.length} runs${offBound.length ? `; off in ${offBound.map(describe).join(', ')}` : ''}.`,
  );
  const latencyRuns = runs.filter((run) => !rateBound(run));
  const worstLatency = Math.max(...latencyRuns.map((run) => run.result.wallMs / run.criticalPathMs));
  const slow = latencyRuns.filter((run) => run.result.wallMs > 1.5 * run.criticalPathMs + processStartMs);
  lines.push(
    `${verdict(slow.length === 0)}: wall <= 1.5 x critical path (+ ${fmt(processStartMs)} ms process start) below the rate limit: worst wall/CP ${fmt(worstLatency, 2)} over ${latencyRuns.length} runs${slow.length ? `; missed by ${slow.map(describe).join(', ')}` : ''}.`,
  );
  const limited = runs.filter((run) => rateBound(run));
  const inefficient = limited.filter((run) => run.result.wallMs > idealMs(run) / 0.8);
  const broken = runs.filter(
    (run) => run.result.failedCommands > 0 || run.result.unknownUsages > 0 || run.result.problems > 0,
  );
  lines.push(
    `${verdict(inefficient.length === 0)}: beyond the limit, throughput >= 80% of the modelled rate (wall <= ideal / 0.8) in ${limited.length - inefficient.length} of ${limited.length} rate-bound runs${inefficient.length ? `; missed by ${inefficient.map((run) => `${describe(run)} at ${fmt((100 * idealMs(run)) / run.result.wallMs)}%`).join(', ')}` : ''}.`,
  );
  lines.push(
    `${verdict(broken.length === 0)}: zero failed checks and zero unknown usages${
      broken.length
        ? `; failures in ${broken
            .map(
              (run) =>
                `${describe(run)} (${run.result.failedCommands} failed calls, ${run.result.unknownUsages} unknown: ${Object.entries(
                  run.result.failuresByError,
                )
                  .map(([name, count]) => `${count} ${name}`)
                  .join(', ')})`,
            )
            .join(', ')}`
        : ''
    }.`,
  );
  const big = runs.filter((run) => run.scenario.shape.perRegion >= 1000);
  const rss = Math.max(...big.map((run) => run.result.peakRssMb));
  if (big.length > 0)
    lines.push(
      `${verdict(rss <= 128)}: peak RSS <= 128 MB at 1,000 instances per region: worst ${fmt(rss, 1)} MB.`,
    );
  lines.push(
    `${verdict(asset.bytes <= LAMBDA_ASSET_BUDGET_BYTES)}: Lambda asset <= ${LAMBDA_ASSET_BUDGET_BYTES / 1000} KB: ${fmt(asset.bytes / 1000, 1)} KB (${fmt(asset.gzipBytes / 1000, 1)} KB gzipped).`,
  );
  lines.push(
    `${verdict(asset.coldImportMs <= 120)}: cold import <= 120 ms over bare node: ${fmt(asset.coldImportMs)} ms (median of ${asset.runs}: ${fmt(asset.importMedianMs)} ms vs ${fmt(asset.bareMedianMs)} ms).`,
  );
  const unbounded = runs.filter(
    (run) => run.stats.peakInFlight > 2 * run.scenario.concurrency * run.scenario.shape.regions.length + 1,
  );
  lines.push(
    `${verdict(unbounded.length === 0)}: concurrency bounded: peak in flight <= 2 x CONCURRENCY x regions (+1) in every run${unbounded.length ? `; exceeded in ${unbounded.map(describe).join(', ')}` : ''}.`,
  );
  return lines;
}

export function describe(run: CheckRun): string {
  const s = run.scenario;
  const extra = variant(run);
  return `${s.shape.perRegion}x${s.shape.regions.length}@${latencyLabel(s.latency)}${s.rate ? ' limited' : ''} c${s.concurrency}${extra === 'defaults' ? '' : ` ${extra}`}`;
}
