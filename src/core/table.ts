import type { AllowanceUnit } from './allowance.js';
import type { ForecastDisplay } from './forecast-text.js';
import { en } from './i18n/en.js';
import { rowNote, sortRows } from './report.js';
import type { ReportRow } from './report-model.js';
import { formatAmount, formatPercent } from './units.js';

/**
 * The terminal table: instance, (account,) region, state, used, allowance, %, action; riskiest first. With
 * `display`, the action column says where an instance is heading when that adds something.
 */
export function renderTable(
  rows: readonly ReportRow[],
  unit: AllowanceUnit,
  display?: ForecastDisplay,
): string {
  // Several accounts (ACCOUNTS): a column names each row's account, its name else its id.
  const accounts = rows.some((row) => row.account !== undefined);
  const header = [
    'INSTANCE',
    ...(accounts ? ['ACCOUNT'] : []),
    'REGION',
    'STATE',
    `USED ${unit}`,
    `ALLOWANCE ${unit}`,
    '%',
    'ACTION',
  ];
  const body = sortRows(rows).map((row) => {
    // Not read at all (stopped during a check, ignored, just started) is "-"; unreadable is "?".
    const unread = row.usedBytes === null && row.unknownReason === undefined;
    return [
      row.name,
      ...(accounts ? [row.accountName ?? row.account ?? ''] : []),
      row.region,
      row.state,
      unread ? '-' : row.usedBytes === null ? '?' : formatAmount(row.usedBytes, unit),
      formatAmount(row.allowanceBytes, unit),
      unread ? '-' : formatPercent(row.percent),
      rowNote(row, en, display),
    ];
  });
  if (body.length === 0) return 'No monitored instances found.';
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const first = accounts ? 4 : 3;
  const numeric = new Set([first, first + 1, first + 2]);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric.has(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)].join('\n');
}
