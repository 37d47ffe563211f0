import { TAGS } from '../constants.js';
import type { AlertEvent } from '../core/alerts.js';
import { type BillingMonth, billingMonthOf, resetBeforeNextCheck } from '../core/billing-month.js';
import { type Coverage, lagMinutes, plannedLagMinutes } from '../core/coverage.js';
import type { Assessment } from '../core/decide.js';
import { forecastJson } from '../core/forecast-text.js';
import { percentUsed } from '../core/percent.js';
import type { InstanceAction, PoolRow, ReportRow } from '../core/report.js';
import type { MetricsReach } from '../core/report-model.js';
import { nextMonthFor } from '../core/restart.js';
import { burstStopPercent } from '../core/stop-ahead.js';
import { usageWindow } from '../core/usage.js';
import { type AssessContext, stopAheadSettings } from './assess.js';
import { deliverAlerts } from './deliver.js';
import { deliverReport } from './deliver-report.js';
import { assessRegion } from './pools.js';
import { instanceProblems, missingNames } from './problems.js';
import { monitoredInstances, regionsToCheck } from './regions.js';
import { startedEvent, startOrForget } from './restart.js';
import { stopAssessed } from './stop.js';
import type {
  Command,
  GuardSettings,
  InstanceOutcome,
  PoolOutcome,
  RegionError,
  RunDependencies,
  RunResult,
} from './types.js';

export type {
  AllowanceScope,
  Command,
  GuardSettings,
  InstanceOutcome,
  LogEvent,
  MessageResult,
  RunDependencies,
  RunResult,
} from './types.js';

/**
 * Runs one command over the whole fleet: list the regions, then in each region (all in parallel)
 * list the instances and assess them with bounded concurrency, stopping each one due a stop as soon
 * as it is assessed; then name the problems, and deliver the alerts (or the report), recording
 * what was delivered. Nothing is swallowed: each failure becomes a named problem in the result,
 * and everything else is still processed.
 */
export async function runGuard(
  deps: RunDependencies,
  settings: GuardSettings,
  options: { readonly command: Command; readonly dryRun: boolean },
): Promise<RunResult> {
  const { fleet, deadline, log = () => {} } = deps;
  const { command, dryRun } = options;
  const now = deps.now();
  const month = billingMonthOf(now);
  const ctx: AssessContext = {
    fleet,
    settings,
    command,
    month,
    now,
    window: usageWindow(month, now),
    deadline,
  };
  const problems: string[] = [];
  const events: AlertEvent[] = [];
  const regionErrors: RegionError[] = [];

  const listed = await regionsToCheck(fleet, settings.regions, deadline);
  if (listed.problem !== undefined) problems.push(listed.problem);
  if (listed.event !== undefined) events.push(listed.event);

  const wanted = settings.instances === undefined ? undefined : new Set(settings.instances);
  const act = async (outcome: InstanceOutcome): Promise<InstanceOutcome> => {
    if (command !== 'check') return outcome;
    if (!outcome.assessment?.stop) {
      const { restartOnNewMonth } = settings;
      return startOrForget({ fleet, outcome, month, restartOnNewMonth, dryRun, deadline, log });
    }
    if (dryRun) return { ...outcome, action: 'would-stop' };
    return stopAssessed({ fleet, outcome, now, deadline, log });
  };
  const perRegion = await Promise.all(
    listed.regions.map(async (region) => {
      const found = await monitoredInstances(fleet, region, wanted, deadline, listed.lightsail);
      if ('failure' in found) {
        regionErrors.push(found.failure);
        problems.push(`${region}: could not list instances: ${found.failure.error}`);
        events.push({ kind: 'region-failed', region, error: found.failure.error });
        return { outcomes: [], pools: [] };
      }
      // Pools (ALLOWANCE_SCOPE=pool) are judged once all their members are read: see pools.ts.
      return assessRegion({ ctx, instances: found.instances, act });
    }),
  );
  const outcomes = perRegion.flatMap((region) => region.outcomes);
  const pools = perRegion.flatMap((region) => region.pools);

  const missing = missingNames(wanted, outcomes, regionErrors.length === 0 && problems.length === 0);
  if (missing.length > 0) {
    problems.push(`not found in any checked region: ${missing.join(', ')} (INSTANCES_TO_MONITOR)`);
    events.push({ kind: 'missing', names: missing });
  }
  problems.push(...instanceProblems(outcomes));
  const started = command === 'check' ? startedEvent(outcomes, dryRun) : undefined;
  if (started !== undefined) events.push(started);

  const reset = resetBeforeNextCheck(now, settings.foresight.checkIntervalMinutes);
  const rows = outcomes.map((outcome) => toRow(outcome, month, settings, now, reset));
  const poolRows = pools.map(toPoolRow);
  const base = {
    command,
    dryRun,
    checkedAt: now,
    month,
    regions: listed.regions,
    regionErrors,
    rows,
    pools: poolRows,
    missing,
  };
  if (command === 'status') return { ...base, messages: [], problems };
  const delivery =
    command === 'check'
      ? await deliverAlerts({ deps, settings, outcomes, pools, events, month, now, dryRun })
      : await deliverReport({ deps, settings, rows, pools: poolRows, regionErrors, month, now, dryRun });
  return { ...base, messages: delivery.messages, problems: [...problems, ...delivery.problems] };
}

/** The actions a stop decision leads to: the row says why (`reason`). */
const STOP_ACTIONS: ReadonlySet<InstanceAction> = new Set([
  'stopped',
  'stop-failed',
  'would-stop',
  'over-threshold',
]);

/**
 * The level a burst reserve stops a running instance judged on its own at, when below its threshold;
 * a pool's member is judged by the pool's level, which its pool line shows.
 */
function burstLevel(
  outcome: InstanceOutcome,
  settings: GuardSettings,
  now: Date,
  month: BillingMonth,
): { burstStopPercent?: number } {
  const { instance, assessment, policy } = outcome;
  if (instance.state !== 'running' || outcome.pool !== undefined || assessment === undefined) return {};
  if (assessment.percent === null || policy?.action === 'notify') return {};
  if (outcome.action !== 'none' && outcome.action !== 'warned') return {};
  const level = burstStopPercent({
    allowanceBytes: outcome.allowance.bytes,
    quotaPercent: policy?.quotaPercent ?? settings.policy.quotaPercent,
    settings: stopAheadSettings(settings.foresight, 1, now, outcome.coverage, month.end),
  });
  return level === undefined ? {} : { burstStopPercent: level };
}

function toRow(
  outcome: InstanceOutcome,
  month: BillingMonth,
  settings: GuardSettings,
  now: Date,
  /** The allowance's reset when it comes before the next check (`resetBeforeNextCheck`). */
  reset: Date | undefined,
): ReportRow {
  const { restartOnNewMonth } = settings;
  const { instance, allowance, assessment, stop } = outcome;
  const usage = assessment?.usage;
  // Stopped in this run: as the next run will see it, with its stop record.
  const seen =
    outcome.action === 'stopped' && stop !== undefined
      ? { state: 'stopped', tags: { ...instance.tags, [TAGS.stopped]: stop.month } }
      : instance;
  const action = outcome.policy?.action ?? 'stop';
  const nextMonth = nextMonthFor({ instance: seen, month, restartOnNewMonth, action });
  return {
    name: instance.name,
    region: instance.region,
    state: outcome.action === 'stopped' ? 'stopped' : instance.state,
    usedBytes: usage?.kind === 'known' ? usage.inBytes + usage.outBytes : null,
    allowanceBytes: allowance.bytes,
    allowanceShare: allowance.share,
    percent: assessment?.percent ?? null,
    action: outcome.action,
    ...(assessment?.stopReason !== undefined && STOP_ACTIONS.has(outcome.action)
      ? { reason: assessment.stopReason, ...aheadOf(assessment) }
      : {}),
    ...(usage?.kind === 'unknown' ? { unknownReason: usage.reason } : {}),
    ...(stop?.error !== undefined ? { error: `stop failed: ${stop.error}` } : {}),
    ...(outcome.start?.error !== undefined ? { error: `start failed: ${outcome.start.error}` } : {}),
    ...(nextMonth !== undefined ? { nextMonth } : {}),
    ...burstLevel(outcome, settings, now, month),
    forecast: forecastJson(outcome.forecast ?? null),
    ...(outcome.coverage !== undefined ? { metrics: metricsReach(outcome.coverage, now) } : {}),
    ...(outcome.pool !== undefined
      ? { pool: { bundleId: outcome.pool.bundleId, percent: outcome.pool.percent } }
      : {}),
    // "The next check stops it" is moot when the next check reads a new month.
    ...(outcome.action === 'over-threshold' && reset !== undefined
      ? { resetBeforeNextCheck: reset.toISOString() }
      : {}),
  };
}

/** A stop ahead's figures, as the alert gives them: the pace measured, any margin named apart. */
function aheadOf(assessment: Assessment): Pick<ReportRow, 'burst' | 'ahead'> {
  for (const due of assessment.due) {
    if (due.kind !== 'stop' || due.ahead === undefined) continue;
    return { ...(due.ahead.burst === true ? { burst: true as const } : {}), ahead: due.ahead };
  }
  return {};
}

/** How far the metrics reach, as `--json` and the table's metrics line say it. */
function metricsReach(coverage: Coverage, now: Date): MetricsReach {
  return {
    seenUntil: new Date(coverage.seenUntilMs).toISOString(),
    lagMinutes: Math.round(lagMinutes(coverage, now.getTime()) * 10) / 10,
    plannedLagMinutes: Math.round(plannedLagMinutes(coverage, now.getTime()) * 10) / 10,
    source: coverage.source,
  };
}

/**
 * A pool as shown. A `check` does not read stopped instances (nor, in `ALLOWANCE_SCOPE=pool`, the
 * stopped members of a pool with none running): it names them, with what the others used as a
 * floor, rather than calling the pool's usage unknown. Reading them every check only to show the
 * line would cost two metric calls each, ten-minutely, for traffic that does not change while they
 * are stopped; `status` and the report read them and show the whole.
 */
function toPoolRow(pool: PoolOutcome): PoolRow {
  const usage = pool.totals?.usage;
  const usedBytes = usage?.kind === 'known' ? usage.inBytes + usage.outBytes : null;
  const allowanceBytes = pool.members.reduce((sum, member) => sum + member.allowance.bytes, 0);
  const read = pool.members.filter((member) => member.assessment !== undefined);
  const notRead = pool.members.filter((member) => member.assessment === undefined);
  const readUsage = read.map((member) => member.assessment?.usage);
  const readBytes =
    usedBytes === null && notRead.length > 0 && read.length > 0
      ? readUsage.reduce<number | undefined>(
          (sum, each) =>
            sum === undefined || each?.kind !== 'known' ? undefined : sum + each.inBytes + each.outBytes,
          0,
        )
      : undefined;
  return {
    region: pool.region,
    bundleId: pool.bundleId,
    instances: pool.members.map((member) => member.instance.name),
    usedBytes,
    ...(notRead.length > 0 ? { notRead: notRead.map((member) => member.instance.name) } : {}),
    ...(readBytes !== undefined ? { readBytes } : {}),
    allowanceBytes,
    percent: usedBytes === null ? null : percentUsed(usedBytes, allowanceBytes),
    forecast: forecastJson(pool.forecast),
    judged: pool.judged,
  };
}
