import { setTimeout as delay } from 'node:timers/promises';
import { ChannelRefusedError, ChannelUnreachableError } from './errors.js';
import { redactSecrets } from './redact.js';

/** What every HTTP push adapter takes; everything has a default, injected in tests. */
export interface HttpOptions {
  readonly fetch?: typeof globalThis.fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Clock for budgets and pacing, epoch milliseconds. */
  readonly now?: () => number;
  /** Source of jitter in [0, 1). */
  readonly random?: () => number;
  /** Epoch ms by which every send must have ended: the run's alert phase (`sendsEndAt`). */
  readonly deadline?: number;
  /** Give up on one message once this much time has gone, waits included. Default 60 000 ms. */
  readonly maxTotalMs?: number;
  /** Abort a single request after this long. Default 10 000 ms. */
  readonly requestTimeoutMs?: number;
  /** Called before each wait; `reason` never holds a secret. */
  readonly onRetry?: (info: RetryInfo) => void;
}

/** One retry, as logged: which channel, which attempt failed, how long until the next, and why. */
export interface RetryInfo {
  readonly channel: string;
  readonly attempt: number;
  readonly waitMs: number;
  readonly reason: string;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/**
 * Exponential backoff with "equal jitter": at least half the step, so retries never bunch up at
 * zero, and at most the step, so several guards hitting one outage spread out.
 */
export function backoffMs(attempt: number, random: () => number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** One request, built afresh for every attempt (a signature's timestamp must be current). */
export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A POST of `payload` as JSON, the way every push service but the signed webhook takes its messages. */
export function jsonPost(url: string, payload: Readonly<Record<string, unknown>>): HttpRequest {
  return {
    url,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(payload),
  };
}

/** What an answer means: delivered, refused for good, or worth another try (after `waitMs`). */
export type Verdict =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly waitMs?: number };

/** A short, single-line excerpt of an answer's body for an error message. */
export function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/**
 * The HTTP status's verdict: 2xx delivered; 429 (after `Retry-After` seconds, if given) and 5xx
 * retried; any other status refused. 429 "Too Many Requests" is RFC 6585 section 4, `Retry-After`
 * RFC 9110 section 10.2.3 (a date there falls back to backoff). Services that answer with an error
 * code in the body check that first and fall back to this.
 */
export function statusVerdict(status: number, body: string, retryAfter: string | null): Verdict {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const reason = `HTTP ${status}${body.trim() ? `: ${excerpt(body)}` : ''}`;
  if (status === 429) {
    const seconds = Number(retryAfter);
    return Number.isFinite(seconds) && seconds >= 0 && retryAfter !== null && retryAfter.trim() !== ''
      ? { kind: 'retry', reason, waitMs: seconds * 1000 }
      : { kind: 'retry', reason };
  }
  if (status >= 500) return { kind: 'retry', reason };
  return { kind: 'refused', reason };
}

/** The innermost useful detail of a fetch failure, e.g. `connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED)`. */
function innermostDetail(error: unknown): string {
  let innermost: unknown = error;
  while (innermost instanceof Error && innermost.cause instanceof Error) innermost = innermost.cause;
  if (!(innermost instanceof Error)) return String(innermost);
  const code = (innermost as { code?: unknown }).code;
  return typeof code === 'string' && !innermost.message.includes(code)
    ? `${innermost.message} (${code})`
    : innermost.message;
}

/**
 * POSTs for one channel, with the guard's delivery rules: retries with backoff on network errors,
 * timeouts, 429 and 5xx; never a wait past the message's budget or the run's deadline; at least
 * `minIntervalMs` between two requests where a service documents a rate limit; every error message
 * redacted of `secrets`.
 */
export function createPoster(
  label: string,
  secrets: readonly string[],
  options: HttpOptions & { readonly minIntervalMs?: number } = {},
) {
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxTotalMs = options.maxTotalMs ?? 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const minIntervalMs = options.minIntervalMs ?? 0;
  const hide = (text: string): string => redactSecrets(text, secrets);
  let lastRequestAt: number | undefined;

  async function attempt(
    request: HttpRequest,
    timeoutMs: number,
    judge: (status: number, body: string, retryAfter: string | null) => Verdict,
  ): Promise<Verdict> {
    try {
      lastRequestAt = now();
      const response = await doFetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await response.text();
      return judge(response.status, body, response.headers.get('retry-after'));
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const reason =
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : `network error: ${innermostDetail(error)}`;
      return { kind: 'retry', reason };
    }
  }

  /** Sends one message: resolves once delivered, throws a redacted error otherwise. */
  return async function post(
    build: () => HttpRequest,
    judge: (status: number, body: string, retryAfter: string | null) => Verdict = statusVerdict,
  ): Promise<void> {
    const started = now();
    const budgetMs = Math.min(maxTotalMs, (options.deadline ?? Number.POSITIVE_INFINITY) - started);
    const pace = lastRequestAt === undefined ? 0 : Math.max(0, lastRequestAt + minIntervalMs - started);
    if (budgetMs <= pace) {
      const why = pace > 0 ? `its rate limit leaves no time in this run` : `no time left in this run`;
      throw new ChannelUnreachableError(`${label}: not attempted: ${why}`, 0);
    }
    if (pace > 0) await sleep(pace);
    for (let attempts = 1; ; attempts++) {
      const remaining = budgetMs - (now() - started);
      // Whole milliseconds: AbortSignal.timeout refuses fractions.
      const verdict = await attempt(
        build(),
        Math.max(1, Math.floor(Math.min(requestTimeoutMs, remaining))),
        judge,
      );
      if (verdict.kind === 'delivered') return;
      if (verdict.kind === 'refused')
        throw new ChannelRefusedError(`${label} refused the message: ${hide(verdict.reason)}`);
      const waitMs = Math.max(verdict.waitMs ?? backoffMs(attempts, random), minIntervalMs);
      const elapsed = now() - started;
      // Never start a wait that ends past the budget: a run that must record its stops cannot hang here.
      if (elapsed + waitMs >= budgetMs) {
        throw new ChannelUnreachableError(
          `${label}: gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${elapsed} ms ` +
            `(budget ${budgetMs} ms, next wait ${waitMs} ms); last: ${hide(verdict.reason)}`,
          attempts,
        );
      }
      options.onRetry?.({ channel: label, attempt: attempts, waitMs, reason: hide(verdict.reason) });
      await sleep(waitMs);
    }
  };
}
