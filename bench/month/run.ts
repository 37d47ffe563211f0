/**
 * `npm run bench:month` (or `npm run bench -- --month`): the real engine (`runGuard`) over a virtual
 * month, checks every 10 minutes, metrics visible 15 minutes late, against the traffic profiles of
 * issue 9 and under five policies. Reports the billable overage, the pooled allowance left unused
 * when the first stop came, and the hours instances spent stopped. In memory (bench/month/fleet.ts),
 * not over HTTP: the engine sees the same `Fleet` interface, and the 4,320 checks of a month take
 * a fraction of a second instead of hours. A benchmark, not a test: it prints and exits 0.
 */

import { performance } from 'node:perf_hooks';
import { DEFAULTS } from '../../src/config.js';
import type { GuardSettings } from '../../src/engine/run.js';
import { type Profile, profiles } from './profiles.js';
import { CHECK_EVERY_MINUTES, METRIC_DELAY_MINUTES, type MonthRun, simulateMonth } from './simulate.js';

const base: GuardSettings = {
  policy: { quotaPercent: DEFAULTS.quotaPercent, warnPercents: [...DEFAULTS.warnPercents] },
  allowance: { unit: 'GB', prorateNewInstances: true },
  regions: undefined,
  instances: undefined,
  concurrency: DEFAULTS.concurrency,
  timeZone: 'UTC',
  allowanceScope: 'instance',
  action: DEFAULTS.action,
  language: DEFAULTS.language,
  restartOnNewMonth: false,
  foresight: {
    metricDelayMinutes: METRIC_DELAY_MINUTES,
    checkIntervalMinutes: CHECK_EVERY_MINUTES,
    stopAhead: true,
    burstMbps: 0,
  },
};

const burst: GuardSettings = { ...base, foresight: { ...base.foresight, burstMbps: 1000 } };

/**
 * The policies: the seed's fixed 95% per instance, this guard's defaults, pools, and both with a
 * 1 Gbps burst reserve (BURST_MBPS=1000).
 */
const POLICIES: readonly { readonly name: string; readonly settings: GuardSettings }[] = [
  { name: 'fixed 95%', settings: { ...base, foresight: { ...base.foresight, stopAhead: false } } },
  { name: 'default', settings: base },
  { name: 'pool', settings: { ...base, allowanceScope: 'pool' } },
  { name: 'BURST_MBPS=1000', settings: burst },
  { name: 'pool + BURST_MBPS=1000', settings: { ...burst, allowanceScope: 'pool' } },
];

/** The run that cost the most, and of those the one that left the least allowance unused. */
function worst(runs: readonly MonthRun[]): MonthRun {
  return [...runs].sort(
    (a, b) =>
      b.overageBytes - a.overageBytes ||
      (a.unusedAtStopBytes ?? Number.POSITIVE_INFINITY) - (b.unusedAtStopBytes ?? Number.POSITIVE_INFINITY),
  )[0] as MonthRun;
}

const gb = (bytes: number | undefined): string => (bytes === undefined ? '-' : (bytes / 1e9).toFixed(1));

async function runProfile(profile: Profile): Promise<{ cells: string[]; notes: string[] }> {
  const cells: string[] = [];
  const notes: string[] = [];
  for (const policy of POLICIES) {
    const runs: MonthRun[] = [];
    for (const variant of profile.variants) runs.push(await simulateMonth(variant, policy.settings));
    const run = worst(runs);
    cells.push(gb(run.overageBytes), gb(run.unusedAtStopBytes), run.hoursStopped.toFixed(1));
    const reads = Math.max(...runs.map((each) => each.metricReadsPerRead));
    notes.push(
      `${policy.name}: ${run.stops.join(', ') || 'no stop'}; ${run.checks} checks, ` +
        `${reads.toFixed(2)} metric calls per running instance per check, ${run.problems} problems`,
    );
  }
  return { cells, notes };
}

async function main(): Promise<void> {
  const began = performance.now();
  console.log(
    `# Month simulation: November 2026, a check every ${CHECK_EVERY_MINUTES} minutes, metrics ${METRIC_DELAY_MINUTES} minutes late\n`,
  );
  const header = [
    'profile',
    'plan',
    ...POLICIES.flatMap((policy) => [`${policy.name}: overage GB`, 'unused at stop GB', 'hours stopped']),
  ];
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rows: string[] = [line(header), line(header.map(() => '---'))];
  const details: string[] = [];
  for (const profile of profiles()) {
    const { cells, notes } = await runProfile(profile);
    rows.push(line([profile.name, profile.plan, ...cells]));
    details.push(`- ${profile.name} [${profile.plan}], worst run: ${notes.join(' / ')}`);
    process.stderr.write(
      `[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${profile.name} [${profile.plan}]\n`,
    );
  }
  console.log(rows.join('\n'));
  console.log('\nStops (time UTC, reason) in the run shown:\n');
  console.log(details.join('\n'));
  console.log(`\nTotal ${((performance.now() - began) / 1000).toFixed(0)} s.`);
}

await main();
