/** What the chat-bot and push adapters share: a title line above the text, and reading JSON answers. */

import { cutLine } from '../core/compose.js';
import type { ChannelFormat, OutgoingMessage } from '../core/ports.js';
import { type HttpAnswer, type Judge, statusVerdict, type Verdict } from './delivery.js';

/** The longest subject line a chat message starts with, in characters. */
export const TITLE_MAX_CHARS = 99;

/**
 * Room a channel's limit keeps for that line: 99 characters of up to 4 UTF-8 bytes each, and the
 * blank line after it. A channel packs its texts under its documented limit less this.
 */
export const TITLE_RESERVE_BYTES = 400;

/** The format of a service whose message is `titled`: plain text under its limit less the title's room. */
export function titledTextFormat(limitBytes: number): ChannelFormat {
  return { body: 'text', limit: limitBytes - TITLE_RESERVE_BYTES, measure: 'utf8' };
}

/**
 * The subject, then the text: a chat message that says what it is about in its first line, and
 * always holds "lightsail-guard" (every subject starts with it), the keyword to give a DingTalk or
 * Feishu bot whose security setting is "custom keywords".
 */
export function titled(message: OutgoingMessage): string {
  return `${cutLine(message.subject, TITLE_MAX_CHARS)}\n\n${message.text}`;
}

/** A JSON object answer, or `undefined` when the body is something else (a proxy's HTML page). */
export function jsonAnswer(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `code msg` of a service's error answer, for the error message. */
export function codeAndMessage(code: unknown, message: unknown): string {
  return `${String(code)}${typeof message === 'string' && message !== '' ? ` ${message}` : ''}`;
}

/**
 * How a service that answers HTTP 200 with a JSON code says what became of a message: the fields
 * it names the code and its message in, the code of success, the codes its documentation says are
 * worth a later try, and a few words for a person on a refusal whose code says more than its message.
 */
export interface CodeAnswer {
  /** The code's fields, first found wins (Feishu: `code`, or the older `StatusCode`); the first names it in reasons. */
  readonly codeFields: readonly [string, ...string[]];
  /** The message's fields, first found wins. */
  readonly messageFields: readonly string[];
  /** The code of a delivered message: 0 for most, 200 for Bark. */
  readonly success: number;
  /** Codes worth a later try (a throttle within the message's budget, "system busy"). */
  readonly retry?: readonly number[];
  /** Words added to a refusal's reason, by code. */
  readonly hints?: Readonly<Record<number, string>>;
}

const firstOf = (answer: Record<string, unknown>, fields: readonly string[]): unknown =>
  fields.map((field) => answer[field]).find((value) => value !== undefined && value !== null);

/**
 * The judge of a service that answers in a JSON code: the success code is delivered, a documented
 * retry code retried, any other code refused with the code and message named. A 429 or 5xx is judged
 * by its status whatever the body says (a gateway's 429 carries a code too), as is an answer
 * without a numeric code (a proxy's HTML page).
 */
export function codeJudge(spec: CodeAnswer): Judge {
  const [codeName] = spec.codeFields;
  return (http: HttpAnswer): Verdict => {
    const { status, body } = http;
    const answer = jsonAnswer(body);
    const code = answer === undefined ? undefined : firstOf(answer, spec.codeFields);
    if (answer === undefined || typeof code !== 'number' || status === 429 || status >= 500) {
      return statusVerdict(http);
    }
    if (code === spec.success) return { kind: 'delivered' };
    const reason = `${codeName} ${codeAndMessage(code, firstOf(answer, spec.messageFields))}`;
    if (spec.retry?.includes(code)) return { kind: 'retry', reason };
    const hint = spec.hints?.[code];
    return { kind: 'refused', reason: hint === undefined ? reason : `${reason} (${hint})` };
  };
}

/** Events that need their reader now: a stop, a failure, a usage no one can read. */
const URGENT: ReadonlySet<string> = new Set([
  'stop',
  'unknown',
  'region-failed',
  'regions-failed',
  'account-failed',
  'missing',
]);

/** Whether a message carries an urgent event: what a push service rings louder for (Bark, ntfy). */
export function isUrgent(message: OutgoingMessage): boolean {
  return message.events.some((event) => URGENT.has(event.kind));
}
