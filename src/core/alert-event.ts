import type { AllowanceUnit } from './allowance.js';
import type { Forecast } from './forecast.js';
import type { TagProblem } from './instance-policy.js';
import type { PoolFigures } from './pools.js';
import type { StopAhead } from './stop-ahead.js';
import type { AccountRef, Instance } from './types.js';

/** Traffic figures an alert quotes: the instance's own, or with `pool`, its pool's. */
export interface AlertFigures {
  readonly usedBytes: number | null;
  readonly allowanceBytes: number;
  readonly percent: number | null;
  /** `ALLOWANCE_SCOPE=pool`: the pool the figures belong to; the alert names it and its members. */
  readonly pool?: PoolFigures;
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
      /** Stopped under the threshold, because at its pace it would pass it before the next check. */
      readonly ahead?: StopAhead;
    } & AlertFigures)
  | ({ readonly kind: 'warn'; readonly instance: Instance; readonly level: number } & AlertFigures)
  | ({ readonly kind: 'kept-running'; readonly instance: Instance } & AlertFigures)
  /** The projected month end first reached 100% while usage is under the first warning level. */
  | ({ readonly kind: 'forecast'; readonly instance: Instance; readonly forecast: Forecast } & AlertFigures)
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
  | {
      readonly kind: 'region-failed';
      readonly region: string;
      readonly error: string;
      /** The account the region belongs to, when several are checked. */
      readonly account?: AccountRef;
    }
  /** A whole account could not be checked (its role not assumed, or every call refused). */
  | { readonly kind: 'account-failed'; readonly account: AccountRef; readonly error: string }
  | { readonly kind: 'regions-failed'; readonly error: string }
  | { readonly kind: 'missing'; readonly names: readonly string[] };

/** The alert event of one kind, e.g. `AlertOfKind<'warn'>`. */
export type AlertOfKind<K extends AlertEvent['kind']> = Extract<AlertEvent, { readonly kind: K }>;

export interface AlertTextContext {
  readonly unit: AllowanceUnit;
  readonly quotaPercent: number;
  readonly monthKey: string;
  /** IANA zone of the times an alert names (TIME_ZONE); default UTC. */
  readonly timeZone?: string;
  /**
   * Set in the month's last check interval (`resetBeforeNextCheck`): the allowance resets at this
   * time, before the next check, so no alert may promise what the next check does about this
   * month's usage ("it will be stopped at 95%", "the next check tries again").
   */
  readonly resetBeforeNextCheck?: Date;
}
