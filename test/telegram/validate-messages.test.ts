import { describe, expect, it } from 'vitest';
import { validateBotToken, validateChatId } from '../../src/telegram/validate.js';

describe('validateChatId messages', () => {
  it('says an empty chat id is empty, with examples of what to use', () => {
    expect(validateChatId('')).toBe(
      'The chat id is empty; use a numeric id such as -1001234567890 or @channelname.',
    );
  });

  it('explains a channel username that breaks the rules', () => {
    expect(validateChatId('@ab')).toBe(
      'The chat id "@ab" is not a valid channel username: @ then 5 to 32 letters, digits or _, starting with a letter.',
    );
  });

  it('says a value that is neither a number nor a username is neither', () => {
    expect(validateChatId('guard alerts')).toBe(
      'The chat id "guard alerts" is neither an integer (e.g. -1001234567890) nor @channelname.',
    );
  });

  it.each(['@guard alerts', 'alerts@guard_bot'])('refuses %s, which only holds a username', (chatId) => {
    expect(validateChatId(chatId)).toMatch(/^The chat id ".*" is (not a valid channel username|neither)/);
  });

  it('hides a token pasted into the chat id, whatever its bot id', () => {
    const pasted = '42:TEST-fake-token-not-real_abcdefghijk';

    expect(validateChatId(pasted)).toBe(
      'The chat id "<redacted>" is neither an integer (e.g. -1001234567890) nor @channelname.',
    );
  });
});

describe('validateBotToken messages', () => {
  it('gives the length of a malformed token, never the token', () => {
    expect(validateBotToken('123456:short')).toBe(
      'The bot token (12 characters) does not look like <bot id digits>:<about 35 letters, digits, _ or ->.',
    );
  });
});
