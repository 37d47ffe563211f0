/**
 * What a language offers the rest of the guard. Every message is built from one `Catalogue`: core
 * picks the message variant (`src/core/variants/`), the language's templates word it
 * (`templates.ts`), and an alert kind or variant added without words in every language fails to
 * compile, so no message can go out half-translated. Messages are Telegram's HTML subset (`<b>`,
 * `<code>`) with every dynamic value escaped; plain text is derived from it (`htmlToPlain`), so
 * each sentence is written once per language.
 */

import type { AlertEvent, AlertTextContext } from '../alert-event.js';
import { DEFAULT_TIME_ZONE } from '../display-time.js';
import type { ForecastDisplay, ForecastHeading } from '../forecast-text.js';
import type { OverageFigures } from '../overage.js';
import type {
  PoolRow,
  PoolShown,
  ReportCounts,
  ReportModel,
  ReportRow,
  ReportTextContext,
  StartsOnThe1st,
} from '../report-model.js';
import type { AccountRef } from '../types.js';
import { alertMessage } from '../variants/alert.js';
import { alertSubject, headline, testAlert } from '../variants/headline.js';
import {
  heading,
  overage,
  poolLine,
  regionFailure,
  reportLine,
  reportSubject,
  reportSummary,
  rowNote,
  startsOnThe1st,
} from '../variants/report.js';
import { type SmsText, smsAlert, smsAlerts, smsReport, smsTestAlert } from '../variants/sms.js';
import { renderer, type SmsTemplates, type Templates, type Variant } from './templates.js';

/** The languages of `ALERT_LANGUAGE`, as BCP 47 tags. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The report's sentences. */
export interface ReportCatalogue {
  /** The subject line, plain text. */
  subject(model: ReportModel, counts: ReportCounts, context: ReportTextContext): string;
  /** The first lines of the first message (HTML). */
  summary(model: ReportModel, counts: ReportCounts, context: ReportTextContext): string;
  /** A region whose instances could not be listed (HTML); `account`: its account, when several are checked. */
  regionFailure(region: string, error: string, account?: AccountRef): string;
  /** One instance's line after its marker (HTML), with its `note`. */
  line(row: ReportRow, note: string, context: ReportTextContext): string;
  /**
   * The action column (plain text): what happened, why a value is missing, what is pro-rated, what
   * an overage may cost and, given `display`, where the instance is heading.
   */
  note(row: ReportRow, display?: ForecastDisplay): string;
  /** The month's last report: what the first check of next month starts (HTML). */
  startsOnThe1st(instances: readonly StartsOnThe1st[]): string;
  /** What the traffic past the allowance may cost (plain text). */
  overage(figures: OverageFigures): string;
  /** Where an instance is heading this month (plain text): "on pace for 128% by 30 Nov; ...". */
  heading(heading: ForecastHeading): string;
  /** One pool on one line (HTML): its usage as `shown` says, and where it is heading. */
  poolLine(pool: PoolRow, shown: PoolShown, context: ReportTextContext, heading?: ForecastHeading): string;
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
  alert(event: AlertEvent): string;
  /** The text of a message holding `total` alerts that names the first of them (`shown`, in order). */
  alerts(shown: readonly string[], total: number): string;
  /** The test message: plainly a test, and what its arrival proves. */
  testAlert(now: Date, timeZone?: string): string;
  /** The daily report in one line: its date and counts (a subscription filter keeps it off phones). */
  report(model: ReportModel, counts: ReportCounts, context: ReportTextContext): string;
}

export interface Catalogue {
  readonly language: Language;
  /** The alert as HTML: what happened, to which instance, with the figures. */
  alert(event: AlertEvent, context: AlertTextContext): string;
  /** A few words naming the alert, for a subject line (plain text). */
  headline(event: AlertEvent): string;
  /** The subject of a message whose first alert reads `first`, with `more` alerts after it. */
  alertSubject(first: string, more: number): string;
  /** " (1/2)" after the subject of a message that is one part of several. */
  part(index: number, total: number): string;
  /**
   * The message of `test-alert` (HTML): plainly a test, what its arrival proves, when it was sent.
   * `chat` where the reader sits in a chat (Telegram, the chat bots), `here` elsewhere (email, a push).
   */
  testAlert(now: Date, place: 'chat' | 'here', timeZone?: string): string;
  readonly testAlertSubject: string;
  readonly report: ReportCatalogue;
  readonly sms: SmsCatalogue;
}

/** A language's catalogue: core's choice of variant, in the words of `templates` and `sms`. */
export function catalogueOf(language: Language, templates: Templates, sms: SmsTemplates): Catalogue {
  const say = renderer<Variant>(templates);
  const text = renderer<SmsText>(sms);
  return {
    language,
    alert: (event, context) => say(alertMessage(event, context)),
    headline: (event) => say(headline(event)),
    alertSubject: (first, more) => say(alertSubject(first, more)),
    part: (index, total) => say({ kind: 'part', index, total }),
    testAlert: (now, place, timeZone = DEFAULT_TIME_ZONE) => say(testAlert(now, place, timeZone)),
    testAlertSubject: say({ kind: 'test-alert-subject' }),
    report: {
      subject: (model, counts, context) => say(reportSubject(model, counts, context)),
      summary: (model, counts, context) => say(reportSummary(model, counts, context)),
      regionFailure: (region, error, account) => say(regionFailure(region, error, account)),
      line: (row, note, context) => say(reportLine(row, note, context)),
      note: (row, display) => say(rowNote(row, display)),
      startsOnThe1st: (instances) => say(startsOnThe1st(instances)),
      overage: (figures) => say(overage(figures)),
      heading: (h) => say(heading(h)),
      poolLine: (pool, shown, context, where) => say(poolLine(pool, shown, context, where)),
      poolsTitle: say({ kind: 'pools-title' }),
    },
    sms: {
      alert: (event) => text(smsAlert(event)),
      alerts: (shown, total) => text(smsAlerts(shown, total)),
      testAlert: (now, timeZone = DEFAULT_TIME_ZONE) => text(smsTestAlert(now, timeZone)),
      report: (model, counts, context) => text(smsReport(model, counts, context)),
    },
  };
}
