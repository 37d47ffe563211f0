import { ENV, TAGS } from '../constants.js';
import { utcDayKey } from './billing-month.js';
import type { GuardPolicy } from './decide.js';
import { levelsTagValue, percentValue, splitLevels, warnLevels } from './percent-rules.js';

/**
 * An instance's own policy, from its `lightsail-guard:quota`, `:warn` and `:action` tags over the
 * global settings. A malformed tag never weakens protection: the global setting applies instead,
 * and the tag is named as a problem so its owner can fix it.
 */

/** What `ACTION` may say for every instance. */
export type GlobalAction = 'stop' | 'notify';

/** What the guard does with one instance: stop it at the threshold, only alert, or leave it alone. */
export type PolicyAction = GlobalAction | 'ignore';

export const POLICY_ACTIONS: readonly PolicyAction[] = ['stop', 'notify', 'ignore'];

/** The settings every instance gets unless its tags say otherwise. */
export interface GlobalPolicy {
  readonly policy: GuardPolicy;
  readonly action: GlobalAction;
}

export interface InstancePolicy extends GuardPolicy {
  readonly action: PolicyAction;
  /** Where the action came from, so that an alert can say why an instance was not stopped. */
  readonly actionFrom: 'setting' | 'tag';
  /** The malformed tags: each names the tag, its value, what it must be, and what applies instead. */
  readonly tagProblems: readonly TagProblem[];
}

export interface TagProblem {
  /** The tag key, e.g. `lightsail-guard:quota`. */
  readonly key: string;
  /** In English, as logs and the run's problems carry it (`tagProblemText`). */
  readonly message: string;
  /** What is wrong and what applies instead, for the catalogues to word. */
  readonly why: TagWhy;
}

/** A malformed tag: its value, what it must be, and the setting that applies instead. */
export type TagWhy =
  | { readonly kind: 'quota-not-percent'; readonly value: string; readonly globalPercent: number }
  | { readonly kind: 'warn-not-levels'; readonly value: string; readonly instead: readonly number[] }
  | {
      readonly kind: 'warn-over-threshold';
      readonly value: string;
      readonly quotaPercent: number;
      readonly instead: readonly number[];
    }
  | { readonly kind: 'action-unknown'; readonly value: string; readonly globalAction: GlobalAction };

/** The English of a malformed tag: "lightsail-guard:quota = "x" is not ...; the global 95% applies". */
export function tagProblemText(why: TagWhy): string {
  switch (why.kind) {
    case 'quota-not-percent':
      return `${shown(TAGS.quota, why.value)} is not a number greater than 0 (as ${ENV.quotaPercent}); the global ${why.globalPercent}% applies`;
    case 'action-unknown':
      return `${shown(TAGS.action, why.value)} is not stop, notify or ignore; ${ENV.action}=${why.globalAction} applies`;
    case 'warn-not-levels':
    case 'warn-over-threshold': {
      const what =
        why.kind === 'warn-not-levels'
          ? `is not a list of levels greater than 0 such as 80/90 (as ${ENV.warnPercent})`
          : `has levels at or above the instance's ${why.quotaPercent}% threshold`;
      const instead =
        why.instead.length === 0
          ? 'no warning levels apply'
          : `the global levels ${levelsTagValue(why.instead)} apply`;
      return `${shown(TAGS.warn, why.value)} ${what}; ${instead}`;
    }
  }
}

const problem = (key: string, why: TagWhy): TagProblem => ({ key, message: tagProblemText(why), why });

/** The CLI command that sets each policy tag (`set-quota web-1 90`, or `--clear`). */
export const POLICY_TAG_COMMANDS: Readonly<Record<string, string>> = {
  [TAGS.quota]: 'set-quota',
  [TAGS.warn]: 'set-warn',
  [TAGS.action]: 'set-action',
};

const shown = (key: string, value: string): string => `${key} = "${value}"`;

/** The effective policy of an instance with `tags`, over `global`. */
export function instancePolicy(tags: Readonly<Record<string, string>>, global: GlobalPolicy): InstancePolicy {
  const problems: TagProblem[] = [];
  const quotaPercent = tagQuota(tags, global.policy.quotaPercent, problems);
  const warnPercents = tagWarn(tags, global.policy.warnPercents, quotaPercent, problems);
  const rawAction = tags[TAGS.action];
  let action: PolicyAction = global.action;
  let actionFrom: InstancePolicy['actionFrom'] = 'setting';
  if (rawAction !== undefined) {
    const wanted = POLICY_ACTIONS.find((known) => known === rawAction.trim().toLowerCase());
    if (wanted === undefined) {
      problems.push(
        problem(TAGS.action, { kind: 'action-unknown', value: rawAction, globalAction: global.action }),
      );
    } else {
      action = wanted;
      actionFrom = 'tag';
    }
  }
  return { quotaPercent, warnPercents, action, actionFrom, tagProblems: problems };
}

function tagQuota(tags: Readonly<Record<string, string>>, global: number, problems: TagProblem[]): number {
  const raw = tags[TAGS.quota];
  if (raw === undefined) return global;
  const own = percentValue(raw);
  if (own !== undefined) return own;
  problems.push(problem(TAGS.quota, { kind: 'quota-not-percent', value: raw, globalPercent: global }));
  return global;
}

function tagWarn(
  tags: Readonly<Record<string, string>>,
  global: readonly number[],
  quota: number,
  problems: TagProblem[],
): readonly number[] {
  // Global levels at or above this instance's own lower threshold would only repeat its stop alert.
  const fallback = global.filter((level) => level < quota);
  const raw = tags[TAGS.warn];
  if (raw === undefined) return fallback;
  // As WARN_PERCENT: set but empty disables this instance's warnings.
  const checked = warnLevels(splitLevels(raw), quota);
  if (checked.kind === 'levels') return checked.levels;
  problems.push(
    problem(
      TAGS.warn,
      checked.kind === 'not-percent'
        ? { kind: 'warn-not-levels', value: raw, instead: fallback }
        : { kind: 'warn-over-threshold', value: raw, quotaPercent: quota, instead: fallback },
    ),
  );
  return fallback;
}

/**
 * The UTC day to record once an alert about this instance's malformed tags was delivered, or
 * `undefined` when none is due: like "usage unknown", once a day until the tag is fixed.
 */
export function badTagAlertDue(
  tags: Readonly<Record<string, string>>,
  policy: Pick<InstancePolicy, 'tagProblems'>,
  now: Date,
): string | undefined {
  if (policy.tagProblems.length === 0) return undefined;
  const day = utcDayKey(now);
  return tags[TAGS.badTagAlerted] === day ? undefined : day;
}
