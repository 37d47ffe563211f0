import { DEFAULT_TELEGRAM_API_ROOT, ENV } from '../constants.js';
import { TELEGRAM_TEXT_LIMIT } from '../core/pack.js';
import type { Channel, Notifier } from '../core/ports.js';
import { type Environment, setting } from '../env.js';
import { ConfigError } from '../errors.js';
import { redact } from '../telegram/errors.js';
import { telegramHint } from '../telegram/hints.js';
import { createTelegramNotifier } from '../telegram/notifier.js';
import { validateBotToken, validateChatId } from '../telegram/validate.js';
import { defineChannel, type Missing, type Reader } from './descriptor.js';

const LABEL = 'Telegram';

/** The Telegram settings as given. */
export interface TelegramConfig {
  readonly token: string | undefined;
  /** SSM parameter holding the token (Lambda); used only when `token` is unset. */
  readonly tokenParameter: string | undefined;
  readonly chatId: string | undefined;
  readonly apiRoot: string;
}

/**
 * The Telegram settings as given, unchecked: only commands that send check them
 * ({@link checkTelegram}), so `status` and a dry run never refuse to run over a setting they do
 * not use. `find-chat-id` reads these alone, not the guard's other settings.
 */
export function parseTelegram(env: Environment): TelegramConfig {
  return Object.freeze({
    token: setting(env, ENV.telegramBotToken),
    tokenParameter: setting(env, ENV.telegramBotTokenParameter),
    chatId: setting(env, ENV.telegramChatId),
    apiRoot: (setting(env, ENV.telegramApiRoot) ?? DEFAULT_TELEGRAM_API_ROOT).replace(/\/+$/, ''),
  });
}

/**
 * Checks the shape of every Telegram setting that is set, and throws `ConfigError` naming the first
 * bad one; messages never repeat a token. Called by what sends (check, report, test-alert, the
 * Lambda) and, for the token and API root only, by find-chat-id.
 */
export function checkTelegram(
  telegram: TelegramConfig,
  parts: { readonly chatId: boolean } = { chatId: true },
): void {
  const { token, chatId, apiRoot } = telegram;
  if (token !== undefined) {
    const problem = validateBotToken(token);
    if (problem) throw new ConfigError(`${ENV.telegramBotToken}: ${problem}`);
  }
  if (parts.chatId && chatId !== undefined) {
    const problem = validateChatId(chatId);
    if (problem) throw new ConfigError(`${ENV.telegramChatId}: ${problem}`);
  }
  if (!/^https?:\/\/[^\s/]+/.test(apiRoot)) {
    // A URL pasted with a token in it must not reach the logs through this message.
    throw new ConfigError(
      `${ENV.telegramApiRoot} must be an http(s) URL such as ${DEFAULT_TELEGRAM_API_ROOT}; got "${redact(apiRoot, token ?? '')}".`,
    );
  }
}

/**
 * Telegram as a channel: the HTML form of each message through a `Notifier` (`sendMessage`),
 * packed under Telegram's 4,096 characters. The subject is not sent: the HTML's first line
 * already says it.
 */
export function telegramChannel(notifier: Notifier): Channel {
  return {
    name: 'telegram',
    label: LABEL,
    format: telegram.format,
    send: (message) => notifier.send(message.html),
  };
}

/**
 * What Telegram needs where it is read: the CLI sends with the token itself, the Lambda reads it
 * from the SSM parameter the stack names (a deployed function never holds the token).
 */
const token = (reader: Reader): Missing =>
  reader === 'cli'
    ? { variable: ENV.telegramBotToken }
    : {
        variable: ENV.telegramBotTokenParameter,
        note: 'the name of the SSM SecureString parameter that holds the bot token, e.g. /lightsail-guard/telegram-bot-token',
      };

const chat = (reader: Reader): Missing => ({
  variable: ENV.telegramChatId,
  note:
    reader === 'cli' ? 'lightsail-guard find-chat-id prints the chat id' : 'the chat that gets the alerts',
});

/**
 * `TELEGRAM_BOT_TOKEN` and `TELEGRAM_CHAT_ID` (on Lambda, `TELEGRAM_BOT_TOKEN_PARAMETER` in place
 * of the token). It is in use once the chat id or the token is set; the stack's token parameter
 * alone, which it always sets, is not.
 */
export const telegram = defineChannel({
  name: 'telegram',
  label: LABEL,
  place: 'chat',
  format: { body: 'html', limit: TELEGRAM_TEXT_LIMIT, measure: 'chars' },
  variables: [ENV.telegramBotToken, ENV.telegramChatId],
  endpoint: ENV.telegramApiRoot,
  // The token has its own SSM parameter; the chat id is no secret.
  secrets: [],
  parse(env) {
    const settings = parseTelegram(env);
    return settings.token === undefined && settings.chatId === undefined ? undefined : settings;
  },
  check: (settings) => checkTelegram(settings),
  needs: (reader) => [token(reader), chat(reader)],
  missing: (settings, reader) => {
    const tokenFound = reader === 'cli' ? settings.token : (settings.token ?? settings.tokenParameter);
    const cliOnly =
      reader === 'cli' && settings.tokenParameter !== undefined
        ? { note: `${ENV.telegramBotTokenParameter} is read by the Lambda only` }
        : {};
    return [
      ...(tokenFound === undefined ? [{ ...token(reader), ...cliOnly }] : []),
      ...(settings.chatId === undefined ? [chat(reader)] : []),
    ];
  },
  destination: (settings) => `chat ${settings.chatId ?? '(unset)'}`,
  build(settings, run) {
    const botToken = run.telegramToken ?? settings.token;
    if (botToken === undefined) return undefined;
    return telegramChannel(
      createTelegramNotifier({
        ...run,
        token: botToken,
        chatId: settings.chatId ?? '',
        apiRoot: settings.apiRoot,
      }),
    );
  },
  hint: telegramHint,
});
