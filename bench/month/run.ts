/**
 * `npm run bench:month` (or `npm run bench -- --month`): the real engine (`runGuard`) over a virtual
 * month, checks every 10 minutes, against the traffic profiles of issue 9 and under five policies,
 * once for each lag of `--lags` (minutes the metrics land late; default 1,5,15,30). The guard keeps
 * its default METRIC_DELAY_MINUTES whatever the lag: the lag is the service's, not a setting. Reports
 * the billable overage, the pooled allowance left unused when the first stop came, the hours
 * instances spent stopped, and of those the hours before a guard with perfect knowledge would have
 * stopped them (bench/month/perfect.ts). In memory (bench/month/fleet.ts),
 * not over HTTP: the engine sees the same `Fleet` interface, and the 4,320 checks of a month take
 * a fraction of a second instead of hours. A benchmark, not a test: it prints and exits 0.
 */

import { performance } from 'node:perf_hooks';
import { DEFAULTS } from '../../src/config.js';
import type { GuardSettings } from '../../src/engine/run.js';
import { type Profile, profiles } from './profiles.js';
import { CHECK_EVERY_MINUTES, type MonthRun, simulateMonth } from './simulate.js';

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
    // The guard's default, told nothing about the lag the fleet has: that lag is its truth to cope with.
    metricDelayMinutes: DEFAULTS.metricDelayMinutes,
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

/** Minutes late the metrics land in each run, from `--lags 1,5,15,30` (the default). */
function lagsFrom(argv: readonly string[]): number[] {
  const at = argv.indexOf('--lags');
  const given =
    at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--lags='))?.slice('--lags='.length);
  if (given === undefined) return [...DEFAULT_LAGS];
  const parts = given.split(',');
  const lags = parts.map(Number);
  if (!parts.every((part, index) => part.trim() !== '' && (lags[index] ?? -1) >= 0)) {
    throw new Error(`--lags takes minutes separated by commas, like 1,5,15,30; got ${given}`);
  }
  return lags;
}

const DEFAULT_LAGS = [1, 5, 15, 30] as const;

async function runProfile(
  profile: Profile,
  lagMinutes: number,
): Promise<{ cells: string[]; notes: string[] }> {
  const cells: string[] = [];
  const notes: string[] = [];
  for (const policy of POLICIES) {
    const runs: MonthRun[] = [];
    for (const variant of profile.variants)
      runs.push(await simulateMonth(variant, policy.settings, { lagMinutes }));
    const run = worst(runs);
    // Early stops are a worst case of their own: the run with the most overage is rarely the one
    // stopped earliest, so this column is the most of any variant.
    const early = Math.max(...runs.map((each) => each.hoursStoppedEarly));
    cells.push(
      gb(run.overageBytes),
      gb(run.unusedAtStopBytes),
      run.hoursStopped.toFixed(1),
      early.toFixed(1),
    );
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
  const lags = lagsFrom(process.argv.slice(2));
  console.log(
    `# Month simulation: November 2026, a check every ${CHECK_EVERY_MINUTES} minutes, metrics landing ` +
      `${lags.join(', ')} minutes late; the guard assumes METRIC_DELAY_MINUTES=${DEFAULTS.metricDelayMinutes}\n`,
  );
  console.log(
    '"stopped early h": hours instances were stopped before a guard that knew the exact usage at every ' +
      'moment would have stopped them (at QUOTA_PERCENT of the allowance, or never), the most of any ' +
      'variant; the other columns are the run with the most overage.\n',
  );
  const header = [
    'profile',
    'plan',
    ...POLICIES.flatMap((policy) => [
      `${policy.name}: overage GB`,
      'unused at stop GB',
      'hours stopped',
      'stopped early h',
    ]),
  ];
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  for (const lagMinutes of lags) {
    const rows: string[] = [line(header), line(header.map(() => '---'))];
    const details: string[] = [];
    for (const profile of profiles()) {
      const { cells, notes } = await runProfile(profile, lagMinutes);
      rows.push(line([profile.name, profile.plan, ...cells]));
      details.push(`- ${profile.name} [${profile.plan}], worst run: ${notes.join(' / ')}`);
      process.stderr.write(
        `[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${lagMinutes} min late: ` +
          `${profile.name} [${profile.plan}]\n`,
      );
    }
    console.log(`## Metrics landing ${lagMinutes} minute${lagMinutes === 1 ? '' : 's'} late\n`);
    console.log(rows.join('\n'));
    console.log('\nStops (time UTC, reason) in the run shown:\n');
    console.log(`${details.join('\n')}\n`);
  }
  console.log(`Total ${((performance.now() - began) / 1000).toFixed(0)} s.`);
}

await main();
