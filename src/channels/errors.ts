import type { NetworkFailure } from '../net/failure.js';

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
  /** Why the network failed and what to check, when it did (see `src/net/failure.ts`). */
  readonly failure: NetworkFailure | undefined;

  constructor(
    message: string,
    attempts: number,
    options?: { readonly cause?: unknown; readonly failure?: NetworkFailure | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.attempts = attempts;
    this.failure = options?.failure;
  }
}

/** What to do about a failed send, when the network was the reason: the classified failure's cure. */
export function networkCure(error: unknown): string | undefined {
  return error instanceof ChannelUnreachableError ? error.failure?.cure : undefined;
}
