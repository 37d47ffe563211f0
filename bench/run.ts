/**
 * `npm run bench`: the guard's real check path against the in-repo Lightsail simulator, side by
 * side with the recipe's sequential algorithm, plus the Lambda asset's size and cold import.
 * A benchmark, not a test: it prints figures and verdicts and always exits 0 unless it crashes.
 *
 *   tsx bench/run.ts           the full run (~10 minutes)
 *   tsx bench/run.ts --quick   10 and 100 instances only, for a smoke test
 *   tsx bench/run.ts --month   the month simulation instead (bench/month/run.ts)
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bundleChild } from './child.js';
import { measureLambdaAsset } from './lambda-asset.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_MAX_ATTEMPTS,
  extras,
  mainFleets,
  type PlannedFleet,
  RATE_MODEL,
  shape,
  sweep,
} from './plan.js';
import { describe, MAIN_HEADER, mainRow, SWEEP_HEADER, sweepRow, table, targets } from './report.js';
import {
  type BaselineRun,
  type CheckRun,
  PAGE_SIZE,
  runBaselineScenario,
  runCheck,
  type Scenario,
} from './scenario.js';

const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lightsail-guard-bench-'));
const began = performance.now();
const progress = (text: string): void => {
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${text}\n`);
};

function machine(): string {
  const memory = execFileSync('free', ['-h'], { encoding: 'utf8' }).split('\n')[1]?.trim() ?? '';
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  return [
    `node ${process.version}, ${process.platform}/${process.arch}`,
    `nproc ${execFileSync('nproc', { encoding: 'utf8' }).trim()}, CPU ${model}`,
    `free -h: ${memory.replace(/\s+/g, ' ')}`,
  ].join('\n');
}

async function main(): Promise<void> {
  console.log(`# lightsail-guard benchmark${quick ? ' (--quick)' : ''}\n\n${machine()}\n`);
  const script = await bundleChild(root, join(work, 'child'));
  progress('measuring the Lambda asset');
  const asset = await measureLambdaAsset(root, join(work, 'lambda'), 15);

  const fixed50 = { kind: 'fixed', ms: 50 } as const;
  const defaults = { concurrency: DEFAULT_CONCURRENCY, maxAttempts: DEFAULT_MAX_ATTEMPTS } as const;
  const mainRuns: [CheckRun, BaselineRun | undefined][] = [];
  const baselines = new Map<string, BaselineRun>();
  const planned: PlannedFleet[] = [
    ...mainFleets(quick),
    // Realistic latencies: one fleet over the eight regions.
    { shape: shape(100, 8), baselineSample: 25 },
  ];
  for (const [index, fleet] of planned.entries()) {
    const realistic = index === planned.length - 1;
    const scenario: Scenario = {
      ...defaults,
      shape: fleet.shape,
      latency: realistic ? { kind: 'realistic' } : fixed50,
      rate: undefined,
    };
    const check = await runCheck(script, scenario);
    progress(`check ${describe(check)}: ${check.result.wallMs.toFixed(0)} ms`);
    const baseline = await runBaselineScenario(script, scenario, fleet.baselineSample);
    progress(`baseline ${describe(check)}: ${baseline.wallMs.toFixed(0)} ms`);
    if (!realistic) baselines.set(`${fleet.shape.perRegion}x${fleet.shape.regions.length}`, baseline);
    mainRuns.push([check, baseline]);
  }
  // The same fleets under the rate limit. The baseline sends one call per latency (20/s at 50 ms),
  // under the modelled 50/s, so its figure above stands for these rows too.
  for (const fleet of mainFleets(quick)) {
    const check = await runCheck(script, {
      ...defaults,
      shape: fleet.shape,
      latency: fixed50,
      rate: RATE_MODEL,
    });
    progress(`check ${describe(check)}: ${check.result.wallMs.toFixed(0)} ms`);
    mainRuns.push([check, baselines.get(`${fleet.shape.perRegion}x${fleet.shape.regions.length}`)]);
  }
  for (const scenario of extras(quick)) {
    const check = await runCheck(script, scenario);
    progress(`extra ${describe(check)}: ${check.result.wallMs.toFixed(0)} ms`);
    mainRuns.push([check, baselines.get(`${scenario.shape.perRegion}x${scenario.shape.regions.length}`)]);
  }
  const sweepRuns: CheckRun[] = [];
  for (const scenario of sweep(quick)) {
    const check = await runCheck(script, scenario);
    progress(`sweep ${describe(check)}: ${check.result.wallMs.toFixed(0)} ms`);
    sweepRuns.push(check);
  }

  console.log(
    `GetInstances page size ${PAGE_SIZE}; rate model ${RATE_MODEL.perSecond} requests/s per region, burst ${RATE_MODEL.burst}; ` +
      `CONCURRENCY ${DEFAULT_CONCURRENCY}, maxAttempts ${DEFAULT_MAX_ATTEMPTS}, adaptive retry (the shipped defaults) unless stated.\n`,
  );
  console.log('## Check vs sequential baseline\n');
  console.log(
    table(
      MAIN_HEADER,
      mainRuns.map(([check, baseline]) => mainRow(check, baseline)),
    ),
  );
  console.log(
    `\n## Concurrency and retry sweep at ${sweepRuns[0]?.scenario.shape.perRegion} instances x 1 region, 50 ms\n`,
  );
  console.log(table(SWEEP_HEADER, sweepRuns.map(sweepRow)));
  console.log('\n## Lambda asset\n');
  console.log(
    `index.mjs ${(asset.bytes / 1000).toFixed(1)} KB (${(asset.gzipBytes / 1000).toFixed(1)} KB gzipped); ` +
      `cold import ${asset.coldImportMs.toFixed(0)} ms over bare node (median of ${asset.runs}: ` +
      `${asset.importMedianMs.toFixed(0)} ms vs ${asset.bareMedianMs.toFixed(0)} ms for node -e 0)`,
  );
  console.log('\n## Targets\n');
  for (const line of targets([...mainRuns.map(([check]) => check), ...sweepRuns], asset, asset.bareMedianMs))
    console.log(`- ${line}`);
  console.log('\n## Headline\n');
  for (const [check, baseline] of mainRuns.filter(
    ([check]) =>
      check.scenario.rate === undefined &&
      check.scenario.latency.kind === 'fixed' &&
      ((check.scenario.shape.perRegion === 100 && check.scenario.shape.regions.length === 1) ||
        (check.scenario.shape.perRegion === 1000 && check.scenario.shape.regions.length === 8)),
  )) {
    if (baseline === undefined) continue;
    console.log(
      `- ${describe(check)}: check ${check.result.wallMs.toFixed(0)} ms vs baseline ${baseline.wallMs.toFixed(0)} ms` +
        `${baseline.extrapolated ? ' (extrapolated)' : ''}: ${(baseline.wallMs / check.result.wallMs).toFixed(1)}x faster, ` +
        `${check.stats.total} vs ${baseline.calls} calls`,
    );
  }
  console.log(`\nTotal bench time ${((performance.now() - began) / 1000).toFixed(0)} s.`);
}

if (process.argv.includes('--month')) {
  rmSync(work, { recursive: true, force: true });
  await import('./month/run.js');
} else {
  try {
    await main();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
