/** A failure the fake plays instead of answering normally, `times` requests in a row (default 1). */
export type TelegramFault =
  | { kind: 'rate-limit'; retryAfter: number; times?: number }
  | { kind: 'server-error'; status?: number; times?: number }
  /** Accept the request and never answer, so the client's timeout has to fire. */
  | { kind: 'hang'; times?: number }
  /** Destroy the socket without an answer, as a dropped connection does. */
  | { kind: 'reset'; times?: number };

/** Faults in the order they were injected; each is used up after `times` requests. */
export class FaultQueue {
  private readonly pending: { fault: TelegramFault; left: number }[] = [];

  add(fault: TelegramFault): void {
    this.pending.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The fault to play for the next request, if any. */
  take(): TelegramFault | undefined {
    const head = this.pending[0];
    if (head === undefined) return undefined;
    head.left--;
    if (head.left <= 0) this.pending.shift();
    return head.fault;
  }
}
