import { TAGS } from '../constants.js';
import type { AllowanceUnit } from './allowance.js';
import { escapeHtml } from './html.js';
import { overagePriceText } from './overage.js';
import type { Instance } from './types.js';
import { formatAmount, formatPercent } from './units.js';

/** Traffic figures an alert quotes. */
export interface AlertFigures {
  readonly usedBytes: number | null;
  readonly allowanceBytes: number;
  readonly percent: number | null;
}

/** Everything the guard may tell the user about in one check, before it is turned into text. */
export type AlertEvent =
  | ({
      readonly kind: 'stop';
      readonly instance: Instance;
      readonly outcome: 'stopped' | 'failed' | 'dry-run' | 'earlier';
      readonly error?: string;
      readonly stoppedAt?: string;
    } & AlertFigures)
  | ({ readonly kind: 'warn'; readonly instance: Instance; readonly level: number } & AlertFigures)
  | ({ readonly kind: 'kept-running'; readonly instance: Instance } & AlertFigures)
  | { readonly kind: 'unknown'; readonly instance: Instance; readonly reason: string }
  | { readonly kind: 'region-failed'; readonly region: string; readonly error: string }
  | { readonly kind: 'regions-failed'; readonly error: string }
  | { readonly kind: 'missing'; readonly names: readonly string[] };

export interface AlertTextContext {
  readonly unit: AllowanceUnit;
  readonly quotaPercent: number;
  readonly monthKey: string;
}

const who = (instance: Instance): string =>
  `<code>${escapeHtml(instance.name)}</code> in ${escapeHtml(instance.region)}`;

const figures = (f: AlertFigures, unit: AllowanceUnit): string => {
  const used = f.usedBytes === null ? 'unknown' : formatAmount(f.usedBytes, unit);
  return `${used} of ${formatAmount(f.allowanceBytes, unit)} ${unit} used (${formatPercent(f.percent)})`;
};

/** Dynamic error text is capped so one runaway message cannot push an alert past Telegram's limit. */
const quote = (text: string): string => escapeHtml(text.length > 300 ? `${text.slice(0, 297)}...` : text);

/** The Telegram HTML text of one alert. Every dynamic value is escaped. */
export function alertText(event: AlertEvent, context: AlertTextContext): string {
  const { unit, quotaPercent, monthKey } = context;
  switch (event.kind) {
    case 'stop': {
      const head = `${who(event.instance)}: ${figures(event, unit)}, threshold ${quotaPercent}%.`;
      const keep = `To keep it running this month, tag it <code>${TAGS.keepRunning}</code> = <code>${monthKey}</code>.`;
      if (event.outcome === 'stopped') return `🛑 <b>Stopped</b> ${head}\nStop call succeeded. ${keep}`;
      if (event.outcome === 'dry-run') return `🛑 <b>Would stop</b> ${head}\nDry run: nothing was stopped.`;
      if (event.outcome === 'earlier') {
        const at = quote(event.stoppedAt ?? 'earlier');
        return `🛑 <b>Stopped</b> ${head}\nStopped at ${at}; this alert could not be delivered then. ${keep}`;
      }
      return `🚨 <b>STOP FAILED</b> ${head}\nThe instance is still running: ${quote(event.error ?? 'unknown error')}. The next check tries again.`;
    }
    case 'warn':
      return `⚠️ <b>${event.level}% of allowance</b> ${who(event.instance)}: ${figures(event, unit)}. It is stopped at ${quotaPercent}%.`;
    case 'kept-running':
      return `⚠️ <b>Over threshold, kept running</b> ${who(event.instance)}: ${figures(event, unit)}, threshold ${quotaPercent}%. Tagged <code>${TAGS.keepRunning}</code> = <code>${monthKey}</code>, so it was not stopped; traffic past the allowance is ${escapeHtml(overagePriceText(event.instance.region))}.`;
    case 'unknown':
      return `❓ <b>Usage unknown</b> ${who(event.instance)}: ${quote(event.reason)}. It is not guarded until its usage can be read.`;
    case 'region-failed':
      return `❗ <b>Region not checked</b> ${escapeHtml(event.region)}: ${quote(event.error)}. Its instances are not guarded until it can be read.`;
    case 'regions-failed':
      return `❗ <b>Nothing checked</b>: the list of regions could not be read: ${quote(event.error)}.`;
    case 'missing':
      return `❗ <b>Not found</b>: ${event.names.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')} from INSTANCES_TO_MONITOR ${event.names.length === 1 ? 'is' : 'are'} in none of the checked regions.`;
  }
}

/** Most urgent first: failures that cost money, then stops, then the rest. */
export function alertRank(event: AlertEvent): number {
  const order: Record<AlertEvent['kind'], number> = {
    'regions-failed': 0,
    'region-failed': 1,
    stop: 2,
    unknown: 3,
    missing: 4,
    'kept-running': 5,
    warn: 6,
  };
  return event.kind === 'stop' && event.outcome === 'failed' ? -1 : order[event.kind];
}
