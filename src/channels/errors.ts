/**
 * The two ways a send fails, for every channel: the service answered and refused the message, or
 * it could not be reached in time. Their messages never hold a URL or a secret (see `redact.ts`).
 * Telegram's errors refine them with its `error_code` and `description` (`src/telegram/errors.ts`).
 */

/** The service answered and refused the message; sending it again unchanged would not help. */
export class ChannelRefusedError extends Error {
  override readonly name: string = 'ChannelRefusedError';
}

/**
 * The message could not be delivered in time: the network failed, requests timed out, or the
 * service kept answering 429 or 5xx until the time budget ran out. `cause`, when set, is the last
 * failure, redacted.
 */
export class ChannelUnreachableError extends Error {
  override readonly name: string = 'ChannelUnreachableError';
  /** How many requests were made before giving up. */
  readonly attempts: number;

  constructor(message: string, attempts: number, options?: { cause?: unknown }) {
    super(message, options);
    this.attempts = attempts;
  }
}
