import { channelLabel } from './channels/registry.js';
import { DEFAULTS } from './config.js';
import type { AllowanceUnit } from './core/allowance.js';
import { DEFAULT_TIME_ZONE } from './core/display-time.js';
import type { ForecastDisplay } from './core/forecast-text.js';
import { htmlToPlain } from './core/html.js';
import { en } from './core/i18n/en.js';
import { poolLine } from './core/report.js';
import { renderTable } from './core/table.js';
import type { RunResult } from './engine/run.js';

/** 0 when everything was checked and every stop and message succeeded, else 1. */
export function exitCodeOf(result: RunResult): 0 | 1 {
  return result.problems.length > 0 ? 1 : 0;
}

/** The machine-readable result (`--json`, and the Lambda's return value). */
export function resultJson(result: RunResult) {
  return {
    command: result.command,
    dryRun: result.dryRun,
    checkedAt: result.checkedAt.toISOString(),
    billingMonth: result.month.key,
    regions: result.regions,
    regionErrors: result.regionErrors,
    instances: result.rows,
    pools: result.pools,
    missing: result.missing,
    messages: result.messages,
    problems: result.problems,
    exitCode: exitCodeOf(result),
  };
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const labelOf = channelLabel;

/** One line per channel: how many messages it took and how many failed. */
function deliverySummary(messages: RunResult['messages']): string[] {
  if (messages.length === 0) return ['No message was due.'];
  const channels = [...new Set(messages.map((message) => message.channel))];
  return channels.map((channel) => {
    const mine = messages.filter((message) => message.channel === channel);
    const sent = mine.filter((message) => message.status === 'sent').length;
    const failed = mine.length - sent;
    return `${labelOf(channel)}: ${plural(sent, 'message')} sent${failed > 0 ? `, ${failed} FAILED` : ''}.`;
  });
}

/** The pools under the table: one line each, where they are heading when that adds something. */
function poolLines(
  result: RunResult,
  unit: AllowanceUnit,
  display?: Omit<ForecastDisplay, 'monthEnd'>,
): string[] {
  if (result.pools.length === 0) return [];
  const quotaPercent = display?.quotaPercent ?? DEFAULTS.quotaPercent;
  const context = { unit, quotaPercent, warnPercents: [] };
  const forecastDisplay = {
    quotaPercent,
    timeZone: display?.timeZone ?? DEFAULT_TIME_ZONE,
    monthEnd: result.month.end,
  };
  return [
    '',
    en.report.poolsTitle,
    ...result.pools.map((pool) => `  ${htmlToPlain(poolLine(pool, context, forecastDisplay))}`),
  ];
}

const minutes = (value: number): string => `${value.toFixed(1)} min`;

/**
 * How far the running instances' metrics reach, and whether that was measured (their sample
 * counts) or assumed (METRIC_DELAY_MINUTES): the pace and stop ahead's horizon rest on it.
 */
export function metricsLine(rows: RunResult['rows']): string[] {
  const reached = rows.flatMap((row) =>
    row.metrics === undefined ? [] : [{ name: row.name, ...row.metrics }],
  );
  if (reached.length === 0) return [];
  const measured = reached.filter((each) => each.source === 'measured').map((each) => each.lagMinutes);
  const assumed = reached.filter((each) => each.source === 'assumed');
  const parts: string[] = [];
  if (measured.length > 0) {
    const low = Math.min(...measured);
    const high = Math.max(...measured);
    const lag = low === high ? minutes(low) : `${minutes(low).replace(' min', '')}-${minutes(high)}`;
    parts.push(`measured from their sample counts for ${plural(measured.length, 'instance')}, ${lag} behind`);
  }
  if (assumed.length > 0) {
    const names = assumed.map((each) => each.name).join(', ');
    parts.push(
      `assumed ${minutes(assumed[0]?.lagMinutes ?? 0)} behind (METRIC_DELAY_MINUTES) for ${names}: no sample count to measure it from, or no complete hour yet this month`,
    );
  }
  return ['', `Metric lag: ${parts.join('; ')}.`];
}

/**
 * The terminal rendering: a header, the table (and the pools), what was (or would be) sent, and the
 * problems. `display` (the threshold and TIME_ZONE) lets them say where instances are heading.
 */
export function renderResult(
  result: RunResult,
  unit: AllowanceUnit,
  /** The threshold and TIME_ZONE, for the table to say where instances are heading. */
  display?: Omit<ForecastDisplay, 'monthEnd'>,
): string {
  const when = result.checkedAt.toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    `lightsail-guard ${result.command}${result.dryRun ? ' (dry run)' : ''} · ${when} UTC · billing month ${result.month.key} · ${result.regions.length} region${result.regions.length === 1 ? '' : 's'}`,
    '',
    renderTable(result.rows, unit, display && { ...display, monthEnd: result.month.end }),
    ...poolLines(result, unit, display),
    ...metricsLine(result.rows),
  ];
  const planned = result.messages.filter((message) => message.status === 'dry-run');
  if (planned.length > 0) {
    const to = planned[0]?.channel.split(',').map(labelOf).join(', ') || 'no channel configured';
    lines.push('', `Dry run: would send ${plural(planned.length, 'message')} (${to}):`);
    for (const message of planned)
      lines.push(
        '',
        ...htmlToPlain(message.text)
          .split('\n')
          .map((line) => `  ${line}`),
      );
  } else if (result.command !== 'status') {
    lines.push('', ...deliverySummary(result.messages));
  }
  if (result.problems.length > 0) {
    lines.push('', `Problems (exit code 1):`, ...result.problems.map((problem) => `  - ${problem}`));
  }
  return lines.join('\n');
}
