/**
 * The ways alerts leave the guard, as a list: Telegram today; another channel (e-mail, a webhook,
 * ...) is one more entry with its own variables, destination and hints, and `test-alert` tries
 * them all.
 */

import { checkTelegram, type Environment, parseTelegram, type TelegramConfig } from './config.js';
import { ENV } from './constants.js';
import type { Notifier } from './core/ports.js';
import { telegramHint } from './telegram/hints.js';

/** One way alerts can go out, as configured (or not) in the environment. */
export interface AlertChannel {
  readonly name: string;
  /** The variables that configure it, in the order a person sets them. */
  readonly variables: readonly string[];
  /** Those of `variables` still unset: all of them, the channel is not in use; some, it is incomplete. */
  readonly missing: readonly string[];
  /** Where its messages go, safe to print (never a secret), e.g. `chat -1001234567890`. */
  readonly destination: string;
  /** Sends one message and resolves once it arrived; only for a channel with nothing missing. */
  send(text: string): Promise<void>;
  /** What a person can do about a failed send, when the channel knows. */
  hint(error: unknown): string | undefined;
}

/** How to build each channel's sender: given by the entry point, which owns the clients. */
export interface ChannelBuilders {
  readonly telegram: (telegram: TelegramConfig, token: string) => Notifier;
}

/** Whether a channel is in use at all: a channel with nothing set is simply not configured. */
export const isConfigured = (channel: AlertChannel): boolean =>
  channel.missing.length < channel.variables.length;

function telegramChannel(env: Environment, build: ChannelBuilders['telegram']): AlertChannel {
  const telegram = parseTelegram(env);
  const variables = [ENV.telegramBotToken, ENV.telegramChatId];
  // The CLI sends with the token itself; TELEGRAM_BOT_TOKEN_PARAMETER is the Lambda's.
  const missing = [
    ...(telegram.token === undefined ? [ENV.telegramBotToken] : []),
    ...(telegram.chatId === undefined ? [ENV.telegramChatId] : []),
  ];
  // A channel in use must be well formed before anything is sent through any channel.
  if (missing.length < variables.length) checkTelegram(telegram);
  return {
    name: 'Telegram',
    variables,
    missing,
    destination: `chat ${telegram.chatId ?? '(unset)'}`,
    send: (text) => {
      if (telegram.token === undefined) return Promise.reject(new Error('Telegram is not configured'));
      return build(telegram, telegram.token).send(text);
    },
    hint: telegramHint,
  };
}

/**
 * Every alert channel, configured or not, read from the environment. Throws `ConfigError` when a
 * channel in use has a malformed setting.
 */
export function alertChannels(env: Environment, build: ChannelBuilders): readonly AlertChannel[] {
  return [telegramChannel(env, build.telegram)];
}
