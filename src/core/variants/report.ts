/**
 * Which words the daily report, the terminal table's action column and the pool lines use, picked
 * once from the report's rows, pools and forecasts.
 */

import type { AllowanceUnit } from '../allowance.js';
import { DEFAULT_TIME_ZONE } from '../display-time.js';
import { type ForecastDisplay, type ForecastHeading, forecastHeading } from '../forecast-text.js';
import { type OverageFigures, overageFigures } from '../overage.js';
import {
  type Failure,
  type RowError,
  readFailure,
  readRowError,
  readUnknownReason,
  type UnknownReason,
} from '../reasons.js';
import {
  type InstanceAction,
  isStopAction,
  type NextMonth,
  type PoolRow,
  type PoolShown,
  type ReportCounts,
  type ReportModel,
  type ReportRow,
  type ReportTextContext,
  type StartsOnThe1st,
  type StopAction,
} from '../report-model.js';
import type { AccountRef } from '../types.js';
import { inAccount } from './alert-parts.js';
import type { InAccount, Named } from './phrases.js';

/** Where an instance or a pool is heading this month: the month end, and the threshold when it is this month. */
export type Heading =
  | { readonly kind: 'heading'; readonly monthEndPercent: number; readonly lastDay: Date }
  | {
      readonly kind: 'heading-threshold';
      readonly monthEndPercent: number;
      readonly lastDay: Date;
      readonly percent: number;
      readonly at: Date;
      readonly timeZone: string;
    };

/** What traffic past the allowance may cost, where the price is published. */
export type Overage =
  | { readonly kind: 'overage'; readonly overGb: string; readonly price: number; readonly costUsd: string }
  | { readonly kind: 'overage-unpriced'; readonly overGb: string };

/** One part of a row's note (the action column), in the order they are joined. */
export type NotePart =
  | { readonly kind: 'note-action'; readonly action: InstanceAction }
  | { readonly kind: 'note-ahead'; readonly action: StopAction }
  | { readonly kind: 'note-burst'; readonly action: StopAction }
  /** `over-threshold` when the allowance resets before the next check: what it is, without the stop. */
  | { readonly kind: 'note-at-reset'; readonly reason: 'threshold' | 'ahead' | 'burst' }
  | { readonly kind: 'note-reset-first'; readonly at: Date; readonly timeZone: string }
  | { readonly kind: 'note-unknown-usage'; readonly reason: UnknownReason }
  | { readonly kind: 'note-error'; readonly error: RowError }
  | { readonly kind: 'note-next-month'; readonly next: NextMonth }
  | { readonly kind: 'note-burst-stop'; readonly percent: number }
  | { readonly kind: 'note-pro-rated'; readonly sharePercent: number }
  | Overage
  | { readonly kind: 'note-in-pool'; readonly bundleId: string; readonly percent: number }
  | Heading;

/** What a pool line says about the pool's usage (`PoolShown`): all of it, a floor, or not read. */
export type PoolUsage =
  | ({ readonly kind: 'pool-usage' } & PoolBytes)
  | ({ readonly kind: 'pool-usage-at-least' } & PoolBytes)
  | ({ readonly kind: 'pool-usage-not-read' } & PoolAllowance)
  | ({ readonly kind: 'pool-usage-unknown' } & PoolAllowance);

interface PoolAllowance {
  readonly allowanceBytes: number;
  readonly unit: AllowanceUnit;
}

interface PoolBytes extends PoolAllowance {
  readonly usedBytes: number;
  readonly percent: number | null;
}

/** The report's texts and their parts. */
export type ReportText =
  | {
      readonly kind: 'report-subject';
      readonly date: Date;
      readonly timeZone: string;
      readonly over: number;
      readonly unknown: number;
      readonly quotaPercent: number;
    }
  | ({
      readonly kind: 'report-summary';
      readonly monthKey: string;
      readonly at: Date;
      readonly timeZone: string;
      readonly quotaPercent: number;
      readonly ignored?: { readonly kind: 'ignored-count'; readonly count: number };
    } & Omit<ReportCounts, 'ignored'>)
  | { readonly kind: 'ignored-count'; readonly count: number }
  | {
      readonly kind: 'region-failure';
      readonly region: string;
      readonly account?: InAccount;
      readonly error: Failure;
    }
  | {
      readonly kind: 'report-line';
      readonly name: string;
      readonly region: string;
      readonly account?: InAccount;
      readonly state: string;
      readonly usedBytes: number | null;
      readonly allowanceBytes: number;
      readonly percent: number | null;
      readonly unit: AllowanceUnit;
      readonly note?: { readonly kind: 'line-note'; readonly text: string };
    }
  | { readonly kind: 'line-note'; readonly text: string }
  | { readonly kind: 'row-note'; readonly parts: readonly NotePart[] }
  | NotePart
  | {
      readonly kind: 'pool-line';
      readonly bundleId: string;
      readonly region: string;
      readonly account?: InAccount;
      readonly members: readonly string[];
      readonly usage: PoolUsage;
      readonly notRead?: { readonly kind: 'not-read-members'; readonly names: readonly string[] };
      readonly heading?: { readonly kind: 'pool-heading'; readonly heading: Heading };
    }
  | PoolUsage
  | { readonly kind: 'not-read-members'; readonly names: readonly string[] }
  | { readonly kind: 'pool-heading'; readonly heading: Heading }
  | { readonly kind: 'pools-title' }
  | { readonly kind: 'starts-on-the-1st'; readonly instances: readonly Named[] }
  | { readonly kind: 'starts-none-on-the-1st' };

/** The report's subject line: its date and counts. */
export function reportSubject(
  model: ReportModel,
  counts: ReportCounts,
  context: ReportTextContext,
): ReportText {
  const { over, unknown } = counts;
  return {
    kind: 'report-subject',
    date: model.generatedAt,
    timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
    over,
    unknown,
    quotaPercent: context.quotaPercent,
  };
}

/** The report's first lines; the ignored count only when some are ignored. */
export function reportSummary(
  model: ReportModel,
  counts: ReportCounts,
  context: ReportTextContext,
): ReportText {
  const { ignored, ...shown } = counts;
  return {
    kind: 'report-summary',
    monthKey: model.monthKey,
    at: model.generatedAt,
    timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
    quotaPercent: context.quotaPercent,
    ...shown,
    ignored: ignored > 0 ? { kind: 'ignored-count', count: ignored } : undefined,
  };
}

/** One instance's line, with its note when it has one. */
export function reportLine(row: ReportRow, note: string, context: ReportTextContext): ReportText {
  const { name, region, state, usedBytes, allowanceBytes, percent } = row;
  return {
    kind: 'report-line',
    name,
    region,
    account: rowAccount(row, 'region-account'),
    state,
    usedBytes,
    allowanceBytes,
    percent,
    unit: context.unit,
    note: note ? { kind: 'line-note', text: note } : undefined,
  };
}

/**
 * The parts of a row's note: what happened, why a value is missing, whether the allowance is
 * pro-rated, what traffic past the allowance may cost and, given `display`, where the instance is
 * heading when that adds something.
 */
export function rowNote(row: ReportRow, display?: ForecastDisplay): ReportText {
  const parts: NotePart[] = [action(row)];
  // The month's last check interval: the next check reads a new month and stops nothing for this one.
  if (row.action === 'over-threshold' && row.resetBeforeNextCheck !== undefined) {
    const timeZone = display?.timeZone ?? DEFAULT_TIME_ZONE;
    parts.push({ kind: 'note-reset-first', at: new Date(row.resetBeforeNextCheck), timeZone });
  }
  if (row.unknownReason !== undefined) {
    parts.push({ kind: 'note-unknown-usage', reason: readUnknownReason(row.unknownReason) });
  }
  if (row.error !== undefined) parts.push({ kind: 'note-error', error: readRowError(row.error) });
  if (row.nextMonth !== undefined) parts.push({ kind: 'note-next-month', next: row.nextMonth });
  if (row.burstStopPercent !== undefined)
    parts.push({ kind: 'note-burst-stop', percent: row.burstStopPercent });
  if (row.allowanceShare < 1) parts.push({ kind: 'note-pro-rated', sharePercent: row.allowanceShare * 100 });
  const cost = overageFigures(row.region, row.usedBytes, row.allowanceBytes);
  if (cost !== undefined) parts.push(overage(cost));
  if (row.pool !== undefined) {
    parts.push({ kind: 'note-in-pool', bundleId: row.pool.bundleId, percent: row.pool.percent });
  }
  // One being stopped is heading nowhere; a pool member's own forecast is not what it is judged
  // on (its pool's line carries the pool's).
  const where =
    display && row.reason === undefined && row.pool === undefined
      ? forecastHeading(row.forecast, row.percent, display)
      : undefined;
  if (where !== undefined) parts.push(heading(where));
  return { kind: 'row-note', parts };
}

/** The action column: a stop ahead and the month's last interval have words of their own. */
function action(row: ReportRow): NotePart {
  const ahead = row.reason === 'ahead';
  if (row.action === 'over-threshold' && row.resetBeforeNextCheck !== undefined) {
    return { kind: 'note-at-reset', reason: !ahead ? 'threshold' : row.burst === true ? 'burst' : 'ahead' };
  }
  if (ahead && isStopAction(row.action)) {
    return { kind: row.burst === true ? 'note-burst' : 'note-ahead', action: row.action };
  }
  return { kind: 'note-action', action: row.action };
}

/** What traffic past the allowance may cost, priced where the region's price is published. */
export function overage(figures: OverageFigures): Overage {
  const { overGb, price, costUsd } = figures;
  return price === undefined || costUsd === undefined
    ? { kind: 'overage-unpriced', overGb }
    : { kind: 'overage', overGb, price, costUsd };
}

/** Where it is heading: the month end, and the threshold when it is crossed this month. */
export function heading(h: ForecastHeading): Heading {
  const { monthEndPercent, lastDay } = h;
  return h.threshold === undefined
    ? { kind: 'heading', monthEndPercent, lastDay }
    : { kind: 'heading-threshold', monthEndPercent, lastDay, ...h.threshold, timeZone: h.timeZone };
}

/** One pool on one line: its usage as `shown` says, and where it is heading when that adds something. */
export function poolLine(
  pool: PoolRow,
  shown: PoolShown,
  context: ReportTextContext,
  where: ForecastHeading | undefined,
): ReportText {
  return {
    kind: 'pool-line',
    bundleId: pool.bundleId,
    region: pool.region,
    account: rowAccount(pool, 'in-account'),
    members: pool.instances,
    usage: poolUsage(pool, shown, context.unit),
    notRead: shown.notRead.length === 0 ? undefined : { kind: 'not-read-members', names: shown.notRead },
    heading: where === undefined ? undefined : { kind: 'pool-heading', heading: heading(where) },
  };
}

function poolUsage(pool: PoolRow, shown: PoolShown, unit: AllowanceUnit): PoolUsage {
  const { allowanceBytes } = pool;
  if (shown.usedBytes === null) {
    return {
      kind: shown.kind === 'unknown' ? 'pool-usage-unknown' : 'pool-usage-not-read',
      allowanceBytes,
      unit,
    };
  }
  const kind = shown.kind === 'at-least' ? 'pool-usage-at-least' : 'pool-usage';
  return { kind, usedBytes: shown.usedBytes, allowanceBytes, percent: shown.percent, unit };
}

/** The month's last report: what the first check of next month starts. */
export function startsOnThe1st(instances: readonly StartsOnThe1st[]): ReportText {
  return instances.length === 0
    ? { kind: 'starts-none-on-the-1st' }
    : {
        kind: 'starts-on-the-1st',
        instances: instances.map((row) => ({
          name: row.name,
          region: row.region,
          account: rowAccount(row, 'in-account'),
        })),
      };
}

/** A region that could not be listed, with its account when several are checked. */
export function regionFailure(region: string, error: string, account: AccountRef | undefined): ReportText {
  return {
    kind: 'region-failure',
    region,
    account: inAccount(account, 'region-account'),
    error: readFailure(error),
  };
}

/** The account of a row or pool (`account`, `accountName`), only when several are checked. */
function rowAccount(
  row: Pick<ReportRow, 'account' | 'accountName'>,
  kind: InAccount['kind'],
): InAccount | undefined {
  return row.account === undefined ? undefined : { kind, label: row.accountName ?? row.account };
}
