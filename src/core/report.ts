import type { AllowanceUnit } from './allowance.js';
import { escapeHtml } from './html.js';
import { overageNote } from './overage.js';
import { packBlocks, TELEGRAM_TEXT_LIMIT } from './pack.js';
import { formatAmount, formatPercent } from './units.js';

/** What the guard did, or would do, about an instance in this run. */
export type InstanceAction =
  | 'none'
  | 'stopped'
  | 'stop-failed'
  | 'would-stop'
  | 'kept-running'
  | 'warned'
  | 'not-read'
  /** `status` and `report` only: running at or over the threshold; the next `check` stops it. */
  | 'over-threshold'
  /** At or over the threshold, running, and its action is `notify`: alerted, never stopped. */
  | 'not-stopped'
  /** `lightsail-guard:action = ignore`: not monitored, not read. */
  | 'ignored'
  /** Started on a new month (stopped by the guard in an earlier one). */
  | 'started'
  | 'would-start'
  | 'start-failed';

/** One instance in the report, the terminal table and `--json`: what was read, never a stale value. */
export interface ReportRow {
  readonly name: string;
  readonly region: string;
  readonly state: string;
  /** `null` when the usage was not read (`not-read`) or could not be read (`unknownReason`). */
  readonly usedBytes: number | null;
  readonly allowanceBytes: number;
  /** Share of the plan's allowance that applies this month (below 1 when pro-rated). */
  readonly allowanceShare: number;
  readonly percent: number | null;
  readonly action: InstanceAction;
  readonly unknownReason?: string;
  readonly error?: string;
  /**
   * With RESTART_ON_NEW_MONTH, for an instance the guard stopped: `start` on the 1st, `next-check`
   * (stopped in an earlier month, not started yet), or `hold` (its owner keeps it stopped).
   */
  readonly nextMonth?: 'start' | 'next-check' | 'hold';
}

export interface ReportModel {
  readonly generatedAt: Date;
  readonly monthKey: string;
  readonly rows: readonly ReportRow[];
  readonly regionErrors: readonly { readonly region: string; readonly error: string }[];
  /**
   * Set in the month's last daily report when RESTART_ON_NEW_MONTH is on: the instances the first
   * check of next month will start (possibly none).
   */
  readonly startsOnThe1st?: readonly { readonly name: string; readonly region: string }[];
}

/** Riskiest first: unknown usage, then by share used, then by name for a stable order. */
export function sortRows(rows: readonly ReportRow[]): ReportRow[] {
  const risk = (row: ReportRow): number =>
    row.unknownReason !== undefined ? Number.POSITIVE_INFINITY : (row.percent ?? -1);
  return [...rows].sort(
    (a, b) => risk(b) - risk(a) || a.region.localeCompare(b.region) || a.name.localeCompare(b.name),
  );
}

const ACTION_TEXT: Readonly<Record<InstanceAction, string>> = {
  none: '',
  stopped: 'stopped',
  'stop-failed': 'STOP FAILED',
  'would-stop': 'would stop (dry run)',
  'kept-running': 'over threshold, kept running',
  warned: 'warned',
  'not-read': 'not read (not running)',
  'over-threshold': 'over threshold: the next check stops it',
  'not-stopped': 'over threshold, not stopped (notify only)',
  ignored: 'ignored (lightsail-guard:action = ignore)',
  started: 'started for the new month',
  'would-start': 'would start for the new month (dry run)',
  'start-failed': 'START FAILED',
};

const NEXT_MONTH_TEXT = {
  start: 'stopped by the guard: started on the 1st',
  'next-check': 'stopped by the guard last month: the next check starts it',
  hold: 'stopped by the guard, held: stays stopped on the 1st',
} as const;

/** The action column: what happened, why a value is missing, and whether the allowance is pro-rated. */
export function rowNote(row: ReportRow): string {
  const parts = [ACTION_TEXT[row.action]];
  if (row.unknownReason !== undefined) parts.push(`usage unknown: ${row.unknownReason}`);
  if (row.error !== undefined) parts.push(row.error);
  if (row.nextMonth !== undefined) parts.push(NEXT_MONTH_TEXT[row.nextMonth]);
  if (row.allowanceShare < 1) parts.push(`allowance pro-rated to ${(row.allowanceShare * 100).toFixed(0)}%`);
  const overage = overageNote(row.region, row.usedBytes, row.allowanceBytes);
  if (overage !== undefined) parts.push(overage);
  return parts.filter((part) => part !== '').join('; ');
}

function marker(row: ReportRow, quotaPercent: number, warnAt: number): string {
  if (row.unknownReason !== undefined) return '❓';
  if (row.percent === null) return '⚪';
  if (row.percent >= quotaPercent) return '🔴';
  if (row.percent >= warnAt) return '🟠';
  return '🟢';
}

/**
 * The daily report as Telegram HTML messages: a summary, then one line per instance, riskiest
 * first, split into several messages only when one would pass Telegram's limit.
 */
export function reportMessages(
  model: ReportModel,
  context: {
    readonly unit: AllowanceUnit;
    readonly quotaPercent: number;
    readonly warnPercents: readonly number[];
  },
  limit = TELEGRAM_TEXT_LIMIT,
): string[] {
  const { unit, quotaPercent } = context;
  const warnAt = Math.min(quotaPercent, ...context.warnPercents);
  const rows = sortRows(model.rows);
  const regions = new Set(rows.map((row) => row.region)).size;
  const over = rows.filter((row) => row.percent !== null && row.percent >= quotaPercent).length;
  const unknown = rows.filter((row) => row.unknownReason !== undefined).length;
  const ignored = rows.filter((row) => row.action === 'ignored').length;
  const when = model.generatedAt.toISOString().slice(0, 16).replace('T', ' ');
  const summary = [
    `📊 <b>Lightsail data transfer, ${model.monthKey} so far</b> (${when} UTC)`,
    `${rows.length} instance${rows.length === 1 ? '' : 's'} in ${regions} region${regions === 1 ? '' : 's'} · ${over} at or over ${quotaPercent}% · ${unknown} unknown${ignored > 0 ? ` · ${ignored} ignored` : ''}`,
  ].join('\n');
  // One block per failed region, so that many failures split between messages instead of being cut.
  const failures = model.regionErrors.map(
    (failure) => `❗ ${escapeHtml(failure.region)} could not be read: ${escapeHtml(failure.error)}`,
  );
  const lines = rows.map((row) => {
    const used = row.usedBytes === null ? '?' : formatAmount(row.usedBytes, unit);
    const note = rowNote(row);
    return `${marker(row, quotaPercent, warnAt)} <code>${escapeHtml(row.name)}</code> ${escapeHtml(row.region)} · ${escapeHtml(row.state)} · ${used} / ${formatAmount(row.allowanceBytes, unit)} ${unit} · ${formatPercent(row.percent)}${note ? ` · ${escapeHtml(note)}` : ''}`;
  });
  const restart = model.startsOnThe1st === undefined ? [] : [startsOnThe1stText(model.startsOnThe1st)];
  const blocks = [summary, ...failures, ...lines, ...restart].map((text, index) => ({ text, ref: index }));
  return packBlocks(blocks, limit, '\n').map((message) => message.text);
}

/** The last report's note of what the 1st brings (RESTART_ON_NEW_MONTH). */
export function startsOnThe1stText(
  instances: readonly { readonly name: string; readonly region: string }[],
): string {
  if (instances.length === 0) {
    return '▶️ On the 1st: no instance is started (none stopped by the guard is waiting, or all are held).';
  }
  const names = instances
    .map((i) => `<code>${escapeHtml(i.name)}</code> (${escapeHtml(i.region)})`)
    .join(', ');
  return `▶️ On the 1st the first check starts again: ${names}. Hold one with lightsail-guard hold &lt;name&gt;.`;
}
