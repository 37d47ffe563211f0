import { setTimeout as delay } from 'node:timers/promises';
import { backoffMs } from '../channels/delivery.js';
import { DEFAULT_TELEGRAM_API_ROOT } from '../constants.js';
import type { Notifier } from '../core/ports.js';
import { readAnswer } from './answer.js';
import { redact, redactError, TelegramNetworkError, TelegramRefusedError } from './errors.js';

/** Settings of the Telegram notifier. Everything but the token and the chat has a default. */
export interface TelegramNotifierOptions {
  token: string;
  chatId: string;
  /** Default `https://api.telegram.org`; a trailing slash is ignored. Tests point it at the fake. */
  apiRoot?: string;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Clock for the time budget, in milliseconds. */
  now?: () => number;
  /** Give up on one message once this much time has gone, counting waits. Default 60 000 ms. */
  maxTotalMs?: number;
  /**
   * Time (on the `now` clock) by which every send must have ended, whatever is left of
   * `maxTotalMs`: a Lambda run sets it from its remaining time, so that an outage cannot spend
   * the whole timeout on one batch of alerts and leave no time to record what was not delivered.
   */
  deadline?: number;
  /** Abort a single request after this long. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** Source of jitter in [0, 1); injected so tests can pin the backoff. Default `Math.random`. */
  random?: () => number;
  /** Called before each wait, so callers can log retries. `reason` never holds the token. */
  onRetry?: (info: { attempt: number; waitMs: number; reason: string }) => void;
}

const METHOD = 'sendMessage';

type Outcome =
  | { kind: 'delivered' }
  | { kind: 'refused'; error: TelegramRefusedError }
  | { kind: 'retry'; reason: string; cause: Error; waitMs: number | undefined };

/**
 * A `Notifier` that sends HTML messages through the Bot API `sendMessage`. It waits as told on
 * 429, backs off on 5xx and network failures, fails at once on any other refusal, and never spends
 * more than `maxTotalMs` on one message, so a scheduled run always finishes.
 */
export function createTelegramNotifier(options: TelegramNotifierOptions): Notifier {
  const { token } = options;
  const apiRoot = (options.apiRoot ?? DEFAULT_TELEGRAM_API_ROOT).replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxTotalMs = options.maxTotalMs ?? 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  // The only place the URL exists; it is never put into an error or a log line.
  const url = `${apiRoot}/bot${token}/${METHOD}`;

  async function attempt(body: string, timeoutMs: number): Promise<Outcome> {
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await readAnswer(response);
      if (answer.ok) return { kind: 'delivered' };
      const error = new TelegramRefusedError({
        method: METHOD,
        errorCode: answer.errorCode,
        description: redact(answer.description, token),
        ...(answer.retryAfter === undefined ? {} : { retryAfter: answer.retryAfter }),
      });
      // 429 is Telegram's flood control, to be repeated after `parameters.retry_after` seconds (Bot
      // API, core.telegram.org/bots/api#responseparameters, and Bots FAQ, "My bot is hitting
      // limits"); 5xx is Telegram's own failure. Any other error code is a refusal.
      const retryable = answer.errorCode === 429 || answer.errorCode >= 500 || response.status >= 500;
      if (!retryable) return { kind: 'refused', error };
      const waitMs =
        answer.errorCode === 429 && answer.retryAfter !== undefined ? answer.retryAfter * 1000 : undefined;
      return { kind: 'retry', reason: `${error.errorCode} ${error.description}`, cause: error, waitMs };
    } catch (thrown) {
      const cause = redactError(thrown, token);
      const timedOut = cause.name === 'TimeoutError' || cause.name === 'AbortError';
      const reason = timedOut
        ? `no answer within ${timeoutMs} ms`
        : `network error: ${innermostDetail(cause)}`;
      return { kind: 'retry', reason, cause, waitMs: undefined };
    }
  }

  return {
    async send(text: string): Promise<void> {
      const body = JSON.stringify({
        chat_id: options.chatId,
        text,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      });
      const started = now();
      const budgetMs = Math.min(maxTotalMs, (options.deadline ?? Number.POSITIVE_INFINITY) - started);
      if (budgetMs <= 0) {
        throw new TelegramNetworkError(`Telegram ${METHOD} not attempted: no time left in this run`, {
          method: METHOD,
          attempts: 0,
        });
      }
      for (let attempts = 1; ; attempts++) {
        const remaining = budgetMs - (now() - started);
        // Whole milliseconds: a deadline may be fractional, and AbortSignal.timeout refuses fractions.
        const outcome = await attempt(body, Math.max(1, Math.floor(Math.min(requestTimeoutMs, remaining))));
        if (outcome.kind === 'delivered') return;
        if (outcome.kind === 'refused') throw outcome.error;
        const waitMs = outcome.waitMs ?? backoffMs(attempts, random);
        const elapsed = now() - started;
        // Never start a wait that ends past the budget: a run that must stop instances cannot hang here.
        if (elapsed + waitMs >= budgetMs) {
          throw new TelegramNetworkError(
            `Telegram ${METHOD} failed: gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} ` +
              `in ${elapsed} ms (budget ${budgetMs} ms, next wait ${waitMs} ms); last: ${outcome.reason}`,
            { method: METHOD, attempts },
            { cause: outcome.cause },
          );
        }
        options.onRetry?.({ attempt: attempts, waitMs, reason: outcome.reason });
        await sleep(waitMs);
      }
    },
  };
}

/** The innermost useful detail of a (redacted) fetch failure, e.g. `other side closed (UND_ERR_SOCKET)`. */
function innermostDetail(error: Error): string {
  let innermost: Error = error;
  while (innermost.cause instanceof Error) innermost = innermost.cause;
  const code = (innermost as { code?: unknown }).code;
  return typeof code === 'string' && !innermost.message.includes(code)
    ? `${innermost.message} (${code})`
    : innermost.message;
}
