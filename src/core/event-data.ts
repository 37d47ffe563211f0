/**
 * What a message says, as data: the `events` of the webhook body (docs/channels.md, "Webhook"). Field names
 * are part of the documented, versioned contract: add fields freely, never rename or remove one
 * without raising `WEBHOOK_BODY_VERSION`.
 */

import type { AlertEvent, AlertFigures, AlertTextContext } from './alert-event.js';
import type { PoolRow, ReportCounts, ReportModel, ReportRow, ReportTextContext } from './report-model.js';
import type { AccountRef, Instance } from './types.js';

type Json = string | number | boolean | null | readonly string[];

/** One event: its `kind`, its figures, and the plain text a person reads for it. */
export type EventData = { readonly kind: string; readonly text: string } & Readonly<Record<string, Json>>;

/** JSON has no infinity: a share of a zero allowance is `null`, as unknown usage is. */
const finite = (value: number | null): number | null =>
  value !== null && Number.isFinite(value) ? value : null;

/** Only the optional fields that are set, so the body carries no `undefined`. */
function present(fields: Readonly<Record<string, Json | undefined>>): Record<string, Json> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Record<
    string,
    Json
  >;
}

/** `account` (the 12-digit id) and `accountName` when named, when several accounts are checked. */
function accountFields(account: AccountRef | undefined): Record<string, string> {
  if (account === undefined) return {};
  return { account: account.id, ...(account.name !== undefined ? { accountName: account.name } : {}) };
}

/**
 * Which instance an alert is about (and its account, when several are checked) and the traffic
 * figures it quotes, as every such alert carries them.
 */
function usage(event: { readonly instance: Instance } & AlertFigures) {
  return {
    instance: event.instance.name,
    region: event.instance.region,
    ...accountFields(event.instance.account),
    state: event.instance.state,
    usedBytes: event.usedBytes,
    allowanceBytes: event.allowanceBytes,
    percent: finite(event.percent),
  };
}

/** The data of one alert. Every kind is spelt out: a new kind fails to compile until it is. */
export function alertData(event: AlertEvent, context: AlertTextContext, text: string): EventData {
  const month = { billingMonth: context.monthKey };
  switch (event.kind) {
    case 'stop':
    case 'warn':
    case 'kept-running':
    case 'not-stopped': {
      const figures = {
        ...usage(event),
        thresholdPercent: context.quotaPercent,
        ...(event.pool === undefined
          ? {}
          : { pool: event.pool.bundleId, poolInstances: [...event.pool.instances] }),
        ...month,
      };
      if (event.kind === 'warn') return { kind: event.kind, level: event.level, ...figures, text };
      if (event.kind === 'kept-running') return { kind: event.kind, ...figures, text };
      if (event.kind === 'not-stopped') return { kind: event.kind, because: event.because, ...figures, text };
      return {
        kind: event.kind,
        outcome: event.outcome,
        ...figures,
        ...(event.outcome === 'earlier' ? {} : { reason: event.ahead === undefined ? 'threshold' : 'ahead' }),
        ...present({
          stoppedAt: event.stoppedAt,
          alreadyStopping: event.alreadyStopping,
          error: event.error,
          recordError: event.recordError,
          ratePerSecond: event.ahead?.ratePerSecond,
          worstCaseRatePerSecond: event.ahead?.worstCaseRatePerSecond,
          withinMinutes: event.ahead?.withinMinutes,
          lagMinutes: event.ahead?.lagMinutes,
          lagSource: event.ahead?.lagSource,
          burst: event.ahead?.burst,
        }),
        text,
      };
    }
    case 'forecast': {
      const { forecast } = event;
      return {
        kind: event.kind,
        ...usage(event),
        thresholdPercent: forecast.thresholdPercent,
        monthEndBytes: forecast.monthEndBytes,
        monthEndPercent: finite(forecast.monthEndPercent),
        thresholdAt: forecast.thresholdAt?.toISOString() ?? null,
        fullAt: forecast.fullAt?.toISOString() ?? null,
        ratePerSecond: forecast.ratePerSecond,
        dailyRatePerSecond: forecast.dailyRatePerSecond,
        ...month,
        text,
      };
    }
    case 'unknown':
      return {
        kind: event.kind,
        instance: event.instance.name,
        region: event.instance.region,
        reason: event.reason,
        ...month,
        text,
      };
    case 'started':
      return {
        kind: event.kind,
        dryRun: event.dryRun,
        instances: event.started.map(({ instance }) => instance.name),
        regions: event.started.map(({ instance }) => instance.region),
        stoppedIn: event.started.map(({ stoppedIn }) => stoppedIn),
        text,
      };
    case 'start-failed':
      return {
        kind: event.kind,
        instance: event.instance.name,
        region: event.instance.region,
        error: event.error,
        text,
      };
    case 'bad-tag':
      return {
        kind: event.kind,
        instance: event.instance.name,
        region: event.instance.region,
        tags: event.problems.map((problem) => problem.key),
        problems: event.problems.map((problem) => problem.message),
        text,
      };
    case 'region-failed':
      return {
        kind: event.kind,
        region: event.region,
        ...accountFields(event.account),
        error: event.error,
        text,
      };
    case 'account-failed':
      return { kind: event.kind, ...accountFields(event.account), error: event.error, text };
    case 'regions-failed':
      return { kind: event.kind, error: event.error, text };
    case 'missing':
      return { kind: event.kind, names: [...event.names], text };
  }
}

/** The report's summary as data. */
export function reportSummaryData(
  model: ReportModel,
  counts: ReportCounts,
  context: ReportTextContext,
  text: string,
): EventData {
  return {
    kind: 'report',
    billingMonth: model.monthKey,
    generatedAt: model.generatedAt.toISOString(),
    instances: counts.instances,
    regions: counts.regions,
    over: counts.over,
    unknown: counts.unknown,
    thresholdPercent: context.quotaPercent,
    text,
  };
}

/** One instance of the report as data: what was read, never a stale value. */
export function reportRowData(row: ReportRow, text: string): EventData {
  return {
    kind: 'instance',
    instance: row.name,
    region: row.region,
    state: row.state,
    usedBytes: row.usedBytes,
    allowanceBytes: row.allowanceBytes,
    allowanceShare: row.allowanceShare,
    percent: finite(row.percent),
    action: row.action,
    ...present({ reason: row.reason, unknownReason: row.unknownReason, error: row.error }),
    text,
  };
}

/** A pool of two or more instances of the report (region and bundle). */
export function poolData(pool: PoolRow, text: string): EventData {
  return {
    kind: 'pool',
    region: pool.region,
    bundleId: pool.bundleId,
    instances: [...pool.instances],
    usedBytes: pool.usedBytes,
    allowanceBytes: pool.allowanceBytes,
    percent: finite(pool.percent),
    judged: pool.judged,
    text,
  };
}

/** A region of the report whose instances could not be listed. */
export function regionFailureData(region: string, error: string, text: string): EventData {
  return { kind: 'region-failed', region, error, text };
}

/** The month's last report: the instances the first check of next month starts. */
export function startsOnThe1stData(
  instances: readonly { readonly name: string; readonly region: string }[],
  text: string,
): EventData {
  return {
    kind: 'starts-on-the-1st',
    instances: instances.map((instance) => instance.name),
    regions: instances.map((instance) => instance.region),
    text,
  };
}
