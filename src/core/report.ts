import { monthEndOf } from './billing-month.js';
import { DEFAULT_TIME_ZONE } from './display-time.js';
import {
  type EventData,
  poolData,
  regionFailureData,
  reportRowData,
  reportSummaryData,
  startsOnThe1stData,
} from './event-data.js';
import { type ForecastDisplay, forecastHeading } from './forecast-text.js';
import { htmlToPlain } from './html.js';
import type { Catalogue } from './i18n/catalogue.js';
import { en } from './i18n/en.js';
import { packBlocks, TELEGRAM_TEXT_LIMIT } from './pack.js';
import { percentUsed } from './percent.js';
import type {
  PoolRow,
  PoolShown,
  ReportCounts,
  ReportModel,
  ReportRow,
  ReportTextContext,
} from './report-model.js';

export type {
  InstanceAction,
  PoolRow,
  PoolShown,
  ReportCounts,
  ReportModel,
  ReportRow,
  ReportTextContext,
} from './report-model.js';

/** Riskiest first: unknown usage, then by share used, then by name for a stable order. */
export function sortRows(rows: readonly ReportRow[]): ReportRow[] {
  const risk = (row: ReportRow): number =>
    row.unknownReason !== undefined ? Number.POSITIVE_INFINITY : (row.percent ?? -1);
  return [...rows].sort(
    (a, b) => risk(b) - risk(a) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
  );
}

/**
 * The action column: what happened, why a value is missing, whether the allowance is pro-rated,
 * what traffic past the allowance may cost and, given `display`, where the instance is heading when
 * that adds something. Plain text, in the catalogue's language.
 */
export function rowNote(row: ReportRow, catalogue: Catalogue = en, display?: ForecastDisplay): string {
  return catalogue.report.note(row, display);
}

function marker(row: ReportRow, quotaPercent: number, warnAt: number): string {
  if (row.unknownReason !== undefined) return '❓';
  return markerOf(row.pool?.percent ?? row.percent, quotaPercent, warnAt);
}

function markerOf(percent: number | null, quotaPercent: number, warnAt: number): string {
  if (percent === null) return '⚪';
  if (percent >= quotaPercent) return '🔴';
  if (percent >= warnAt) return '🟠';
  return '🟢';
}

/** What the report's summary counts. */
export function reportCounts(model: ReportModel, quotaPercent: number): ReportCounts {
  const { rows } = model;
  return {
    instances: rows.length,
    regions: new Set(rows.map((row) => row.region)).size,
    over: rows.filter((row) => row.percent !== null && row.percent >= quotaPercent).length,
    unknown: rows.filter((row) => row.unknownReason !== undefined).length,
    ignored: rows.filter((row) => row.action === 'ignored').length,
  };
}

/** One block of the report: its HTML, and the data the webhook carries for the same line. */
export interface ReportBlock {
  readonly html: string;
  readonly data: EventData;
}

/**
 * The daily report as blocks, each with its data: a summary, one block per failed region (so that
 * many failures split between messages instead of being cut), one per pool, one line per instance,
 * riskiest first, and in the month's last report what the 1st brings.
 */
export function reportBlocks(
  model: ReportModel,
  context: ReportTextContext,
  catalogue: Catalogue = en,
): ReportBlock[] {
  const { quotaPercent } = context;
  const warnAt = Math.min(quotaPercent, ...context.warnPercents);
  const counts = reportCounts(model, quotaPercent);
  const display = {
    quotaPercent,
    timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
    monthEnd: monthEndOf(model.monthKey),
  };
  const block = (html: string, data: (text: string) => EventData): ReportBlock => ({
    html,
    data: data(htmlToPlain(html)),
  });
  const summary = block(catalogue.report.summary(model, counts, context), (text) =>
    reportSummaryData(model, counts, context, text),
  );
  const failures = model.regionErrors.map(({ region, error, account }) =>
    block(catalogue.report.regionFailure(region, error, account), (text) =>
      regionFailureData(region, error, text),
    ),
  );
  const pools = (model.pools ?? []).map((pool) =>
    block(
      `${markerOf(pool.percent, quotaPercent, warnAt)} ${poolLine(pool, context, display, catalogue)}`,
      (text) => poolData(pool, text),
    ),
  );
  const lines = sortRows(model.rows).map((row) =>
    block(
      `${marker(row, quotaPercent, warnAt)} ${catalogue.report.line(row, rowNote(row, catalogue, display), context)}`,
      (text) => reportRowData(row, text),
    ),
  );
  const starts = model.startsOnThe1st;
  const restart =
    starts === undefined
      ? []
      : [block(catalogue.report.startsOnThe1st(starts), (text) => startsOnThe1stData(starts, text))];
  return [summary, ...failures, ...pools, ...lines, ...restart];
}

/**
 * One pool of two or more instances on one line (HTML): its bundle, region, members, usage against
 * the pooled allowance, and where it is heading when that adds something.
 */
export function poolLine(
  pool: PoolRow,
  context: ReportTextContext,
  display: ForecastDisplay,
  catalogue: Catalogue = en,
): string {
  const heading = forecastHeading(pool.forecast, pool.percent, display);
  return catalogue.report.poolLine(pool, poolShown(pool), context, heading);
}

/**
 * What a pool line can say about the pool's usage. A member that was not read (a `check` reads no
 * stopped instance unless its pool is judged with a running member) is named, not taken for
 * unknown: the members read give a floor when each of them is known. Only a member whose usage could
 * not be read makes the pool's unknown.
 */
export function poolShown(pool: PoolRow): PoolShown {
  const notRead = pool.notRead ?? [];
  const shown = (kind: PoolShown['kind'], usedBytes: number | null): PoolShown => ({
    kind,
    usedBytes,
    percent: usedBytes === null ? null : percentUsed(usedBytes, pool.allowanceBytes),
    notRead,
  });
  if (pool.usedBytes !== null) return { ...shown('known', pool.usedBytes), percent: pool.percent };
  if (pool.readBytes !== undefined) return shown('at-least', pool.readBytes);
  if (notRead.length > 0 && notRead.length === pool.instances.length) return shown('not-read', null);
  return shown('unknown', null);
}

/** The report's subject line, plain text. */
export function reportSubject(
  model: ReportModel,
  context: ReportTextContext,
  catalogue: Catalogue = en,
): string {
  return catalogue.report.subject(model, reportCounts(model, context.quotaPercent), context);
}

/** Lines of the report are joined by one newline, not a blank line. */
export const REPORT_SEPARATOR = '\n';

/**
 * The daily report as Telegram HTML messages, split into several messages only when one would
 * pass the limit.
 */
export function reportMessages(
  model: ReportModel,
  context: ReportTextContext,
  limit = TELEGRAM_TEXT_LIMIT,
  catalogue: Catalogue = en,
): string[] {
  const blocks = reportBlocks(model, context, catalogue).map((block, index) => ({
    text: block.html,
    ref: index,
  }));
  return packBlocks(blocks, limit, REPORT_SEPARATOR).map((message) => message.text);
}
