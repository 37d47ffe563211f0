import { allowanceFor, trustedCreation } from '../core/allowance.js';
import { type Coverage, plannedLagMinutes } from '../core/coverage.js';
import { type Assessment, assess, pendingStopAlert } from '../core/decide.js';
import { forecastInstance, type MeasuredWindow, paceWindowOf } from '../core/forecast.js';
import { badTagAlertDue, instancePolicy } from '../core/instance-policy.js';
import { aheadPace, recentPace } from '../core/pace.js';

import type { InstanceAction } from '../core/report.js';
import { type LagSource, type StopAhead, type StopAheadSettings, stopAheadOf } from '../core/stop-ahead.js';
import type { HourlyUsage, Instance, TrafficMetric, UsageReading } from '../core/types.js';
import { interpretUsage, type MetricOutcome, usedBytes } from '../core/usage.js';
import { deadlineName } from './deadline.js';
import { failureReason } from './regions.js';
import type { Command, ForesightSettings, InstanceOutcome, RunContext } from './types.js';

/**
 * Reads one metric; a failure becomes the reason the usage is unknown, never a zero. Whether the
 * reads' phase is over was checked by `readUsage` just before, in the same synchronous step.
 */
async function readMetric(
  ctx: RunContext,
  instance: Instance,
  metric: TrafficMetric,
): Promise<MetricOutcome> {
  try {
    return await ctx.fleet.readMetric(instance, metric, ctx.window, ctx.deadline?.reads);
  } catch (error) {
    return { kind: 'error', message: failureReason(error, ctx.deadline) };
  }
}

async function readUsage(ctx: RunContext, instance: Instance): Promise<UsageReading> {
  // Without an allowance there is no percentage to compute: skip the two reads.
  if (!Number.isFinite(instance.allowanceGb)) {
    return { kind: 'unknown', reason: 'GetInstances gave no monthly transfer allowance' };
  }
  if (ctx.deadline?.reads.aborted) {
    return { kind: 'unknown', reason: `not read before ${deadlineName(ctx.deadline)}` };
  }
  const [inbound, outbound] = await Promise.all([
    readMetric(ctx, instance, 'NetworkIn'),
    readMetric(ctx, instance, 'NetworkOut'),
  ]);
  return interpretUsage({ instance, window: ctx.window, inbound, outbound });
}

/** The action `status` and `report` show, and `check` takes when nothing is stopped. */
export function actionWithoutStop(command: Command, assessment: Assessment): InstanceAction {
  if (assessment.keptRunning) return 'kept-running';
  if (assessment.notified) return 'not-stopped';
  if (command !== 'check') return assessment.stop ? 'over-threshold' : 'none';
  return assessment.due.some((due) => due.kind === 'warn' || due.kind === 'forecast') ? 'warned' : 'none';
}

/**
 * Reads an instance's usage (when the command needs it) and decides about it. A `check` reads
 * running instances and those owed a stop alert; `status` and `report` read every instance.
 */
export async function assessInstance(
  ctx: RunContext,
  instance: Instance,
  /** `alwaysRead`: read its usage in a check even when it is not running (a pool member). */
  options: { readonly alwaysRead?: boolean } = {},
): Promise<InstanceOutcome> {
  const allowance = allowanceFor(instance, ctx.month, ctx.settings.allowance, ctx.now);
  const creation = trustedCreation(instance.createdAt, ctx.now);
  const policy = instancePolicy(instance.tags, ctx.settings);
  const badTagAlertDay = badTagAlertDue(instance.tags, policy, ctx.now);
  const base = {
    instance,
    allowance,
    policy,
    ...(creation.problem !== undefined ? { creationProblem: creation.problem } : {}),
    ...(badTagAlertDay !== undefined ? { badTagAlertDay } : {}),
  };
  // `lightsail-guard:action = ignore`: not monitored, so not read (and never stopped or started).
  if (policy.action === 'ignore') return { ...base, assessment: undefined, action: 'ignored' };
  const needsUsage =
    ctx.command !== 'check' ||
    options.alwaysRead === true ||
    instance.state === 'running' ||
    pendingStopAlert(instance) !== undefined;
  if (!needsUsage) return { ...base, assessment: undefined, action: 'not-read' };
  const usage = await readUsage(ctx, instance);
  const measured =
    usage.kind === 'known' && usage.hourly !== undefined && instance.state === 'running'
      ? paceWindowOf(instance, ctx.month, ctx.now, usage.hourly, ctx.settings.foresight.metricDelayMinutes)
      : undefined;
  const forecast = forecastInstance({
    instance,
    usage,
    allowanceBytes: allowance.bytes,
    month: ctx.month,
    window: measured?.window,
    thresholdPercent: policy.quotaPercent,
  });
  const assessment = assess({
    instance,
    usage,
    allowance,
    policy,
    month: ctx.month,
    now: ctx.now,
    notifyOnly: policy.action === 'notify',
    forecast,
    ahead: aheadOf(ctx, instance, usage, measured, allowance.bytes, policy.quotaPercent),
  });
  return {
    ...base,
    assessment,
    forecast,
    ...(measured !== undefined ? { coverage: measured.coverage } : {}),
    action: actionWithoutStop(ctx.command, assessment),
  };
}

/** Whether a running instance would pass the threshold before the next check (`stop-ahead.ts`). */
function aheadOf(
  ctx: RunContext,
  instance: Instance,
  usage: UsageReading,
  measured: MeasuredWindow | undefined,
  allowanceBytes: number,
  /** The instance's own threshold (a `quota` tag) or the global one. */
  quotaPercent: number,
): StopAhead | undefined {
  if (usage.kind !== 'known' || instance.state !== 'running') return undefined;
  const { foresight } = ctx.settings;
  return stopAheadOf({
    usedBytes: usedBytes(usage),
    allowanceBytes,
    quotaPercent,
    // Without hours there is no pace to see, but the burst reserve still holds.
    ...paces(usage.hourly, measured, foresight),
    settings: stopAheadSettings(foresight, 1, ctx.now, measured?.coverage, ctx.month.end),
  });
}

/** The measured pace and the worst case of the newest slice stop ahead weighs (`pace.ts`). */
export function paces(
  hourly: HourlyUsage | undefined,
  measured: MeasuredWindow | undefined,
  foresight: ForesightSettings,
): { ratePerSecond: number | null; worstCaseRatePerSecond: number | null } {
  if (hourly === undefined || measured === undefined)
    return { ratePerSecond: null, worstCaseRatePerSecond: null };
  return {
    ratePerSecond: recentPace(hourly, measured.window),
    worstCaseRatePerSecond: aheadPace(hourly, measured.window, foresight.checkIntervalMinutes * 60_000),
  };
}

/**
 * Stop ahead's settings for `running` instances judged together (each of them could burst), with
 * the lag their metrics were measured at, or METRIC_DELAY_MINUTES where it was not measured.
 */
export function stopAheadSettings(
  foresight: ForesightSettings,
  running: number,
  now: Date,
  coverage: Coverage | undefined,
  /** The billing month's end: traffic after it is next month's, so stop ahead looks no further. */
  monthEnd?: Date,
): StopAheadSettings {
  const lagSource: LagSource =
    coverage?.source !== 'measured'
      ? 'assumed'
      : coverage.plannedFromMs !== undefined
        ? 'newest-sample'
        : 'measured';
  const lagMinutes =
    coverage === undefined ? foresight.metricDelayMinutes : plannedLagMinutes(coverage, now.getTime());
  return {
    enabled: foresight.stopAhead,
    checkIntervalMinutes: foresight.checkIntervalMinutes,
    lagMinutes,
    lagSource,
    ...(monthEnd === undefined
      ? {}
      : { minutesToMonthEnd: (monthEnd.getTime() - now.getTime()) / 60_000 + lagMinutes }),
    burstBytesPerSecond: ((foresight.burstMbps * 1e6) / 8) * running,
  };
}
