/**
 * The short text an SMS subscriber gets instead of the full message. Amazon SNS sends at most
 * 1,600 characters for one SMS publish, in segments of 160 GSM-7 or 70 UCS-2 characters, each
 * billed: a message packed for email (up to 256 KB) would reach a phone cut, or not at all, while
 * Publish still succeeds and the alert counts as delivered. So SMS gets its own text, built from
 * the same alerts: one alert in one or two segments, a flood as one summary that names as many as
 * fit and counts the rest.
 */

import { type AlertEvent, type AlertTextContext, alertSmsLine } from './alerts.js';
import type { Catalogue } from './i18n/catalogue.js';
import { reportCounts } from './report.js';
import type { ReportModel, ReportTextContext } from './report-model.js';

/**
 * The most one SMS publish may carry. Counted in UTF-16 code units, which is what a UCS-2 segment
 * counts (an emoji takes two) and never less than the characters of a GSM-7 text.
 */
export const SMS_MAX_CHARS = 1_600;

/** Where a text too long for one SMS was cut: ASCII, so that a GSM-7 text stays GSM-7. */
const CUT = '...';

/** `text`, or its start cut with `...` at a character boundary when it is longer than one SMS. */
export function fitSms(text: string): string {
  if (text.length <= SMS_MAX_CHARS) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > SMS_MAX_CHARS - CUT.length) break;
    kept += char;
  }
  return `${kept.trimEnd()}${CUT}`;
}

/**
 * The longest text `write(shown)` makes, over the first `shown` of `lines`, that fits one SMS: as
 * many lines named as fit, the rest left for `write` to count. One line is always named (cut when
 * it alone is too long), so the reader learns the most urgent one.
 */
function mostThatFit(lines: readonly string[], write: (shown: readonly string[]) => string): string {
  let best = fitSms(write(lines.slice(0, 1)));
  let named = 0;
  for (let shown = 1; shown <= lines.length; shown++) {
    named += lines[shown - 1]?.length ?? 0;
    // The lines alone no longer fit: no text naming more of them can.
    if (named > SMS_MAX_CHARS) break;
    const text = write(lines.slice(0, shown));
    if (text.length <= SMS_MAX_CHARS) best = text;
  }
  return best;
}

/** The SMS of a message holding these alerts, in the order given (most urgent first). */
export function smsOfAlerts(
  events: readonly AlertEvent[],
  context: AlertTextContext,
  catalogue: Catalogue,
): string {
  const lines = events.map((event) => alertSmsLine(event, context, catalogue));
  return mostThatFit(lines, (shown) => catalogue.sms.alerts(shown, events.length));
}

/** The SMS of the daily report: its date and counts. */
export function smsOfReport(model: ReportModel, context: ReportTextContext, catalogue: Catalogue): string {
  return fitSms(catalogue.sms.report(model, reportCounts(model, context.quotaPercent), context));
}

/** The SMS of `test-alert`. */
export function smsOfTestAlert(now: Date, catalogue: Catalogue, timeZone?: string): string {
  return fitSms(catalogue.sms.testAlert(now, timeZone));
}
