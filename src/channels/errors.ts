/** Errors of the push adapters. Their messages never hold a URL or a secret (see `redact.ts`). */

/** The service answered and refused the message; sending it again unchanged would not help. */
export class ChannelRefusedError extends Error {
  override readonly name = 'ChannelRefusedError';
}

/**
 * The message could not be delivered in time: the network failed, requests timed out, or the
 * service kept answering 429 or 5xx until the time budget ran out.
 */
export class ChannelUnreachableError extends Error {
  override readonly name = 'ChannelUnreachableError';
  /** How many requests were made before giving up. */
  readonly attempts: number;

  constructor(message: string, attempts: number, options?: { cause?: unknown }) {
    super(message, options);
    this.attempts = attempts;
  }
}
