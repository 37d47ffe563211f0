/**
 * Errors of the Telegram adapter. Every request URL holds the bot token, so nothing here may
 * carry a URL or a raw error from `fetch`: messages, stacks and causes all pass through `redact`.
 */

import { ChannelRefusedError, ChannelUnreachableError } from '../channels/errors.js';
import { redactedError } from '../channels/redact.js';
import type { NetworkFailure } from '../net/failure.js';
import { TOKEN_IN_TEXT } from './token-shape.js';

const REDACTED = '<redacted>';

/**
 * Replaces the token, and anything shaped like a bot token (so a token other than ours is hidden
 * too), with `<redacted>`.
 */
export function redact(text: string, token: string): string {
  const withoutOurs = token.length > 0 ? text.split(token).join(REDACTED) : text;
  return withoutOurs.replace(TOKEN_IN_TEXT, REDACTED);
}

/**
 * Rebuilds an error (and its `cause` chain) with every message and stack redacted, so it can be
 * passed on as a `cause` without leaking the token that undici may have put in it.
 */
export function redactError(error: unknown, token: string): Error {
  return redactedError(error, (text) => redact(text, token));
}

/**
 * Telegram answered and refused the request. Thrown at once for a 4xx other than 429; a 429 or 5xx
 * that is still failing when the time budget runs out becomes the `cause` of a TelegramNetworkError.
 */
export class TelegramRefusedError extends ChannelRefusedError {
  override readonly name: string = 'TelegramRefusedError';
  /** `error_code` from Telegram's answer, or the HTTP status when the body was not Telegram's JSON. */
  readonly errorCode: number;
  /** `description` from Telegram's answer, e.g. `Bad Request: chat not found`. */
  readonly description: string;
  /** The Bot API method that was refused, e.g. `sendMessage`. */
  readonly method: string;
  /** Seconds Telegram asked to wait (429 only). */
  readonly retryAfter: number | undefined;

  constructor(
    init: { method: string; errorCode: number; description: string; retryAfter?: number },
    options?: { cause?: unknown },
  ) {
    super(`Telegram refused ${init.method}: ${init.errorCode} ${init.description}`, options);
    this.method = init.method;
    this.errorCode = init.errorCode;
    this.description = init.description;
    this.retryAfter = init.retryAfter;
  }
}

/**
 * The message could not be delivered in time: the network failed, a request timed out, or every
 * retry within the budget failed. `cause` is the last failure, redacted.
 */
export class TelegramNetworkError extends ChannelUnreachableError {
  override readonly name: string = 'TelegramNetworkError';
  /** The Bot API method that was attempted. */
  readonly method: string;

  constructor(
    message: string,
    init: { method: string; attempts: number },
    options?: { readonly cause?: unknown; readonly failure?: NetworkFailure | undefined },
  ) {
    super(message, init.attempts, options);
    this.method = init.method;
  }
}
