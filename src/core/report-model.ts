/** The report's plain data: what was read about each instance and what was done about it. */

import type { AllowanceUnit } from './allowance.js';
import type { ForecastJson } from './forecast-text.js';
import type { StopAhead } from './stop-ahead.js';
import type { AccountRef } from './types.js';

/**
 * The actions a stop decision leads to: stopped, a stop that failed, a dry run's stop, and in
 * `status` and `report` (which never stop) `over-threshold`: running at or over the threshold, the
 * next `check` stops it. A row with one of them says why (`ReportRow.reason`).
 */
export const STOP_ACTIONS = ['stopped', 'stop-failed', 'would-stop', 'over-threshold'] as const;
export type StopAction = (typeof STOP_ACTIONS)[number];

/** Whether the action comes from a stop decision (`STOP_ACTIONS`). */
export function isStopAction(action: InstanceAction): action is StopAction {
  return (STOP_ACTIONS as readonly string[]).includes(action);
}

/** What the guard did, or would do, about an instance in this run. */
export type InstanceAction =
  | StopAction
  | 'none'
  | 'kept-running'
  | 'warned'
  | 'not-read'
  /** At or over the threshold, running, and its action is `notify`: alerted, never stopped. */
  | 'not-stopped'
  /** `lightsail-guard:action = ignore`: not monitored, not read. */
  | 'ignored'
  /** Started on a new month (stopped by the guard in an earlier one). */
  | 'started'
  | 'would-start'
  | 'start-failed';

/**
 * With RESTART_ON_NEW_MONTH, for an instance the guard stopped: `start` on the 1st, `next-check`
 * (stopped in an earlier month, not started yet), or `hold` (its owner keeps it stopped).
 */
export type NextMonth = 'start' | 'next-check' | 'hold';

/** One instance in the report, the terminal table and `--json`: what was read, never a stale value. */
export interface ReportRow {
  readonly name: string;
  readonly region: string;
  /** The 12-digit id of its AWS account, when several are checked (ACCOUNTS). */
  readonly account?: string;
  /** The account's name in ACCOUNTS, when it has one. */
  readonly accountName?: string;
  readonly state: string;
  /** `null` when the usage was not read (`not-read`) or could not be read (`unknownReason`). */
  readonly usedBytes: number | null;
  readonly allowanceBytes: number;
  /** Share of the plan's allowance that applies this month (below 1 when pro-rated). */
  readonly allowanceShare: number;
  readonly percent: number | null;
  readonly action: InstanceAction;
  /**
   * Why it was (or would be) stopped, with `stopped`, `would-stop`, `stop-failed` and
   * `over-threshold`: at the threshold, or `ahead` of it (it would pass it before the next check).
   */
  readonly reason?: 'threshold' | 'ahead';
  /**
   * With reason `ahead`: the reason was the burst reserve (BURST_MBPS), not the pace seen: a burst
   * at that speed could pass 100% of the allowance before a check could see it.
   */
  readonly burst?: true;
  /**
   * With reason `ahead`: the figures stop ahead acted on (`--json`: `instances[].ahead`): the
   * measured pace, the horizon and the lag in it (measured or assumed), and any margin named apart
   * (`worstCaseRatePerSecond`, or the burst reserve with `burst`).
   */
  readonly ahead?: StopAhead;
  /**
   * A running instance under its threshold with a burst reserve (BURST_MBPS): the lower level, in
   * percent, it is stopped at (`burstStopPercent`).
   */
  readonly burstStopPercent?: number;
  readonly unknownReason?: string;
  readonly error?: string;
  readonly nextMonth?: NextMonth;
  /** Where the instance is heading this month (`--json`: `instances[].forecast`); `null` when unknown or not running. */
  readonly forecast?: ForecastJson | null;
  /** A running instance whose usage was read: how far its metrics reach (`--json`: `instances[].metrics`). */
  readonly metrics?: MetricsReach;
  /** `ALLOWANCE_SCOPE=pool`: the pool it was judged in, and that pool's share used. */
  readonly pool?: { readonly bundleId: string; readonly percent: number };
  /**
   * With `over-threshold` in the month's last check interval: ISO time the allowance resets at
   * (00:00 UTC on the 1st), before the next check, which will therefore not stop it.
   */
  readonly resetBeforeNextCheck?: string;
}

/**
 * How far an instance's metrics reach at the check: the pace and stop ahead's horizon rest on it.
 * `measured` from the answers' sample counts; `assumed` (METRIC_DELAY_MINUTES) where they gave none
 * or no complete hour exists yet this month.
 */
export interface MetricsReach {
  /** ISO time up to which the metrics hold the instance's bytes. */
  readonly seenUntil: string;
  /** Minutes from `seenUntil` to the check, to one decimal. */
  readonly lagMinutes: number;
  /**
   * The lag stop ahead plans for, to one decimal: `lagMinutes`, or more when the pace rose within
   * the newest sample and it is counted from that sample's start.
   */
  readonly plannedLagMinutes: number;
  readonly source: 'measured' | 'assumed';
}

/** A pool of two or more instances in the report, the table and `--json` (`pools[]`). */
export interface PoolRow {
  readonly region: string;
  /** The 12-digit id of its AWS account, when several are checked (ACCOUNTS). */
  readonly account?: string;
  /** The account's name in ACCOUNTS, when it has one. */
  readonly accountName?: string;
  /** The pool's bundle: the members' bundle id without its `ipv6` part. */
  readonly bundleId: string;
  /** Member names. */
  readonly instances: readonly string[];
  /** `null` when a member's usage is unknown or was not read. */
  readonly usedBytes: number | null;
  /**
   * Members this run did not read (a `check` reads only running instances, in `ALLOWANCE_SCOPE=pool`
   * also the stopped members of a pool with a running one); absent when every member was read.
   */
  readonly notRead?: readonly string[];
  /**
   * With `notRead`: what the members that were read used, when each of them is known. The pool has
   * used at least this much; `usedBytes` stays `null`, since the rest is not known.
   */
  readonly readBytes?: number;
  /** The members' (pro-rated) allowances added up. */
  readonly allowanceBytes: number;
  readonly percent: number | null;
  readonly forecast: ForecastJson | null;
  /** Judged as one (`ALLOWANCE_SCOPE=pool`), not only shown. */
  readonly judged: boolean;
}

/** What a pool line says about the pool's usage (`poolShown`). */
export interface PoolShown {
  /**
   * `known`: every member read; `at-least`: members not read (not running), the others' total a
   * floor; `not-read`: no member read; `unknown`: a member's usage could not be read.
   */
  readonly kind: 'known' | 'at-least' | 'not-read' | 'unknown';
  /** The pool's usage (`known`), or its floor (`at-least`); `null` otherwise. */
  readonly usedBytes: number | null;
  readonly percent: number | null;
  /** Members this run did not read, by name. */
  readonly notRead: readonly string[];
}

export interface ReportModel {
  readonly generatedAt: Date;
  readonly monthKey: string;
  readonly rows: readonly ReportRow[];
  readonly regionErrors: readonly {
    readonly region: string;
    readonly error: string;
    readonly account?: AccountRef;
  }[];
  /**
   * Set in the month's last daily report when RESTART_ON_NEW_MONTH is on: the instances the first
   * check of next month will start (possibly none).
   */
  readonly startsOnThe1st?: readonly StartsOnThe1st[];
  /** Pools of two or more instances; none when absent. */
  readonly pools?: readonly PoolRow[];
}

/** An instance the first check of next month starts: where it is, and its account when several are checked. */
export type StartsOnThe1st = Pick<ReportRow, 'name' | 'region' | 'account' | 'accountName'>;

/** What the report's summary counts. */
export interface ReportCounts {
  readonly instances: number;
  readonly regions: number;
  /** At or over the stop threshold. */
  readonly over: number;
  readonly unknown: number;
  /** Tagged `lightsail-guard:action = ignore`. */
  readonly ignored: number;
}

/** Settings the report's text quotes. */
export interface ReportTextContext {
  readonly unit: AllowanceUnit;
  readonly quotaPercent: number;
  readonly warnPercents: readonly number[];
  /** IANA zone of the times a forecast names (TIME_ZONE); default UTC. */
  readonly timeZone?: string;
}

/** The account fields of a row or pool (`account`, `accountName`), from the account it is in. */
export function accountColumns(account: AccountRef | undefined): Pick<ReportRow, 'account' | 'accountName'> {
  if (account === undefined) return {};
  return { account: account.id, ...(account.name !== undefined ? { accountName: account.name } : {}) };
}
