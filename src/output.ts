import type { AllowanceUnit } from './core/allowance.js';
import { htmlToPlain } from './core/html.js';
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
    missing: result.missing,
    messages: result.messages,
    problems: result.problems,
    exitCode: exitCodeOf(result),
  };
}

/** The terminal rendering: a header, the table, what was (or would be) sent, and the problems. */
export function renderResult(result: RunResult, unit: AllowanceUnit): string {
  const when = result.checkedAt.toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    `lightsail-guard ${result.command}${result.dryRun ? ' (dry run)' : ''} · ${when} UTC · billing month ${result.month.key} · ${result.regions.length} region${result.regions.length === 1 ? '' : 's'}`,
    '',
    renderTable(result.rows, unit),
  ];
  const sent = result.messages.filter((message) => message.status === 'sent').length;
  const failed = result.messages.filter((message) => message.status === 'failed').length;
  const planned = result.messages.filter((message) => message.status === 'dry-run');
  if (planned.length > 0) {
    lines.push(
      '',
      `Dry run: would send ${planned.length} Telegram message${planned.length === 1 ? '' : 's'}:`,
    );
    for (const message of planned)
      lines.push(
        '',
        ...htmlToPlain(message.text)
          .split('\n')
          .map((line) => `  ${line}`),
      );
  } else if (result.command !== 'status') {
    lines.push(
      '',
      `Telegram: ${sent} message${sent === 1 ? '' : 's'} sent${failed > 0 ? `, ${failed} FAILED` : ''}.`,
    );
  }
  if (result.problems.length > 0) {
    lines.push('', `Problems (exit code 1):`, ...result.problems.map((problem) => `  - ${problem}`));
  }
  return lines.join('\n');
}
