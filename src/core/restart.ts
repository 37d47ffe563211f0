import { TAGS } from '../constants.js';
import type { BillingMonth } from './billing-month.js';
import { utcDayKey } from './billing-month.js';
import type { PolicyAction } from './instance-policy.js';
import type { Instance } from './types.js';

/**
 * The month's lifecycle: the guard remembers each stop it makes as `lightsail-guard:stopped =
 * YYYY-MM`, and with RESTART_ON_NEW_MONTH starts such an instance again once a later billing month
 * has begun (its allowance reset). Only the guard's own stops are undone, each at most once, and
 * never one its owner holds.
 */

const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The billing month the guard stopped this instance in, if it did and the record is well formed.
 * An empty value is a cleared record, not one. Read as written, untrimmed: the start grant
 * (infra/policy.ts) matches the value as it is, so the code never starts from a record IAM refuses.
 */
export function stoppedByGuardIn(tags: Readonly<Record<string, string>>): string | undefined {
  const value = tags[TAGS.stopped];
  return value !== undefined && MONTH_KEY.test(value) ? value : undefined;
}

/**
 * The owner asked that the instance stay stopped: `lightsail-guard:hold`, whatever its value, a
 * key-only tag ("") included. IAM may not see a key-only tag, so the code must (infra/policy.ts).
 */
export function isHeld(tags: Readonly<Record<string, string>>): boolean {
  return tags[TAGS.hold] !== undefined;
}

/** States of an instance that runs again (or is starting): a stop record on it is spent. */
const RUNNING_STATES: ReadonlySet<string> = new Set(['running', 'pending']);

/**
 * What a `check` does about an instance's stop record when it does not stop the instance:
 * - `start`: stopped by the guard in an earlier month, not held, and restarting is enabled;
 * - `forget`: the instance runs again (started by the guard, or by its owner): the record is
 *   cleared, so that if its owner stops it later this month, that stop is never undone;
 * - `none`: anything else. An instance in any state other than `stopped` is never started, and one
 *   without a record (stopped by anyone else) never.
 */
export type RestartStep =
  | { readonly kind: 'start'; readonly stoppedIn: string }
  | { readonly kind: 'forget' }
  | { readonly kind: 'none' };

export function restartStep(input: {
  readonly instance: Pick<Instance, 'state' | 'tags'>;
  readonly month: BillingMonth;
  readonly restartOnNewMonth: boolean;
  readonly action: PolicyAction;
}): RestartStep {
  const { instance, month } = input;
  // An ignored instance is not the guard's business at all.
  if (input.action === 'ignore') return { kind: 'none' };
  const raw = instance.tags[TAGS.stopped]?.trim();
  if (raw === undefined || raw === '') return { kind: 'none' };
  if (RUNNING_STATES.has(instance.state)) return { kind: 'forget' };
  const stoppedIn = stoppedByGuardIn(instance.tags);
  if (
    input.restartOnNewMonth &&
    instance.state === 'stopped' &&
    stoppedIn !== undefined &&
    stoppedIn < month.key &&
    !isHeld(instance.tags)
  ) {
    return { kind: 'start', stoppedIn };
  }
  return { kind: 'none' };
}

/**
 * What lies ahead for an instance now stopped by the guard: `start` on the 1st (stopped this
 * month), `next-check` (stopped in an earlier month: the next check starts it, a start that failed
 * or the setting just turned on), or `hold` when its owner holds it. `undefined` when restarting is
 * off or the instance is none of the guard's stopped ones.
 */
export function nextMonthFor(input: {
  readonly instance: Pick<Instance, 'state' | 'tags'>;
  readonly month: BillingMonth;
  readonly restartOnNewMonth: boolean;
  readonly action: PolicyAction;
}): 'start' | 'next-check' | 'hold' | undefined {
  const { instance } = input;
  if (!input.restartOnNewMonth || input.action === 'ignore' || instance.state !== 'stopped') return undefined;
  const stoppedIn = stoppedByGuardIn(instance.tags);
  if (stoppedIn === undefined) return undefined;
  if (isHeld(instance.tags)) return 'hold';
  return stoppedIn < input.month.key ? 'next-check' : 'start';
}

/** Whether `now` falls on the last UTC day of its billing month: the day of the month's last report. */
export function isLastDayOf(month: BillingMonth, now: Date): boolean {
  return utcDayKey(now) === utcDayKey(new Date(month.end.getTime() - 1));
}
