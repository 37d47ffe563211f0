/**
 * What a language must say. Every message the guard sends is built from one `Catalogue`: adding
 * an alert kind to `AlertEvent` or an action to `InstanceAction` fails to compile until every
 * catalogue says it, so no message can go out half-translated. Catalogues return Telegram's HTML
 * subset (`<b>`, `<code>`) with every dynamic value escaped; plain text is derived from it
 * (`htmlToPlain`), so each sentence is written once per language.
 */

import type { AlertEvent, AlertOfKind, AlertTextContext } from '../alert-event.js';
import type { ForecastHeading } from '../forecast-text.js';
import type {
  InstanceAction,
  NextMonth,
  PoolRow,
  PoolShown,
  ReportCounts,
  ReportModel,
  ReportRow,
  ReportTextContext,
  StopAction,
} from '../report-model.js';
import type { AccountRef } from '../types.js';

/** The languages of `ALERT_LANGUAGE`, as BCP 47 tags. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One function per alert kind. */
export type PerAlertKind<R> = {
  readonly [K in AlertEvent['kind']]: (event: AlertOfKind<K>, context: AlertTextContext) => R;
};

/** The report's sentences. */
export interface ReportCatalogue {
  /** The subject line, plain text; `part` when the report needed several messages. */
  subject(model: ReportModel, counts: ReportCounts, context: ReportTextContext): string;
  /** The first lines of the first message (HTML). */
  summary(model: ReportModel, counts: ReportCounts, context: ReportTextContext): string;
  /** A region whose instances could not be listed (HTML). */
  /** `account`: the region's account, when several are checked. */
  regionFailure(region: string, error: string, account?: AccountRef): string;
  /** One instance's line after its marker (HTML). */
  line(row: ReportRow, note: string, context: ReportTextContext): string;
  /** The action column: what was done; `none` is empty. */
  readonly actions: Readonly<Record<InstanceAction, string>>;
  /** The action column of a stop made (or due) ahead of the threshold. */
  readonly actionsAhead: Readonly<Record<StopAction, string>>;
  /** The same, when the reason was the burst reserve (BURST_MBPS) rather than the pace seen. */
  readonly actionsBurst: Readonly<Record<StopAction, string>>;
  /**
   * The action column of `over-threshold` when the allowance resets before the next check
   * (`ReportRow.resetBeforeNextCheck`): what it is, without the stop the reset makes moot; by reason.
   */
  readonly overAtReset: Readonly<Record<'threshold' | 'ahead' | 'burst', string>>;
  /** "the allowance resets at 1 Dec 00:00 UTC, before the next check" (plain text). */
  resetFirst(at: Date, timeZone: string): string;
  /** What the 1st brings an instance the guard stopped (RESTART_ON_NEW_MONTH). */
  readonly nextMonth: Readonly<Record<NextMonth, string>>;
  /** The month's last report: what the first check of next month starts (HTML). */
  startsOnThe1st(instances: readonly { readonly name: string; readonly region: string }[]): string;
  /** Why a value is missing, what is pro-rated, what an overage may cost (plain text). */
  unknownUsage(reason: string): string;
  proRated(sharePercent: string): string;
  /** The lower level a burst reserve (BURST_MBPS) stops a running instance at: "stops at 81.69%". */
  burstStop(percent: string): string;
  overage(figures: { readonly overGb: string; readonly price?: number; readonly costUsd?: string }): string;
  /** Joins the parts of the note column. */
  readonly noteSeparator: string;
  /** Where an instance is heading this month (plain text): "on pace for 128% by 30 Nov; ...". */
  heading(heading: ForecastHeading): string;
  /** A pool member's note (plain text): "in pool small_3_0 at 65.0%". */
  inPool(bundleId: string, percent: string): string;
  /**
   * One pool on one line (HTML): its usage as `shown` says (all of it, a floor, or not read), and
   * where it is heading when that adds something (plain text).
   */
  poolLine(pool: PoolRow, shown: PoolShown, context: ReportTextContext, heading: string | undefined): string;
  /** The terminal's heading over the pools under the table (plain text). */
  readonly poolsTitle: string;
}

/**
 * The short texts an SMS subscriber gets (`src/core/sms.ts` fits them into one SMS publish): plain
 * text without markup or emoji, so that English stays in the GSM-7 alphabet, 160 characters a
 * billed segment (one character outside it makes the whole text UCS-2, 70 a segment).
 */
export interface SmsCatalogue {
  /** One alert in a few words: what happened, to which instance, in which region, at what percent. */
  readonly alert: PerAlertKind<string>;
  /** The text of a message holding `total` alerts that names the first of them (`shown`, in order). */
  alerts(shown: readonly string[], total: number): string;
  /** The test message: plainly a test, and what its arrival proves. */
  testAlert(now: Date): string;
  /** The daily report in one line: its date and counts (a subscription filter keeps it off phones). */
  report(model: ReportModel, counts: ReportCounts, context: ReportTextContext): string;
}

export interface Catalogue {
  readonly language: Language;
  /** The alert as HTML: what happened, to which instance, with the figures. */
  readonly alert: PerAlertKind<string>;
  /** A few words naming the alert, for a subject line (plain text). */
  readonly headline: PerAlertKind<string>;
  /** The subject of a message whose first alert reads `first`, with `more` alerts after it. */
  alertSubject(first: string, more: number): string;
  /** " (1/2)" after the subject of a message that is one part of several. */
  part(index: number, total: number): string;
  /**
   * The message of `test-alert` (HTML): plainly a test, what its arrival proves, when it was sent.
   * `chat` where the reader sits in a chat (Telegram, the chat bots), `here` elsewhere (email, a push).
   */
  testAlert(now: Date, place: 'chat' | 'here'): string;
  readonly testAlertSubject: string;
  readonly report: ReportCatalogue;
  readonly sms: SmsCatalogue;
}
