/**
 * The ways alerts leave the guard. `configuredChannels` and `requireChannels`: which channels the
 * configuration sets up, and the rule every command that sends follows: at least one channel, and
 * no channel half set up (a chat id without a token would silently drop every Telegram alert).
 * `alertChannels`: the same channels as a list `test-alert` tries, each with the variables that
 * configure it and where its messages go.
 */

import {
  type Config,
  checkTelegram,
  type Environment,
  parseTelegram,
  type TelegramConfig,
} from './config.js';
import { ENV } from './constants.js';
import { CHANNEL_NAMES, type ChannelName, type Notifier } from './core/ports.js';
import { ConfigError } from './errors.js';
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

/**
 * What Telegram lacks, or `undefined` when it is not in use. It is set up by its chat id or its
 * token; the stack's token parameter alone is not.
 */
export function telegramMissing(config: Pick<Config, 'telegram'>): string[] | undefined {
  const { token, tokenParameter, chatId } = config.telegram;
  if (token === undefined && chatId === undefined) return undefined;
  return [
    ...(token === undefined && tokenParameter === undefined ? [ENV.telegramBotToken] : []),
    ...(chatId === undefined ? [ENV.telegramChatId] : []),
  ];
}

/** The channels the configuration sets up, in `CHANNEL_NAMES` order. */
export function configuredChannels(config: Config): ChannelName[] {
  const { channels } = config;
  const set: Readonly<Record<ChannelName, boolean>> = {
    telegram: telegramMissing(config) !== undefined,
    sns: channels.sns !== undefined,
    webhook: channels.webhook !== undefined,
    feishu: channels.feishu !== undefined,
    dingtalk: channels.dingtalk !== undefined,
    wecom: channels.wecom !== undefined,
    bark: channels.bark !== undefined,
    serverchan: channels.serverchan !== undefined,
  };
  return CHANNEL_NAMES.filter((name) => set[name]);
}

/** What a run that sends can use, as `--help` and errors list it. */
export const CHANNEL_SETTINGS = [
  `${ENV.telegramBotToken} and ${ENV.telegramChatId}`,
  ENV.snsTopicArn,
  ENV.webhookUrl,
  ENV.feishuWebhookUrl,
  ENV.dingtalkWebhookUrl,
  ENV.wecomWebhookUrl,
  ENV.barkUrl,
  ENV.serverchanSendkey,
].join(', ');

/**
 * A command that sends needs at least one channel, and every channel it has set up whole; throws a
 * `ConfigError` naming what is missing.
 */
export function requireChannels(config: Config, command: string): void {
  const missing = telegramMissing(config);
  // A channel in use must be well formed before anything is sent through any channel.
  if (missing !== undefined) checkTelegram(config.telegram);
  if (missing !== undefined && missing.length > 0) {
    const findChat = missing.includes(ENV.telegramChatId)
      ? ' (lightsail-guard find-chat-id prints the chat id)'
      : '';
    throw new ConfigError(
      `${command} sends Telegram messages and needs ${missing.join(' and ')}; set ${missing.length === 1 ? 'it' : 'them'}${findChat}, or use --dry-run to see what would be sent.`,
    );
  }
  if (configuredChannels(config).length === 0) {
    throw new ConfigError(
      `${command} sends alerts and needs a channel: ${CHANNEL_SETTINGS}; set one, or use --dry-run to see what would be sent.`,
    );
  }
}
