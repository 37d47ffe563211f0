/**
 * The one Bot API client outside the alert loop (`createBotApiCall`, which the chat commands' bot
 * uses too), and the read-only calls `find-chat-id` makes with it: `getMe`, `getUpdates`,
 * `getWebhookInfo`. One attempt each, no retries: a person is waiting at the terminal and can run
 * it again. Nothing here changes the bot: no `offset` (which would confirm, and so delete, updates
 * another program may still want), no `allowed_updates` (which would change the bot's setting),
 * never `deleteWebhook`.
 */

import { DEFAULT_TELEGRAM_API_ROOT, ENV } from '../constants.js';
import { classifyAnswer, classifyFetchFailure, type FailureContext } from '../net/failure.js';
import { parseAnswer } from './answer.js';
import { redact, redactError, TelegramNetworkError, TelegramRefusedError } from './errors.js';

/** The bot, as `getMe` describes it. */
export interface BotIdentity {
  readonly id: number;
  readonly firstName: string;
  readonly username: string;
}

/** The bot's webhook, as `getWebhookInfo` describes it; `url` is empty when none is set. */
export interface WebhookInfo {
  readonly url: string;
  readonly pendingUpdateCount: number;
  readonly lastErrorMessage: string | undefined;
}

export interface TelegramBotApi {
  getMe(): Promise<BotIdentity>;
  /** The updates Telegram holds for the bot (up to 100, kept for 24 hours), as sent: unchecked. */
  getUpdates(): Promise<readonly unknown[]>;
  getWebhookInfo(): Promise<WebhookInfo>;
}

export interface BotApiOptions {
  readonly token: string;
  /** Default `https://api.telegram.org`; a trailing slash is ignored. */
  readonly apiRoot?: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Abort one request after this long. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** The environment, for the proxy settings a network failure's cure names. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Telegram answered `ok` with a `result` of another shape than the Bot API documents. */
export class TelegramAnswerError extends Error {
  override readonly name = 'TelegramAnswerError';
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One Bot API method called with its parameters; resolves to the answer's `result`. */
export type BotApiCall = (method: string, params?: Record<string, unknown>) => Promise<unknown>;

/**
 * The one way this code calls the Bot API outside the alert loop: a JSON POST, tried once, aborted
 * after `timeoutMs`. A failure to get an answer is a TelegramNetworkError that says whether the
 * time ran out; a refusal is a TelegramRefusedError with Telegram's code, description and any
 * `retry_after`. The URL holds the token, so every message and cause is redacted.
 */
export function createBotApiCall(options: BotApiOptions): BotApiCall {
  const { token } = options;
  const apiRoot = (options.apiRoot ?? DEFAULT_TELEGRAM_API_ROOT).replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const reach: FailureContext = {
    url: apiRoot,
    variable: ENV.telegramApiRoot,
    timeoutMs,
    ...(options.env === undefined ? {} : { env: options.env }),
  };

  return async function call(method, params = {}) {
    let response: Response;
    try {
      // The URL holds the token: it is built here and never put into an error or a log line.
      response = await doFetch(`${apiRoot}/bot${token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (thrown) {
      const cause = redactError(thrown, token);
      const failure = classifyFetchFailure(cause, reach);
      throw new TelegramNetworkError(
        `Telegram ${method} failed: ${failure.cause}`,
        { method, attempts: 1 },
        { cause, failure },
      );
    }
    const http = {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: await response.text(),
    };
    const foreign = classifyAnswer(http, 'Telegram', reach);
    if (foreign !== undefined) {
      throw new TelegramNetworkError(
        `Telegram ${method} failed: ${foreign.cause}`,
        { method, attempts: 1 },
        { failure: foreign },
      );
    }
    const answer = parseAnswer(http);
    if (!answer.ok) {
      throw new TelegramRefusedError({
        method,
        errorCode: answer.errorCode,
        description: redact(answer.description, token),
        ...(answer.retryAfter === undefined ? {} : { retryAfter: answer.retryAfter }),
      });
    }
    return answer.result;
  };
}

/** The Bot API calls find-chat-id needs, over `fetch`; every error and message is token-free. */
export function createBotApi(options: BotApiOptions): TelegramBotApi {
  const call = createBotApiCall(options);

  return {
    async getMe() {
      const result = (await call('getMe')) as Record<string, unknown> | undefined;
      if (typeof result?.id !== 'number') throw new TelegramAnswerError('getMe answered without a bot id');
      return { id: result.id, firstName: text(result.first_name), username: text(result.username) };
    },
    async getUpdates() {
      // timeout 0: a short poll that answers at once with what Telegram holds.
      const result = await call('getUpdates', { timeout: 0 });
      if (!Array.isArray(result)) throw new TelegramAnswerError('getUpdates answered without a list');
      return result;
    },
    async getWebhookInfo() {
      const result = (await call('getWebhookInfo')) as Record<string, unknown> | undefined;
      const pending = result?.pending_update_count;
      const lastError = result?.last_error_message;
      return {
        url: text(result?.url),
        pendingUpdateCount: typeof pending === 'number' ? pending : 0,
        lastErrorMessage: typeof lastError === 'string' ? lastError : undefined,
      };
    },
  };
}
