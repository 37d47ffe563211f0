import { TAGS } from '../constants.js';
import { type BillingMonth, billingMonthOf, resetBeforeNextCheck } from '../core/billing-month.js';
import { type Coverage, lagMinutes, plannedLagMinutes } from '../core/coverage.js';
import type { Assessment } from '../core/decide.js';
import { forecastJson } from '../core/forecast-text.js';
import { percentUsed } from '../core/percent.js';
import { readFailure, rowErrorText } from '../core/reasons.js';
import type { PoolRow, ReportRow } from '../core/report.js';
import { accountColumns, isStopAction, type MetricsReach } from '../core/report-model.js';
import { nextMonthFor } from '../core/restart.js';
import { burstStopPercent } from '../core/stop-ahead.js';
import { usageWindow, usedBytes } from '../core/usage.js';
import { checkAccounts } from './accounts.js';
import { stopAheadSettings } from './assess.js';
import { checkFleet } from './check-fleet.js';
import { deliverAlerts } from './deliver.js';
import { deliverReport } from './deliver-report.js';
import { instanceProblems, missingNames } from './problems.js';
import { startedEvent } from './restart.js';
import { saveState } from './state.js';
import type {
  Command,
  GuardSettings,
  InstanceOutcome,
  PoolOutcome,
  RunContext,
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
 * Runs one command over the whole fleet, in the steps of a check:
 * 1. list the regions, and in each region (all in parallel) its monitored instances;
 * 2. assess each instance (read its usage, decide), with bounded concurrency per region;
 * 3. act on it: stop it when due (or start it on a new month), as soon as it is assessed, or, for
 *    the members of a pool judged as one, once the pool is (`region.ts`);
 * 4. deliver the alerts (or the report) to every channel;
 * 5. record on each instance what was delivered where.
 * Nothing is swallowed: each failure becomes a named problem in the result, and everything else
 * is still processed. `status` and `report` never act; `status` stops before step 4, and `report`
 * delivers the report and records nothing.
 */
export async function runGuard(
  deps: RunDependencies,
  settings: GuardSettings,
  options: { readonly command: Command; readonly dryRun: boolean },
): Promise<RunResult> {
  const ctx = runContext(deps, settings, options);
  const { deadline, command, dryRun, month, now } = ctx;

  // 1. List; 2–3. assess and act, region by region (region.ts), account by account (accounts.ts).
  const checked =
    deps.accounts === undefined
      ? { ...(await checkFleet(ctx)), fleet: deps.fleet }
      : await checkAccounts(ctx, await deps.accounts(deadline?.reads));
  const { fleet, regionErrors, outcomes, pools } = checked;
  const problems = [...checked.problems];
  const events = [...checked.events];

  // What could not be found or done, named.
  const wanted = settings.instances === undefined ? undefined : new Set(settings.instances);
  const missing = missingNames(wanted, outcomes, problems.length === 0);
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
    regions: checked.regions,
    regionErrors,
    rows,
    pools: poolRows,
    missing,
  };
  if (command === 'status') return { ...base, messages: [], problems };
  if (command === 'report') {
    const report = await deliverReport({
      deps,
      settings,
      rows,
      pools: poolRows,
      regionErrors,
      month,
      now,
      dryRun,
    });
    return { ...base, messages: report.messages, problems: [...problems, ...report.problems] };
  }
  // 4. Deliver; 5. record.
  const delivery = await deliverAlerts({ deps, settings, outcomes, pools, events, month, now, dryRun });
  const unsaved = await saveState({
    fleet,
    writes: delivery.writes,
    concurrency: settings.concurrency,
    deadline,
  });
  return { ...base, messages: delivery.messages, problems: [...problems, ...delivery.problems, ...unsaved] };
}

/** What every step of this run shares: the fleet, the settings, the command, the clock, the deadline. */
function runContext(
  deps: RunDependencies,
  settings: GuardSettings,
  options: { readonly command: Command; readonly dryRun: boolean },
): RunContext {
  const now = deps.now();
  const month = billingMonthOf(now);
  return {
    fleet: deps.fleet,
    settings,
    command: options.command,
    dryRun: options.dryRun,
    month,
    now,
    window: usageWindow(month, now),
    deadline: deps.deadline,
    log: deps.log ?? (() => {}),
  };
}

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
    ...accountColumns(instance.account),
    state: outcome.action === 'stopped' ? 'stopped' : instance.state,
    usedBytes: usedBytes(usage),
    allowanceBytes: allowance.bytes,
    allowanceShare: allowance.share,
    percent: assessment?.percent ?? null,
    action: outcome.action,
    ...(assessment?.stopReason !== undefined && isStopAction(outcome.action)
      ? { reason: assessment.stopReason, ...aheadOf(assessment) }
      : {}),
    ...(usage?.kind === 'unknown' ? { unknownReason: usage.reason } : {}),
    ...(stop?.error !== undefined
      ? { error: rowErrorText({ kind: 'stop-failed', failure: readFailure(stop.error) }) }
      : {}),
    ...(outcome.start?.error !== undefined
      ? { error: rowErrorText({ kind: 'start-failed', failure: readFailure(outcome.start.error) }) }
      : {}),
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
  const used = usedBytes(usage);
  const allowanceBytes = pool.members.reduce((sum, member) => sum + member.allowance.bytes, 0);
  const read = pool.members.filter((member) => member.assessment !== undefined);
  const notRead = pool.members.filter((member) => member.assessment === undefined);
  const readUsage = read.map((member) => member.assessment?.usage);
  const readBytes =
    used === null && notRead.length > 0 && read.length > 0
      ? readUsage.reduce<number | undefined>(
          (sum, each) => (sum === undefined || each?.kind !== 'known' ? undefined : sum + usedBytes(each)),
          0,
        )
      : undefined;
  return {
    region: pool.region,
    ...accountColumns(pool.account),
    bundleId: pool.bundleId,
    instances: pool.members.map((member) => member.instance.name),
    usedBytes: used,
    ...(notRead.length > 0 ? { notRead: notRead.map((member) => member.instance.name) } : {}),
    ...(readBytes !== undefined ? { readBytes } : {}),
    allowanceBytes,
    percent: used === null ? null : percentUsed(used, allowanceBytes),
    forecast: forecastJson(pool.forecast),
    judged: pool.judged,
  };
}
