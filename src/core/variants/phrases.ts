/**
 * The phrases alerts are made of, as data. Core picks which phrase applies (a pool or an instance,
 * a burst or a pace, the month's last check interval or not); a language only words each one
 * (`src/core/i18n/templates.ts`). A phrase that may be absent is an optional field: it reads as
 * nothing.
 */

import type { AllowanceUnit } from '../allowance.js';
import type { TagWhy } from '../instance-policy.js';
import type { Failure } from '../reasons.js';

/**
 * The account a place is in, named only when several accounts are checked (ACCOUNTS): by its name,
 * else its 12-digit id. `in-account` continues a place already named ("in us-east-1, account
 * prod"); `region-account` is an aside to a bare region ("us-east-1 (account prod)").
 */
export type InAccount =
  | { readonly kind: 'in-account'; readonly label: string }
  | { readonly kind: 'region-account'; readonly label: string };

/** An account that could not be checked: its name with its id, or its id alone. */
export type AccountTitle =
  | { readonly kind: 'account-named'; readonly name: string; readonly id: string }
  | { readonly kind: 'account-id'; readonly id: string };

/** An instance named with its region (and its account, when several are checked). */
export interface Named {
  readonly name: string;
  readonly region: string;
  readonly account?: InAccount;
}

/** A pool named with its region (and its account, when several are checked) and members. */
export interface PoolNames {
  readonly bundleId: string;
  readonly region: string;
  readonly account?: InAccount;
  readonly members: readonly string[];
}

/** The traffic figures an alert quotes; unknown usage is never 0. */
export type Figures =
  | {
      readonly kind: 'figures';
      readonly usedBytes: number;
      readonly allowanceBytes: number;
      readonly percent: number | null;
      readonly unit: AllowanceUnit;
    }
  | { readonly kind: 'figures-unknown'; readonly allowanceBytes: number; readonly unit: AllowanceUnit };

/** Who an alert is about: the instance, or its pool when the figures are the pool's. */
export type Subject = ({ readonly kind: 'instance' } & Named) | ({ readonly kind: 'pool' } & PoolNames);

/** An instance, or an instance judged with its pool. */
export type Member =
  | ({ readonly kind: 'instance' } & Named)
  | ({ readonly kind: 'member-of-pool'; readonly pool: PoolNames } & Named);

/** What traffic out past the allowance costs, where the price is known. */
export type Price =
  | { readonly kind: 'price'; readonly usdPerGb: number; readonly region: string }
  | { readonly kind: 'price-unknown' };

/** What an alert adds about the allowance itself: past it, or exactly all of it used. */
export type AllowanceNote =
  | { readonly kind: 'past-allowance'; readonly price: Price }
  | { readonly kind: 'all-allowance'; readonly price: Price };

/** "the allowance resets at 1 Dec 00:00 UTC, before the next check" (the month's last interval). */
export interface ResetFirst {
  readonly kind: 'reset-first';
  readonly at: Date;
  readonly timeZone: string;
}

/** The same as a sentence of its own. */
export interface ResetSentence {
  readonly kind: 'reset-sentence';
  readonly reset: ResetFirst;
}

/** What happens at the threshold: to the instance, to every running member of its pool, or the reset first. */
export type ThresholdClause =
  | { readonly kind: 'stops-at'; readonly percent: number }
  | { readonly kind: 'pool-stops-at'; readonly percent: number }
  | ResetSentence;

/** Where the lag in a stop ahead's horizon comes from. */
export type LagSource =
  | { readonly kind: 'lag-measured' }
  | { readonly kind: 'lag-newest-sample' }
  | { readonly kind: 'lag-assumed' };

/** "10 to the next check, 1 of metric lag, measured": what the horizon of a stop ahead is made of. */
export interface Horizon {
  readonly kind: 'horizon';
  readonly toNextCheck: number;
  readonly lagMinutes: number;
  readonly source: LagSource;
}

/** Why an instance was stopped under its threshold: a burst reserve, the worst case, or its pace. */
export type Ahead =
  | {
      readonly kind: 'ahead-burst';
      readonly ratePerSecond: number;
      readonly withinMinutes: number;
      readonly horizon: Horizon;
    }
  | {
      readonly kind: 'ahead-worst-case';
      readonly worstCaseRatePerSecond: number;
      readonly ratePerSecond: number;
      readonly withinMinutes: number;
      readonly toNextCheck: number;
      readonly quotaPercent: number;
      readonly horizon: Horizon;
    }
  | {
      readonly kind: 'ahead-pace';
      readonly ratePerSecond: number;
      readonly withinMinutes: number;
      readonly quotaPercent: number;
      readonly horizon: Horizon;
    };

/** The first line of a stop alert: who, the figures, the threshold, and why ahead of it. */
export interface StopHead {
  readonly kind: 'stop-head';
  readonly member: Member;
  readonly figures: Figures;
  readonly quotaPercent: number;
  readonly ahead?: Ahead;
}

/** How to keep a stopped instance running this month. */
export interface KeepTag {
  readonly kind: 'keep-tag';
  readonly name: string;
  readonly monthKey: string;
}

/** The stop could not be recorded before it was made. */
export interface Unrecorded {
  readonly kind: 'unrecorded';
  readonly error: string;
}

export type ErrorText =
  | { readonly kind: 'error'; readonly failure: Failure }
  | { readonly kind: 'error-unknown' };

/** After a failed stop: the next check tries again, or the allowance resets first. */
export type Retry =
  | { readonly kind: 'retry-next-check' }
  | { readonly kind: 'retry-after-reset'; readonly reset: ResetFirst };

/** When an earlier stop was made: its recorded ISO time (shown by `stampTime`), or not known. */
export type StoppedWhen =
  | { readonly kind: 'stopped-at-time'; readonly at: string; readonly timeZone: string }
  | { readonly kind: 'stopped-at-unknown-time' };

/** How a stop went through: the call succeeded, or the instance was already stopping. */
export type HowStopped = { readonly kind: 'stop-call-succeeded' } | { readonly kind: 'already-stopping' };

/** Where the projected month end reaches, and when the threshold or 100% is crossed this month. */
export interface MonthEnd {
  readonly kind: 'month-end';
  /** Cut to a whole number. */
  readonly percent: number;
  /** The last moment of the billing month. */
  readonly lastDay: Date;
}

export type ForecastWhen =
  | {
      readonly kind: 'reaches-threshold';
      readonly percent: number;
      readonly at: Date;
      readonly timeZone: string;
      readonly end: MonthEnd;
    }
  | { readonly kind: 'reaches-full'; readonly at: Date; readonly timeZone: string; readonly end: MonthEnd }
  | { readonly kind: 'reaches-month-end'; readonly end: MonthEnd };

/** Why an over-threshold instance was not stopped: ACTION=notify, or its own tag. */
export type NotifyWhy = { readonly kind: 'notify-setting' } | { readonly kind: 'notify-tag' };

/** How to have it stopped. */
export type StopChange =
  | { readonly kind: 'stop-by-setting'; readonly name: string }
  | { readonly kind: 'stop-by-tag'; readonly name: string };

/** One malformed setting tag, with the command that clears it when there is one. */
export type TagFix =
  | {
      readonly kind: 'tag-fix';
      readonly message: string;
      readonly why: TagWhy;
      readonly command: string;
      readonly name: string;
    }
  | { readonly kind: 'tag-problem'; readonly message: string; readonly why: TagWhy };

/** A subject line's members: "busy, idle" or "busy, idle, web-3 and 2 more". */
export type MemberList =
  | { readonly kind: 'members'; readonly named: readonly string[] }
  | {
      readonly kind: 'members-and-more';
      readonly named: readonly string[];
      readonly more: number;
      readonly total: number;
    };

/** What a member's subject line adds about its pool. */
export interface InPool {
  readonly kind: 'in-pool';
  readonly bundleId: string;
  readonly members: MemberList;
}

/** Who a subject line is about. */
export type HeadlineName =
  | { readonly kind: 'headline-instance'; readonly name: string }
  | { readonly kind: 'headline-pool'; readonly bundleId: string; readonly members: MemberList };

export type StopVerb = { readonly kind: 'verb-stopped' } | { readonly kind: 'verb-stopped-ahead' };

/** After an earlier stop: it runs again, or how to keep it running. */
export type StoppedNow = { readonly kind: 'running-again' } | KeepTag;

/** After "kept running": how to let the guard stop it again, or the reset first. */
export type KeptNext = { readonly kind: 'clear-keep'; readonly name: string } | ResetSentence;

/** After "not stopped": how to have it stopped, from now or from the reset on. */
export type NotStoppedNext =
  | { readonly kind: 'to-stop'; readonly change: StopChange }
  | { readonly kind: 'to-stop-after-reset'; readonly reset: ResetFirst; readonly change: StopChange };

/** A start gives an instance without a static IP a new public IPv4 address. */
export interface NewAddress {
  readonly kind: 'new-address';
}

/** The phrases above, for the templates' exhaustive map. */
export type Phrase =
  | NewAddress
  | InAccount
  | AccountTitle
  | Figures
  | Subject
  | Member
  | Price
  | AllowanceNote
  | ResetFirst
  | ResetSentence
  | ThresholdClause
  | LagSource
  | Horizon
  | Ahead
  | StopHead
  | KeepTag
  | Unrecorded
  | ErrorText
  | Retry
  | StoppedWhen
  | HowStopped
  | MonthEnd
  | ForecastWhen
  | NotifyWhy
  | StopChange
  | TagFix
  | MemberList
  | InPool
  | HeadlineName
  | StopVerb
  | StoppedNow
  | KeptNext
  | NotStoppedNext;
