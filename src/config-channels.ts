/**
 * Which channels the configuration sets up, and the rule every command that sends follows: at
 * least one channel, and no channel half set up (a chat id without a token would silently drop
 * every Telegram alert).
 */

import { type Config, checkTelegram } from './config.js';
import { ENV } from './constants.js';
import type { ChannelName } from './core/ports.js';
import { ConfigError } from './errors.js';

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

/** The channels the configuration sets up, whole or not, in `CHANNEL_NAMES` order. */
export function configuredChannels(config: Config): ChannelName[] {
  return telegramMissing(config) === undefined ? [] : ['telegram'];
}

/** What a run that sends can use, as `--help` and errors list it. */
export const CHANNEL_SETTINGS = `${ENV.telegramBotToken} and ${ENV.telegramChatId}`;

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
      `${command} sends alerts and needs a channel: ${CHANNEL_SETTINGS}; set them, or use --dry-run to see what would be sent.`,
    );
  }
}
