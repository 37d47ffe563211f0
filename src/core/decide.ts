import { TAGS } from '../constants.js';
import {
  alertedTagValue,
  deliveredThisMonth,
  FORECAST_KEY,
  KEPT_RUNNING_KEY,
  NOTIFIED_KEY,
  warnKey,
} from './alert-keys.js';
import { keepRunningThisMonth, unknownAlertedToday } from './alert-state.js';
import type { Allowance } from './allowance.js';
import type { BillingMonth } from './billing-month.js';
import { utcDayKey } from './billing-month.js';
import type { Forecast } from './forecast.js';
import { forecastAlertDue } from './forecast-alert.js';
import { percentUsed } from './percent.js';
import type { StopAhead } from './stop-ahead.js';
import type { Instance, UsageReading } from './types.js';
import { usedBytes } from './usage.js';

export { percentUsed } from './percent.js';

export interface GuardPolicy {
  /** Stop at or over this share of the allowance, in percent (QUOTA_PERCENT). */
  readonly quotaPercent: number;
  /** Warn once a month at each of these levels, all below `quotaPercent` (WARN_PERCENT). */
  readonly warnPercents: readonly number[];
}

/** An alert an assessment asks for. The stop alert's text also needs the stop call's outcome. */
export type DueAlert =
  | { readonly kind: 'warn'; readonly level: number }
  | { readonly kind: 'stop'; readonly undeliveredSince?: string; readonly ahead?: StopAhead }
  | { readonly kind: 'kept-running' }
  /** At or over the threshold, but its action is `notify`: alerted once a month, never stopped. */
  | { readonly kind: 'not-stopped' }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'forecast'; readonly forecast: Forecast };

export interface Assessment {
  readonly instance: Instance;
  readonly allowance: Allowance;
  readonly usage: UsageReading;
  /** Share of the allowance used, in percent; `null` when the usage is unknown. */
  readonly percent: number | null;
  /** Running, at or over the threshold (or about to pass it: `ahead`), and not kept running by the user's tag. */
  readonly stop: boolean;
  /** Why it is stopped, when `stop`: at the threshold, or ahead of it. */
  readonly stopReason?: 'threshold' | 'ahead';
  /** At or over the threshold but tagged to keep running this month. */
  readonly keptRunning: boolean;
  /** Running at or over the threshold, not stopped because its action is `notify`. */
  readonly notified: boolean;
  readonly due: readonly DueAlert[];
  /** Tags to write once the alerts above were delivered, so that they are not sent again. */
  readonly tagsOnDelivery: Readonly<Record<string, string>>;
}

/** A decision about one instance or one pool: an assessment without the instance. */
export type Decision = Omit<Assessment, 'instance'>;

/**
 * What a decision needs to know that the figures do not say, as an instance's tags hold it
 * (`alertMemoryOf`) or as a pool's members hold it together (`assessPool`).
 */
export interface AlertMemory {
  /** The alert keys already delivered this billing month (the `alerted` tag, `alert-keys.ts`). */
  readonly delivered: ReadonlySet<string>;
  /** Its owner asked to keep it running past the threshold this month (`keep-running`). */
  readonly keptRunning: boolean;
  /** The time of an earlier stop whose alert never arrived (`stop-unsent`). */
  readonly undeliveredStop: string | undefined;
  /** Today's "usage unknown" alert was delivered already (`unknown-alerted`). */
  readonly unknownAlertedToday: boolean;
}

/** What an instance's tags remember for this billing month and this UTC day. */
export function alertMemoryOf(instance: Pick<Instance, 'tags'>, month: BillingMonth, now: Date): AlertMemory {
  return {
    delivered: deliveredThisMonth(instance.tags, month.key),
    keptRunning: keepRunningThisMonth(instance.tags, month.key),
    undeliveredStop: pendingStopAlert(instance),
    unknownAlertedToday: unknownAlertedToday(instance.tags, utcDayKey(now)),
  };
}

/** What a decision weighs besides what runs and what is remembered: figures, policy, clock, foresight. */
export interface DecisionInput {
  readonly usage: UsageReading;
  readonly allowance: Allowance;
  readonly policy: GuardPolicy;
  readonly month: BillingMonth;
  readonly now: Date;
  /** ACTION=notify, or the instance's `lightsail-guard:action = notify`: alert, never stop. */
  readonly notifyOnly?: boolean;
  /** Where it is heading (`forecastInstance`); the forecast alert needs it. */
  readonly forecast?: Forecast | null;
  /** It would pass the threshold before the next check could stop it (`stopAheadOf`). */
  readonly ahead?: StopAhead | undefined;
}

/**
 * Decides what the guard should do about one instance: stop it, and which alerts are due, from its
 * state and what its tags remember (`decide`).
 */
export function assess(input: DecisionInput & { readonly instance: Instance }): Assessment {
  const { instance, ...rest } = input;
  const running = instance.state === 'running';
  return {
    instance,
    ...decide({ ...rest, running, memory: alertMemoryOf(instance, input.month, input.now) }),
  };
}

/**
 * Decides what to do about one instance, or one pool judged as one: stop it, and which alerts are
 * due. Warning levels and the kept-running alert are sent once per billing month, "unknown" once per
 * UTC day, a stop every time one is made (a user who restarts the instance without the keep-running
 * tag should hear that it was stopped again).
 */
export function decide(
  input: DecisionInput & {
    /** Only what runs is stopped: an instance running, a pool with a running member. */
    readonly running: boolean;
    readonly memory: AlertMemory;
  },
): Decision {
  const { usage, allowance, policy, month, now, running, memory } = input;
  const base = { allowance, usage };
  const { undeliveredStop, delivered } = memory;
  if (usage.kind === 'unknown') {
    const day = utcDayKey(now);
    const due: DueAlert[] = [];
    const tags: Record<string, string> = {};
    if (undeliveredStop !== undefined) {
      due.push({ kind: 'stop', undeliveredSince: undeliveredStop });
      tags[TAGS.stopUnsent] = '';
    }
    if (!memory.unknownAlertedToday) {
      due.push({ kind: 'unknown', reason: usage.reason });
      tags[TAGS.unknownAlerted] = day;
    }
    return {
      ...base,
      percent: null,
      stop: false,
      keptRunning: false,
      notified: false,
      due,
      tagsOnDelivery: tags,
    };
  }
  const percent = percentUsed(usedBytes(usage), allowance.bytes);
  const overQuota = percent >= policy.quotaPercent;
  const keptRunning = overQuota && memory.keptRunning;
  const dueStop = overQuota && !keptRunning && running;
  const notified = dueStop && input.notifyOnly === true;
  // Stop ahead only what the threshold would stop: running, under it, not kept running, and not
  // an instance whose action is to notify only.
  const ahead =
    !overQuota && running && !memory.keptRunning && input.notifyOnly !== true ? input.ahead : undefined;
  const stop = (dueStop && !notified) || ahead !== undefined;
  const crossed = [...policy.warnPercents].sort((a, b) => a - b).filter((level) => percent >= level);
  const due: DueAlert[] = [];
  const record = new Set(delivered);
  const tags: Record<string, string> = {};
  if (undeliveredStop !== undefined && !stop) {
    due.push({ kind: 'stop', undeliveredSince: undeliveredStop });
    tags[TAGS.stopUnsent] = '';
    for (const level of crossed) record.add(warnKey(level));
  } else if (stop) {
    // The stop alert says it all; the warnings it passed are recorded so they do not follow it.
    due.push(ahead === undefined ? { kind: 'stop' } : { kind: 'stop', ahead });
    for (const level of crossed) record.add(warnKey(level));
  } else if (keptRunning) {
    if (!delivered.has(KEPT_RUNNING_KEY)) due.push({ kind: 'kept-running' });
    record.add(KEPT_RUNNING_KEY);
    for (const level of crossed) record.add(warnKey(level));
  } else if (notified) {
    // Once a month, like the kept-running alert: the warnings it passed are recorded with it.
    if (!delivered.has(NOTIFIED_KEY)) due.push({ kind: 'not-stopped' });
    record.add(NOTIFIED_KEY);
    for (const level of crossed) record.add(warnKey(level));
  } else {
    const fresh = crossed.filter((level) => !delivered.has(warnKey(level)));
    // Only the highest new level is worth a message; the lower ones are recorded with it.
    const highest = fresh.at(-1);
    if (highest !== undefined) due.push({ kind: 'warn', level: highest });
    for (const level of fresh) record.add(warnKey(level));
    const { forecast } = input;
    if (forecast && forecastAlertDue({ forecast, percent, policy, delivered })) {
      due.push({ kind: 'forecast', forecast });
      record.add(FORECAST_KEY);
    }
  }
  if (record.size !== delivered.size) tags[TAGS.alerted] = alertedTagValue(month.key, record);
  if (stop && undeliveredStop !== undefined) tags[TAGS.stopUnsent] = '';
  const reason = stop
    ? { stopReason: ahead === undefined ? ('threshold' as const) : ('ahead' as const) }
    : {};
  return { ...base, percent, stop, ...reason, keptRunning, notified, due, tagsOnDelivery: tags };
}

/** The time of an earlier stop whose alert never arrived, from the instance's tags. */
export function pendingStopAlert(instance: Pick<Instance, 'tags'>): string | undefined {
  const value = instance.tags[TAGS.stopUnsent]?.trim();
  return value ? value : undefined;
}
