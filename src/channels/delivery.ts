import { setTimeout as delay } from 'node:timers/promises';
import { classifyAnswer, classifyFetchFailure, type NetworkFailure, type Reach } from '../net/failure.js';
import { ChannelRefusedError, ChannelUnreachableError } from './errors.js';
import { redactedError, redactSecrets } from './redact.js';

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
  /** The setting that says where requests go and the proxy settings, named when the network fails. */
  readonly reach?: Reach;
}

/** One retry, as logged: which channel, which attempt failed, how long until the next, and why. */
export interface RetryInfo {
  readonly channel: string;
  readonly attempt: number;
  readonly waitMs: number;
  readonly reason: string;
  /** How long the message may still take once this wait is over: when the loop gives up at the latest. */
  readonly leftMs: number;
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

/** A POST of `payload` as JSON, the way most services take their messages; `headers` adds to it. */
export function jsonPost(
  url: string,
  payload: Readonly<Record<string, unknown>>,
  headers: Readonly<Record<string, string>> = {},
): HttpRequest {
  return {
    url,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(payload),
  };
}

/** A service's answer to one request, read whole: what a channel judges. */
export interface HttpAnswer {
  readonly status: number;
  /** The HTTP reason phrase, e.g. `Bad Gateway` (empty over HTTP/2). */
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: string;
}

/** How a channel reads an answer: delivered, refused for good, or worth another try. */
export type Judge = (answer: HttpAnswer) => Verdict;

/** What an answer means: delivered, refused for good, or worth another try (after `waitMs`). */
export type Verdict =
  | { readonly kind: 'delivered' }
  | {
      readonly kind: 'refused';
      readonly reason: string;
      /** The channel's own error for it (Telegram's, with its code); else a `ChannelRefusedError`. */
      readonly error?: ChannelRefusedError;
    }
  | {
      readonly kind: 'retry';
      readonly reason: string;
      /** How long the service asked to wait (`Retry-After`, `retry_after`); else backoff. */
      readonly waitMs?: number;
      /** What failed, kept as the give-up error's `cause`. */
      readonly cause?: Error;
      /** The network's failure, classified; `retry: false` ends the loop at once. */
      readonly failure?: NetworkFailure;
    };

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
export function statusVerdict(answer: Pick<HttpAnswer, 'status' | 'body' | 'headers'>): Verdict {
  const { status, body } = answer;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const reason = `HTTP ${status}${body.trim() ? `: ${excerpt(body)}` : ''}`;
  if (status === 429) {
    const waitMs = retryAfterMs(answer.headers.get('retry-after'));
    return waitMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, waitMs };
  }
  if (status >= 500) return { kind: 'retry', reason };
  return { kind: 'refused', reason };
}

/**
 * A wait in seconds, as `Retry-After` (RFC 9110 section 10.2.3, delay-seconds) or a JSON
 * `retry_after` gives it, in milliseconds; `undefined` for anything else (a date falls back to
 * backoff). Fractions are kept: Discord sends them.
 */
export function retryAfterMs(seconds: string | number | null | undefined): number | undefined {
  if (seconds === null || seconds === undefined || (typeof seconds === 'string' && seconds.trim() === '')) {
    return undefined;
  }
  const parsed = Number(seconds);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed * 1000 : undefined;
}

/** Who is sending, for the loop's errors and logs, and what they must never show. */
export interface Sender {
  /** The channel's label, e.g. `Feishu`. */
  readonly label: string;
  /** Hides every secret of the channel in a text (a URL's key, a token). */
  readonly hide: (text: string) => string;
  /** At least this long between two requests, where a service documents a rate limit. */
  readonly minIntervalMs?: number;
  /** The error when a message was not attempted (`why`); default `<label>: not attempted: <why>`. */
  readonly notAttempted?: (why: string) => ChannelUnreachableError;
  /**
   * The error on giving up (`summary`: attempts, time, last reason; `failure`: the network's, with
   * its cure); default `<label>: <summary>`.
   */
  readonly gaveUp?: (
    summary: string,
    attempts: number,
    cause: Error | undefined,
    failure: NetworkFailure | undefined,
  ) => ChannelUnreachableError;
}

/**
 * The one delivery loop of every HTTP channel: retries with backoff on network errors, timeouts
 * and whatever the channel's `judge` says is worth another try, waiting as long as the service
 * asked (`Retry-After`, `retry_after`); never a wait past the message's budget or the run's
 * deadline; at least `minIntervalMs` between two requests; every reason, log and error redacted.
 * A network failure is classified (`src/net/failure.ts`): one that cannot heal within the run (a
 * name that does not resolve, a refused certificate, a captive portal) ends the loop at once, and
 * the error carries its cure. A channel supplies only how to build a request and how to judge an
 * answer.
 */
export function createDelivery(sender: Sender, options: HttpOptions = {}) {
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxTotalMs = options.maxTotalMs ?? 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const minIntervalMs = sender.minIntervalMs ?? 0;
  const { label, hide } = sender;
  const notAttempted =
    sender.notAttempted ??
    ((why: string) => new ChannelUnreachableError(`${label}: not attempted: ${why}`, 0));
  const gaveUp =
    sender.gaveUp ??
    ((summary: string, attempts: number, cause: Error | undefined, failure: NetworkFailure | undefined) =>
      new ChannelUnreachableError(`${label}: ${summary}`, attempts, { cause, failure }));
  let lastRequestAt: number | undefined;

  async function attempt(request: HttpRequest, timeoutMs: number, judge: Judge): Promise<Verdict> {
    try {
      lastRequestAt = now();
      const response = await doFetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer: HttpAnswer = {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: await response.text(),
      };
      const foreign = classifyAnswer(answer, label, { ...options.reach, url: request.url });
      return foreign === undefined
        ? judge(answer)
        : { kind: 'retry', reason: foreign.cause, failure: foreign };
    } catch (thrown) {
      // fetch's errors may hold the URL, and with it the secret: only a redacted copy goes on.
      const cause = redactedError(thrown, hide);
      const failure = classifyFetchFailure(cause, { ...options.reach, url: request.url, timeoutMs });
      return { kind: 'retry', reason: failure.cause, cause, failure };
    }
  }

  /** Sends one message: resolves once delivered, throws a redacted error otherwise. */
  return async function deliver(build: () => HttpRequest, judge: Judge = statusVerdict): Promise<void> {
    const started = now();
    const budgetMs = Math.min(maxTotalMs, (options.deadline ?? Number.POSITIVE_INFINITY) - started);
    const pace = lastRequestAt === undefined ? 0 : Math.max(0, lastRequestAt + minIntervalMs - started);
    if (budgetMs <= pace) {
      throw notAttempted(pace > 0 ? 'its rate limit leaves no time in this run' : 'no time left in this run');
    }
    if (pace > 0) await sleep(pace);
    for (let attempts = 1; ; attempts++) {
      const remaining = budgetMs - (now() - started);
      // Whole milliseconds: a deadline may be fractional, and AbortSignal.timeout refuses fractions.
      const verdict = await attempt(
        build(),
        Math.max(1, Math.floor(Math.min(requestTimeoutMs, remaining))),
        judge,
      );
      if (verdict.kind === 'delivered') return;
      if (verdict.kind === 'refused') {
        throw (
          verdict.error ?? new ChannelRefusedError(`${label} refused the message: ${hide(verdict.reason)}`)
        );
      }
      const failure = verdict.failure && { ...verdict.failure, cure: hide(verdict.failure.cure) };
      if (failure?.retry === false) {
        throw gaveUp(`${hide(verdict.reason)}; not retried`, attempts, verdict.cause, failure);
      }
      const waitMs = Math.max(verdict.waitMs ?? backoffMs(attempts, random), minIntervalMs);
      const elapsed = now() - started;
      // Never start a wait that ends past the budget: a run that must record its stops cannot hang here.
      if (elapsed + waitMs >= budgetMs) {
        throw gaveUp(
          `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${elapsed} ms ` +
            `(budget ${budgetMs} ms, next wait ${waitMs} ms); last: ${hide(verdict.reason)}`,
          attempts,
          verdict.cause,
          failure,
        );
      }
      const leftMs = budgetMs - elapsed - waitMs;
      options.onRetry?.({ channel: label, attempt: attempts, waitMs, reason: hide(verdict.reason), leftMs });
      await sleep(waitMs);
    }
  };
}

/**
 * The one delivery loop for a channel whose secrets are its URL's parts and keys
 * (`urlSecrets`): the push services and the webhook.
 */
export function createPoster(
  label: string,
  secrets: readonly string[],
  options: HttpOptions & { readonly minIntervalMs?: number } = {},
) {
  const { minIntervalMs, ...http } = options;
  return createDelivery(
    {
      label,
      hide: (text) => redactSecrets(text, secrets),
      ...(minIntervalMs === undefined ? {} : { minIntervalMs }),
    },
    http,
  );
}
