import type { AlertEvent } from '../core/alerts.js';
import { type Allowance, type AllowanceSettings, allowanceFor } from '../core/allowance.js';
import { type BillingMonth, billingMonthOf } from '../core/billing-month.js';
import { type Assessment, assess, type GuardPolicy, pendingStopAlert } from '../core/decide.js';
import type { Fleet, Notifier } from '../core/ports.js';
import type { InstanceAction, ReportRow } from '../core/report.js';
import type { Instance, UsageReading } from '../core/types.js';
import { interpretUsage, type MetricOutcome, usageWindow } from '../core/usage.js';
import { deliverAlerts, deliverReport } from './deliver.js';
import { describeError, mapWithLimit } from './pool.js';

export type Command = 'check' | 'report' | 'status';

/** The part of the configuration the engine needs. */
export interface GuardSettings {
  readonly policy: GuardPolicy;
  readonly allowance: AllowanceSettings;
  /** `undefined`: every region `GetRegions` returns. */
  readonly regions: readonly string[] | undefined;
  /** `undefined`: every instance (`INSTANCES_TO_MONITOR=ALL`). */
  readonly instances: readonly string[] | undefined;
  /** Instances read at once per region (each read is two metric calls). */
  readonly concurrency: number;
}

/** A structured log event; the Lambda prints them as JSON lines, the CLI may ignore them. */
export type LogEvent = { readonly level: 'info' | 'warn' | 'error'; readonly msg: string } & Record<
  string,
  unknown
>;

export interface RunDependencies {
  readonly fleet: Fleet;
  /** Required for `check` and `report` unless it is a dry run. */
  readonly notifier: Notifier | undefined;
  readonly now: () => Date;
  readonly log?: (event: LogEvent) => void;
}

/** A message of this run: `sent`, `failed` (with the error), or `dry-run` (composed, not sent). */
export interface MessageResult {
  readonly text: string;
  readonly status: 'sent' | 'failed' | 'dry-run';
  readonly error?: string;
}

/** Everything a run did: the rows, what was sent, and each problem that makes the exit code 1. */
export interface RunResult {
  readonly command: Command;
  readonly dryRun: boolean;
  readonly checkedAt: Date;
  readonly month: BillingMonth;
  readonly regions: readonly string[];
  readonly regionErrors: readonly { readonly region: string; readonly error: string }[];
  readonly rows: readonly ReportRow[];
  readonly missing: readonly string[];
  readonly messages: readonly MessageResult[];
  readonly problems: readonly string[];
}

/** What happened to one instance, before alerts are sent. */
export interface InstanceOutcome {
  readonly instance: Instance;
  readonly allowance: Allowance;
  readonly assessment: Assessment | undefined;
  readonly action: InstanceAction;
  readonly stopError?: string;
}

/**
 * Runs one command over the whole fleet: regions in parallel, instances within a region with
 * bounded concurrency. Stops happen as soon as an instance is assessed; alerts and the report go
 * out at the end, batched. Nothing is swallowed: each failure becomes a named problem in the
 * result, and everything else is still processed.
 */
export async function runGuard(
  deps: RunDependencies,
  settings: GuardSettings,
  options: { readonly command: Command; readonly dryRun: boolean },
): Promise<RunResult> {
  const { fleet, log = () => {} } = deps;
  const now = deps.now();
  const month = billingMonthOf(now);
  const window = usageWindow(month, now);
  const act = options.command === 'check';
  const problems: string[] = [];
  const regionErrors: { region: string; error: string }[] = [];
  const events: AlertEvent[] = [];

  let regions: readonly string[] = settings.regions ?? [];
  if (settings.regions === undefined) {
    try {
      regions = await fleet.listRegions();
    } catch (error) {
      const message = describeError(error);
      problems.push(`could not list regions: ${message}`);
      events.push({ kind: 'regions-failed', error: message });
    }
  }
  const wanted = settings.instances === undefined ? undefined : new Set(settings.instances);

  const assessOne = async (instance: Instance): Promise<InstanceOutcome> => {
    const allowance = allowanceFor(instance, month, settings.allowance);
    const needsUsage = !act || instance.state === 'running' || pendingStopAlert(instance) !== undefined;
    if (!needsUsage) return { instance, allowance, assessment: undefined, action: 'not-read' };
    const read = async (metric: 'NetworkIn' | 'NetworkOut'): Promise<MetricOutcome> => {
      try {
        return await fleet.readMetric(instance, metric, window);
      } catch (error) {
        return { kind: 'error', message: describeError(error) };
      }
    };
    // Without an allowance there is no percentage to compute: skip the two reads.
    const usage: UsageReading = Number.isFinite(instance.allowanceGb)
      ? await Promise.all([read('NetworkIn'), read('NetworkOut')]).then(([inbound, outbound]) =>
          interpretUsage({ instance, window, inbound, outbound }),
        )
      : { kind: 'unknown', reason: 'GetInstances gave no monthly transfer allowance' };
    const assessment = assess({ instance, usage, allowance, policy: settings.policy, month, now });
    if (!act) {
      const action = assessment.keptRunning ? 'kept-running' : assessment.stop ? 'over-threshold' : 'none';
      return { instance, allowance, assessment, action };
    }
    if (!assessment.stop) {
      const warned = assessment.due.some((due) => due.kind === 'warn');
      return {
        instance,
        allowance,
        assessment,
        action: assessment.keptRunning ? 'kept-running' : warned ? 'warned' : 'none',
      };
    }
    if (options.dryRun) return { instance, allowance, assessment, action: 'would-stop' };
    try {
      await fleet.stopInstance(instance);
      log({ level: 'warn', msg: 'stopped', instance: instance.name, region: instance.region });
      return { instance, allowance, assessment, action: 'stopped' };
    } catch (error) {
      const stopError = describeError(error);
      log({
        level: 'error',
        msg: 'stop failed',
        instance: instance.name,
        region: instance.region,
        error: stopError,
      });
      return { instance, allowance, assessment, action: 'stop-failed', stopError };
    }
  };

  const perRegion = await Promise.all(
    regions.map(async (region): Promise<InstanceOutcome[]> => {
      let instances: readonly Instance[];
      try {
        instances = await fleet.listInstances(region);
      } catch (error) {
        const message = describeError(error);
        regionErrors.push({ region, error: message });
        problems.push(`${region}: could not list instances: ${message}`);
        events.push({ kind: 'region-failed', region, error: message });
        return [];
      }
      const monitored = wanted ? instances.filter((instance) => wanted.has(instance.name)) : instances;
      return mapWithLimit(monitored, settings.concurrency, assessOne);
    }),
  );
  const outcomes = perRegion.flat();

  const found = new Set(outcomes.map((outcome) => outcome.instance.name));
  // A name in a region that could not be read may well exist: only a complete listing proves absence.
  const missing =
    wanted && regionErrors.length === 0 && problems.length === 0
      ? [...wanted].filter((name) => !found.has(name))
      : [];
  if (missing.length > 0) {
    problems.push(`not found in any checked region: ${missing.join(', ')} (INSTANCES_TO_MONITOR)`);
    events.push({ kind: 'missing', names: missing });
  }
  for (const outcome of outcomes) {
    const { instance, assessment } = outcome;
    const where = `${instance.name} (${instance.region})`;
    if (assessment?.usage.kind === 'unknown')
      problems.push(`${where}: usage unknown: ${assessment.usage.reason}`);
    if (outcome.stopError !== undefined) problems.push(`${where}: stop failed: ${outcome.stopError}`);
  }

  const rows = outcomes.map(toRow);
  const base = {
    command: options.command,
    dryRun: options.dryRun,
    checkedAt: now,
    month,
    regions,
    regionErrors,
    rows,
    missing,
  };
  if (options.command === 'status') return { ...base, messages: [], problems };

  const delivery =
    options.command === 'check'
      ? await deliverAlerts({ deps, settings, outcomes, events, month, now, dryRun: options.dryRun })
      : await deliverReport({ deps, settings, rows, regionErrors, month, now, dryRun: options.dryRun });
  return { ...base, messages: delivery.messages, problems: [...problems, ...delivery.problems] };
}

function toRow(outcome: InstanceOutcome): ReportRow {
  const { instance, allowance, assessment } = outcome;
  const usage = assessment?.usage;
  return {
    name: instance.name,
    region: instance.region,
    state: outcome.action === 'stopped' ? 'stopped' : instance.state,
    usedBytes: usage?.kind === 'known' ? usage.inBytes + usage.outBytes : null,
    allowanceBytes: allowance.bytes,
    allowanceShare: allowance.share,
    percent: assessment?.percent ?? null,
    action: outcome.action,
    ...(usage?.kind === 'unknown' ? { unknownReason: usage.reason } : {}),
    ...(outcome.stopError !== undefined ? { error: `stop failed: ${outcome.stopError}` } : {}),
  };
}
