/**
 * Shape checks for the Telegram settings, so configuration can refuse a bad value before any call
 * is made. Messages never repeat the token itself: config errors end up in logs.
 */

import { redact } from './errors.js';
import { BOT_TOKEN } from './token-shape.js';

const NUMERIC_CHAT_ID = /^-?\d{1,20}$/;
// Public usernames are 5..32 characters of letters, digits and underscores, starting with a letter.
const CHANNEL_USERNAME = /^@[A-Za-z][A-Za-z0-9_]{4,31}$/;

/**
 * Checks that a value looks like a bot token. Returns `undefined` when it does, or a message saying
 * what is wrong without echoing the value.
 */
export function validateBotToken(token: string): string | undefined {
  if (token.trim() !== token) return 'The bot token has leading or trailing whitespace; remove it.';
  if (token.length === 0) return 'The bot token is empty; get one from @BotFather.';
  if (!token.includes(':')) {
    return 'The bot token has no ":"; it should look like <bot id digits>:<about 35 letters, digits, _ or ->.';
  }
  if (!BOT_TOKEN.test(token)) {
    return `The bot token (${token.length} characters) does not look like <bot id digits>:<about 35 letters, digits, _ or ->.`;
  }
  return undefined;
}

/**
 * Checks that a value is a chat id Telegram accepts: an integer (groups and channels are negative,
 * e.g. -1001234567890) or a public `@channelusername`. Returns `undefined` when it is, or a message.
 */
export function validateChatId(chatId: string): string | undefined {
  if (chatId.length === 0)
    return 'The chat id is empty; use a numeric id such as -1001234567890 or @channelname.';
  if (NUMERIC_CHAT_ID.test(chatId) || CHANNEL_USERNAME.test(chatId)) return undefined;
  // A token pasted into the wrong variable must not reach the logs through this message.
  const shown = redact(chatId, '');
  if (chatId.startsWith('@')) {
    return `The chat id "${shown}" is not a valid channel username: @ then 5 to 32 letters, digits or _, starting with a letter.`;
  }
  return `The chat id "${shown}" is neither an integer (e.g. -1001234567890) nor @channelname.`;
}
