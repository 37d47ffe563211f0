/**
 * The ways alerts leave the guard. `configuredChannels` and `requireChannels`: which channels the
 * configuration sets up, and the rule every command that sends follows: at least one channel, and
 * no channel half set up (a chat id without a token would silently drop every Telegram alert).
 * `alertChannels`: the same channels as a list `test-alert` tries, each with the variables that
 * configure it and where its messages go.
 */

import { type Config, checkTelegram, type Environment, parseTelegram } from './config.js';
import { parseChannelSettings } from './config-channels.js';
import { parseLanguages } from './config-language.js';
import { ENV } from './constants.js';
import type { Language } from './core/i18n/catalogue.js';
import {
  CHANNEL_LABELS,
  CHANNEL_NAMES,
  type Channel,
  type ChannelName,
  type OutgoingMessage,
} from './core/ports.js';
import { ConfigError } from './errors.js';
import { shownUrl } from './push/redact.js';
import { serverchanUrl } from './push/serverchan.js';
import { telegramHint } from './telegram/hints.js';

/**
 * The channel settings alone, and the languages they are written in: what `test-alert` reads, so
 * that a malformed guard setting it does not use (QUOTA_PERCENT, ...) never stops it.
 */
export type ChannelConfig = Pick<Config, 'telegram' | 'channels' | 'language' | 'channelLanguages'>;

/** Parses the channel settings alone; throws `ConfigError` naming a malformed one. */
export function parseChannelConfig(env: Environment): ChannelConfig {
  return Object.freeze({
    telegram: parseTelegram(env),
    channels: Object.freeze(parseChannelSettings(env)),
    ...parseLanguages(env),
  });
}

/** One way alerts can go out, as configured (or not) in the environment. */
export interface AlertChannel {
  readonly id: ChannelName;
  /** The name a person reads, e.g. `Amazon SNS`. */
  readonly name: string;
  /** The variables that configure it, in the order a person sets them (optional secrets not counted). */
  readonly variables: readonly string[];
  /** Those of `variables` still unset: all of them, the channel is not in use; some, it is incomplete. */
  readonly missing: readonly string[];
  /** Where its messages go, safe to print (never a secret), e.g. `chat -1001234567890`. */
  readonly destination: string;
  /** The language its messages are written in. */
  readonly language: Language;
  /** Where its reader sits: in a chat (Telegram, the chat bots), or elsewhere (email, a push). */
  readonly place: 'chat' | 'here';
  /** Sends one message and resolves once it arrived; only for a channel with nothing missing. */
  send(message: OutgoingMessage): Promise<void>;
  /** What a person can do about a failed send, when the channel knows. */
  hint(error: unknown): string | undefined;
}

/** Whether a channel is in use at all: a channel with nothing set is simply not configured. */
export const isConfigured = (channel: AlertChannel): boolean =>
  channel.missing.length < channel.variables.length;

/** What `alertChannels` says of each channel: its variables (set or not) and where it sends. */
function describe(
  config: ChannelConfig,
): Readonly<
  Record<ChannelName, { readonly variables: Readonly<Record<string, boolean>>; readonly destination: string }>
> {
  const { telegram, channels } = config;
  const url = (settings: { readonly url: string } | undefined): string =>
    settings === undefined ? '(unset)' : shownUrl(settings.url);
  return {
    // The CLI sends with the token itself; TELEGRAM_BOT_TOKEN_PARAMETER is the Lambda's.
    telegram: {
      variables: {
        [ENV.telegramBotToken]: telegram.token !== undefined,
        [ENV.telegramChatId]: telegram.chatId !== undefined,
      },
      destination: `chat ${telegram.chatId ?? '(unset)'}`,
    },
    sns: {
      variables: { [ENV.snsTopicArn]: channels.sns !== undefined },
      destination: `topic ${channels.sns?.topicArn ?? '(unset)'}`,
    },
    webhook: {
      variables: { [ENV.webhookUrl]: channels.webhook !== undefined },
      destination: url(channels.webhook),
    },
    feishu: {
      variables: { [ENV.feishuWebhookUrl]: channels.feishu !== undefined },
      destination: url(channels.feishu),
    },
    dingtalk: {
      variables: { [ENV.dingtalkWebhookUrl]: channels.dingtalk !== undefined },
      destination: url(channels.dingtalk),
    },
    wecom: {
      variables: { [ENV.wecomWebhookUrl]: channels.wecom !== undefined },
      destination: url(channels.wecom),
    },
    bark: { variables: { [ENV.barkUrl]: channels.bark !== undefined }, destination: url(channels.bark) },
    serverchan: {
      variables: { [ENV.serverchanSendkey]: channels.serverchan !== undefined },
      destination:
        channels.serverchan === undefined
          ? '(unset)'
          : shownUrl(serverchanUrl(channels.serverchan.sendKey, channels.serverchan.apiRoot)),
    },
  };
}

/** Channels whose reader sits in a chat; the others deliver to an inbox or a phone. */
const CHATS: ReadonlySet<ChannelName> = new Set(['telegram', 'feishu', 'dingtalk', 'wecom']);

/**
 * Every alert channel, configured or not, read from the environment, each sending through the
 * channel `build` makes of the settings (the CLI's `channelsFor`). Throws `ConfigError` when a
 * channel in use has a malformed setting.
 */
export function alertChannels(
  env: Environment,
  build: (config: ChannelConfig) => readonly Channel[],
): readonly AlertChannel[] {
  const config = parseChannelConfig(env);
  const described = describe(config);
  // A channel in use must be well formed before anything is sent through any channel.
  if (telegramMissing(config) !== undefined) checkTelegram(config.telegram);
  const built = build(config);
  return CHANNEL_NAMES.map((id): AlertChannel => {
    const { variables, destination } = described[id];
    const channel = built.find((candidate) => candidate.name === id);
    return {
      id,
      name: CHANNEL_LABELS[id],
      variables: Object.keys(variables),
      missing: Object.entries(variables).flatMap(([name, set]) => (set ? [] : [name])),
      destination,
      language: config.channelLanguages?.[id] ?? config.language,
      place: CHATS.has(id) ? 'chat' : 'here',
      send: (message) =>
        channel === undefined
          ? Promise.reject(new Error(`${CHANNEL_LABELS[id]} is not configured`))
          : channel.send(message),
      hint: id === 'telegram' ? telegramHint : () => undefined,
    };
  });
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
export function configuredChannels(config: Pick<Config, 'telegram' | 'channels'>): ChannelName[] {
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
    // A Lambda reads the parameter before parsing; anything else that sees it unread is the CLI.
    const lambdaOnly =
      config.channelSecretsParameter === undefined
        ? ''
        : ` (${ENV.channelSecretsParameter} is read by the Lambda only: on the command line, set the variables themselves)`;
    throw new ConfigError(
      `${command} sends alerts and needs a channel: ${CHANNEL_SETTINGS}; set one${lambdaOnly}, or use --dry-run to see what would be sent.`,
    );
  }
}
