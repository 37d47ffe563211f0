/**
 * What a person can do about a failed send, by Telegram's answer. Descriptions are Telegram's own
 * wording (`Bad Request: chat not found`, `Forbidden: bot was blocked by the user`, ...).
 */

import { ENV } from '../constants.js';
import { TelegramNetworkError, TelegramRefusedError } from './errors.js';

const FIND = 'lightsail-guard find-chat-id lists the chats the bot can write to';

/** A hint for a failed `sendMessage`, or `undefined` when there is nothing specific to say. */
export function telegramHint(error: unknown): string | undefined {
  if (error instanceof TelegramNetworkError) {
    if (error.failure !== undefined) return error.failure.cure;
    return `Telegram could not be reached in time: check the network (and ${ENV.telegramApiRoot}, if set), then try again.`;
  }
  if (!(error instanceof TelegramRefusedError)) return undefined;
  const description = error.description.toLowerCase();
  if (error.errorCode === 401 || error.errorCode === 404) {
    return `Telegram does not accept ${ENV.telegramBotToken}: copy the token again from @BotFather (/mybots, your bot, API Token).`;
  }
  if (description.includes('chat not found')) {
    return `The bot has never been in chat ${ENV.telegramChatId}: check the id (${FIND}), and send /start to the bot or add it to the group or channel first.`;
  }
  if (description.includes('upgraded to a supergroup')) {
    return `The group became a supergroup with a new id: ${FIND}.`;
  }
  if (description.includes('blocked by the user')) {
    return 'The user blocked the bot: open the chat with the bot in Telegram and press Restart (or send /start).';
  }
  if (description.includes('kicked') || description.includes('not a member')) {
    return 'The bot is not in that chat any more: add it again (to a channel as an administrator allowed to post messages).';
  }
  if (description.includes('administrator') || description.includes('not enough rights')) {
    return 'The bot may not post there: make it an administrator allowed to post messages.';
  }
  return undefined;
}
