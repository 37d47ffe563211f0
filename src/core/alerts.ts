import { TAGS } from '../constants.js';
import type { AllowanceUnit } from './allowance.js';
import { escapeHtml } from './html.js';
import { POLICY_TAG_COMMANDS, type TagProblem } from './instance-policy.js';
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
  | ({
      readonly kind: 'not-stopped';
      readonly instance: Instance;
      /** ACTION=notify (`setting`) or the instance's own `lightsail-guard:action` tag. */
      readonly because: 'setting' | 'tag';
    } & AlertFigures)
  /** Instances started on a new month: one alert names them all. */
  | {
      readonly kind: 'started';
      readonly started: readonly { readonly instance: Instance; readonly stoppedIn: string }[];
      readonly dryRun: boolean;
    }
  | { readonly kind: 'start-failed'; readonly instance: Instance; readonly error: string }
  /** Malformed per-instance setting tags (once a day): the global settings apply instead. */
  | { readonly kind: 'bad-tag'; readonly instance: Instance; readonly problems: readonly TagProblem[] }
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

/** A CLI command the user can paste; instance names hold only letters, digits, `_`, `-` and `.`. */
const command = (name: string, args: string): string =>
  `<code>lightsail-guard ${escapeHtml(name)} ${escapeHtml(args)}</code>`;

/** Dynamic error text is capped so one runaway message cannot push an alert past Telegram's limit. */
const quote = (text: string): string => escapeHtml(text.length > 300 ? `${text.slice(0, 297)}...` : text);

/** The Telegram HTML text of one alert. Every dynamic value is escaped. */
export function alertText(event: AlertEvent, context: AlertTextContext): string {
  const { unit, quotaPercent, monthKey } = context;
  switch (event.kind) {
    case 'stop': {
      const head = `${who(event.instance)}: ${figures(event, unit)}, threshold ${quotaPercent}%.`;
      const keep = `To keep it running this month: ${command('keep-running', `${event.instance.name} --start`)} (it tags <code>${TAGS.keepRunning}</code> = <code>${monthKey}</code>).`;
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
      return `⚠️ <b>Over threshold, kept running</b> ${who(event.instance)}: ${figures(event, unit)}, threshold ${quotaPercent}%. Tagged <code>${TAGS.keepRunning}</code> = <code>${monthKey}</code>, so it was not stopped; traffic past the allowance is ${escapeHtml(overagePriceText(event.instance.region))}. To let the guard stop it again: ${command('keep-running', `${event.instance.name} --clear`)}.`;
    case 'not-stopped': {
      const why =
        event.because === 'setting'
          ? 'ACTION=notify is set'
          : `it is tagged <code>${TAGS.action}</code> = <code>notify</code>`;
      const past =
        event.percent !== null && event.percent >= 100
          ? ` It is past its allowance: traffic out is ${escapeHtml(overagePriceText(event.instance.region))}.`
          : '';
      const change =
        event.because === 'setting'
          ? `set ACTION=stop, or ${command('set-action', `${event.instance.name} stop`)} for this one`
          : command('set-action', `${event.instance.name} stop`);
      return `🔔 <b>Over threshold, not stopped</b> ${who(event.instance)}: ${figures(event, unit)}, threshold ${quotaPercent}%. Not stopped because ${why} (alerts only).${past} To have it stopped: ${change}.`;
    }
    case 'started': {
      const names = event.started
        .map(
          ({ instance, stoppedIn }) => `${who(instance)} (stopped by the guard in ${escapeHtml(stoppedIn)})`,
        )
        .join(', ');
      const verb = event.dryRun
        ? '<b>Would start</b> for the new month'
        : '▶️ <b>Started</b> for the new month';
      const reset = event.started.length === 1 ? 'Its allowance' : 'Their allowances';
      return `${verb}: ${names}. ${reset} reset on the 1st. To keep one stopped next time: ${command('hold', '<name>')}.`;
    }
    case 'start-failed':
      return `🚨 <b>START FAILED</b> ${who(event.instance)}: ${quote(event.error)}. It stays stopped; the next check tries again.`;
    case 'bad-tag': {
      const fixes = event.problems.map((problem) => {
        const fix = POLICY_TAG_COMMANDS[problem.key];
        const how =
          fix === undefined
            ? ''
            : ` Set it again, or remove it: ${command(fix, `${event.instance.name} --clear`)}.`;
        return `${quote(problem.message)}.${how}`;
      });
      return `⚙️ <b>Setting tag not valid</b> ${who(event.instance)}: ${fixes.join(' ')}`;
    }
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
    'start-failed': 2,
    missing: 4,
    'bad-tag': 4,
    'not-stopped': 5,
    'kept-running': 5,
    started: 6,
    warn: 7,
  };
  return event.kind === 'stop' && event.outcome === 'failed' ? -1 : order[event.kind];
}
