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
      /** `earlier`: when the stop was made (the write-ahead record's ISO time). */
      readonly stoppedAt?: string;
      /** `stopped`: the service refused the stop because the instance was already stopping. */
      readonly alreadyStopping?: boolean;
      /** The stop could not be recorded before it was made: if this alert is lost, nothing re-sends it. */
      readonly recordError?: string;
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
      const unrecorded =
        event.recordError === undefined
          ? ''
          : `\nThe stop could not be recorded first (${quote(event.recordError)}): had this alert been lost, no later check would have re-sent it.`;
      if (event.outcome === 'stopped') {
        const how = event.alreadyStopping
          ? 'It was already stopping (stopped by its owner or another run).'
          : 'Stop call succeeded.';
        return `🛑 <b>Stopped</b> ${head}\n${how} ${keep}${unrecorded}`;
      }
      if (event.outcome === 'dry-run') return `🛑 <b>Would stop</b> ${head}\nDry run: nothing was stopped.`;
      if (event.outcome === 'earlier') {
        const at = quote(event.stoppedAt ?? 'earlier');
        const now =
          event.instance.state === 'running'
            ? ` It is running now: it was started again since, or that stop did not complete.`
            : ` ${keep}`;
        return `🛑 <b>Stopped</b> ${head}\nStopped at ${at}; this alert was not delivered then.${now}`;
      }
      return `🚨 <b>STOP FAILED</b> ${head}\nThe instance is still running: ${quote(event.error ?? 'unknown error')}. The next check tries again.${unrecorded}`;
    }
    case 'warn': {
      const past =
        event.percent !== null && event.percent >= 100
          ? ` It is past its allowance: traffic out is ${escapeHtml(overagePriceText(event.instance.region))}.`
          : '';
      return `⚠️ <b>${event.level}% warning</b> ${who(event.instance)}: ${figures(event, unit)}. It will be stopped at ${quotaPercent}%.${past}`;
    }
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
