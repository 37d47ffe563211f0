/** The engine's shared vocabulary: what a run needs and what it returns. */

import type { Allowance, AllowanceSettings } from '../core/allowance.js';
import type { BillingMonth } from '../core/billing-month.js';
import type { Coverage } from '../core/coverage.js';
import type { Assessment, DueAlert, GuardPolicy } from '../core/decide.js';
import type { Forecast } from '../core/forecast.js';
import type { Language } from '../core/i18n/catalogue.js';
import type { GlobalAction, InstancePolicy } from '../core/instance-policy.js';
import type { PoolTotals } from '../core/pool-decide.js';
import type { PoolFigures } from '../core/pools.js';
import type { Channel, ChannelName, Fleet } from '../core/ports.js';
import type { InstanceAction, PoolRow, ReportRow } from '../core/report.js';
import type { AccountRef, Instance, UsageWindow } from '../core/types.js';
import type { RunDeadline } from './deadline.js';

export type Command = 'check' | 'report' | 'status';

/** What one run knows while it assesses and acts on instances: every step of a region gets it. */
export interface RunContext {
  readonly fleet: Fleet;
  readonly settings: GuardSettings;
  readonly command: Command;
  /** A dry run reads and decides, and neither stops, starts nor records. */
  readonly dryRun: boolean;
  readonly month: BillingMonth;
  readonly now: Date;
  /** The metric query for the month so far (`usageWindow`). */
  readonly window: UsageWindow;
  readonly deadline: RunDeadline | undefined;
  readonly log: (event: LogEvent) => void;
}

/** The part of the configuration the engine needs. */
export interface GuardSettings {
  readonly policy: GuardPolicy;
  readonly allowance: AllowanceSettings;
  /** `undefined`: every region `GetRegions` returns. */
  readonly regions: readonly string[] | undefined;
  /** `undefined`: every instance (`INSTANCES_TO_MONITOR=ALL`). */
  readonly instances: readonly string[] | undefined;
  /** Instances read at once per region (each read is two metric calls). */
  readonly concurrency: number;
  /** ACTION: `notify` sends every alert and never stops. Instances may override it with a tag. */
  readonly action: GlobalAction;
  /** RESTART_ON_NEW_MONTH: start what the guard stopped once a later billing month has begun. */
  readonly restartOnNewMonth: boolean;
  /** The language of every alert, report and subject (ALERT_LANGUAGE). */
  readonly language: Language;
  /** Channels read in another language than `language` (ALERT_LANGUAGE's `channel:language`). */
  readonly channelLanguages?: Readonly<Partial<Record<ChannelName, Language>>>;
  /** IANA time zone that forecast times are shown in (TIME_ZONE). */
  readonly timeZone: string;
  /**
   * What the threshold, warnings and forecast apply to (ALLOWANCE_SCOPE): each instance's own
   * allowance, or the pooled allowance of its region and bundle, as AWS bills it.
   */
  readonly allowanceScope: AllowanceScope;
  readonly foresight: ForesightSettings;
}

export type AllowanceScope = 'instance' | 'pool';

/** What pace, forecast and stop ahead need to know about the metrics and the schedule. */
export interface ForesightSettings {
  /** How late Lightsail's network metrics land, in minutes (METRIC_DELAY_MINUTES). */
  readonly metricDelayMinutes: number;
  /** Minutes between two scheduled checks (CHECK_INTERVAL_MINUTES). */
  readonly checkIntervalMinutes: number;
  /** Stop a running instance that would pass the threshold before the next check (STOP_AHEAD). */
  readonly stopAhead: boolean;
  /**
   * BURST_MBPS: the speed, in megabits per second, an instance is assumed able to burst at unseen;
   * stop ahead keeps what it would move before the next check in reserve. 0: off.
   */
  readonly burstMbps: number;
}

/** A structured log event; the Lambda prints them as JSON lines, the CLI may ignore them. */
export type LogEvent = { readonly level: 'info' | 'warn' | 'error'; readonly msg: string } & Record<
  string,
  unknown
>;

/**
 * One AWS account a run checks (ACCOUNTS): its fleet, whose instances carry `account`, or why it
 * cannot be checked at all (its role could not be assumed). Never an empty fleet in its place.
 */
export type AccountFleet =
  | { readonly account: AccountRef; readonly fleet: Fleet }
  | { readonly account: AccountRef; readonly failure: string };

export interface RunDependencies {
  /** The guard's own account; with `accounts`, not used (`accounts` holds it too, named by its id). */
  readonly fleet: Fleet;
  /**
   * With ACCOUNTS: every account to check, the guard's own included, found at the start of each run
   * (roles assumed, or their credentials reused) within the reads' time.
   */
  readonly accounts?: (signal?: AbortSignal) => Promise<readonly AccountFleet[]>;
  /** Where alerts and reports go; at least one for `check` and `report` unless it is a dry run. */
  readonly channels: readonly Channel[];
  /** The billing clock: which month it is and how far into it. */
  readonly now: () => Date;
  readonly log?: (event: LogEvent) => void;
  /** When Lightsail work and state writes must end; without one the run is unbounded (tests). */
  readonly deadline?: RunDeadline;
}

/** A message of this run: `sent`, `failed` (with the error), or `dry-run` (composed, not sent). */
export interface MessageResult {
  /** The channel's name; a dry run's messages name every channel they would go to. */
  readonly channel: string;
  readonly subject: string;
  /** The body as the channel got it: HTML for Telegram (and a dry run), plain text elsewhere. */
  readonly text: string;
  readonly status: 'sent' | 'failed' | 'dry-run';
  readonly error?: string;
}

/** A region whose instances could not be listed, and why. */
export interface RegionError {
  readonly region: string;
  readonly error: string;
  /** The account the region belongs to, when several are checked. */
  readonly account?: AccountRef;
}

/** Everything a run did: the rows, what was sent, and each problem that makes the exit code 1. */
export interface RunResult {
  readonly command: Command;
  readonly dryRun: boolean;
  readonly checkedAt: Date;
  readonly month: BillingMonth;
  readonly regions: readonly string[];
  readonly regionErrors: readonly RegionError[];
  readonly rows: readonly ReportRow[];
  /** Pools of two or more instances (region and bundle), judged together or only shown. */
  readonly pools: readonly PoolRow[];
  readonly missing: readonly string[];
  readonly messages: readonly MessageResult[];
  readonly problems: readonly string[];
}

/** How a stop went, beyond the action: what the alert and the problems must say about it. */
export interface StopReport {
  /** ISO time the stop was made (or attempted); the value of the write-ahead record. */
  readonly at: string;
  /** The write-ahead record was written before the stop, so the alert is owed until delivered. */
  readonly recorded: boolean;
  /** Why the write-ahead record could not be written; the instance was stopped all the same. */
  readonly recordError?: string;
  /** `StopInstance` was refused, but the instance was already stopping or stopped. */
  readonly alreadyStopping?: boolean;
  /** Why the stop failed: the instance is still running. */
  readonly error?: string;
  /** The billing month of the stop: the value of `lightsail-guard:stopped`. */
  readonly month: string;
}

/** How a new month's start went. */
export interface StartReport {
  /** The billing month the guard stopped the instance in. */
  readonly stoppedIn: string;
  /** Why the start failed: the instance is still stopped, and the next check tries again. */
  readonly error?: string;
  /** Started, but the stop record could not be cleared: a later stop by its owner might be undone. */
  readonly recordError?: string;
}

/** What happened to one instance, before alerts are sent. */
export interface InstanceOutcome {
  readonly instance: Instance;
  readonly allowance: Allowance;
  readonly assessment: Assessment | undefined;
  readonly action: InstanceAction;
  /** Present when a stop was attempted in this run. */
  readonly stop?: StopReport;
  /** Present when a start was attempted in this run. */
  readonly start?: StartReport;
  /** The instance's policy from its tags over the settings; absent only where no policy applied. */
  readonly policy?: InstancePolicy;
  /** The UTC day to record once the alert about malformed setting tags was delivered. */
  readonly badTagAlertDay?: string;
  /** A stop record found spent (the instance runs again) that could not be cleared. */
  readonly forgetError?: string;
  /** Why the instance's creation time was not trusted (and a full month's allowance was used). */
  readonly creationProblem?: string;
  /** Where it is heading this month; `null` when that cannot be told (see `forecastInstance`). */
  readonly forecast?: Forecast | null;
  /** How far a running instance's metrics reach, measured or assumed (`coverage.ts`). */
  readonly coverage?: Coverage;
  /** `ALLOWANCE_SCOPE=pool`: the pool it was judged in, with the pool's totals. */
  readonly pool?: PoolFigures;
}

/** A pool of two or more instances (region and bundle), judged together or only shown. */
export interface PoolOutcome {
  readonly key: string;
  readonly region: string;
  /** The account the pool is in, when several are checked: pools never span accounts. */
  readonly account?: AccountRef;
  readonly bundleId: string;
  readonly members: readonly InstanceOutcome[];
  /** `undefined` when a member was not read (a check reads only running instances). */
  readonly totals: PoolTotals | undefined;
  readonly forecast: Forecast | null;
  /** The pool's own alerts (warnings, forecast, kept running), owned by every member. */
  readonly due: readonly DueAlert[];
  /** Judged as one (`ALLOWANCE_SCOPE=pool`, every member read), not only shown. */
  readonly judged: boolean;
}
