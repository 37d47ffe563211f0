import { createDelivery, type HttpAnswer, type HttpOptions, type Verdict } from '../channels/delivery.js';
import { DEFAULT_TELEGRAM_API_ROOT } from '../constants.js';
import type { Notifier } from '../core/ports.js';
import { parseAnswer } from './answer.js';
import { redact, TelegramNetworkError, TelegramRefusedError } from './errors.js';

/**
 * Settings of the Telegram notifier: the bot and the chat, and the delivery loop's options
 * (`fetch`, `sleep`, `now`, `random`, the budget and the run's `deadline`, injected in tests).
 */
export interface TelegramNotifierOptions extends HttpOptions {
  token: string;
  chatId: string;
  /** Default `https://api.telegram.org`; a trailing slash is ignored. Tests point it at the fake. */
  apiRoot?: string;
}

const METHOD = 'sendMessage';

/**
 * How Telegram's answer to `sendMessage` is judged. 429 is Telegram's flood control, to be repeated
 * after `parameters.retry_after` seconds (Bot API, core.telegram.org/bots/api#responseparameters,
 * and Bots FAQ, "My bot is hitting limits"); 5xx is Telegram's own failure. Any other error code is
 * a refusal, and so is a 200 without `ok: true` (a captive portal): better than a duplicate.
 */
function judge(http: HttpAnswer, token: string): Verdict {
  const answer = parseAnswer(http);
  if (answer.ok) return { kind: 'delivered' };
  const error = new TelegramRefusedError({
    method: METHOD,
    errorCode: answer.errorCode,
    description: redact(answer.description, token),
    ...(answer.retryAfter === undefined ? {} : { retryAfter: answer.retryAfter }),
  });
  const reason = `${error.errorCode} ${error.description}`;
  const retryable = answer.errorCode === 429 || answer.errorCode >= 500 || http.status >= 500;
  if (!retryable) return { kind: 'refused', reason, error };
  return answer.errorCode === 429 && answer.retryAfter !== undefined
    ? { kind: 'retry', reason, cause: error, waitMs: answer.retryAfter * 1000 }
    : { kind: 'retry', reason, cause: error };
}

/**
 * A `Notifier` that sends HTML messages through the Bot API `sendMessage`, over the delivery loop
 * every HTTP channel shares: it waits as told on 429, backs off on 5xx and network failures, fails
 * at once on any other refusal, and never spends more than `maxTotalMs` on one message, so a
 * scheduled run always finishes. Nothing it throws or logs holds the token.
 */
export function createTelegramNotifier(options: TelegramNotifierOptions): Notifier {
  const { token, chatId, apiRoot, ...http } = options;
  // The only place the URL exists; it is never put into an error or a log line.
  const url = `${(apiRoot ?? DEFAULT_TELEGRAM_API_ROOT).replace(/\/+$/, '')}/bot${token}/${METHOD}`;
  const deliver = createDelivery(
    {
      label: 'Telegram',
      hide: (text) => redact(text, token),
      notAttempted: (why) =>
        new TelegramNetworkError(`Telegram ${METHOD} not attempted: ${why}`, { method: METHOD, attempts: 0 }),
      gaveUp: (summary, attempts, cause, failure) =>
        new TelegramNetworkError(
          `Telegram ${METHOD} failed: ${summary}`,
          { method: METHOD, attempts },
          { cause, failure },
        ),
    },
    http,
  );
  return {
    send: (text) =>
      deliver(
        () => ({
          url,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            chat_id: chatId,
            text,
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
          }),
        }),
        (answer) => judge(answer, token),
      ),
  };
}
