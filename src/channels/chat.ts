/** What the chat-bot and push adapters share: a title line above the text, and reading JSON answers. */

import { cutLine } from '../core/compose.js';
import type { ChannelFormat, OutgoingMessage } from '../core/ports.js';

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
