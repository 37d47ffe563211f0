import { describe, expect, it } from 'vitest';
import { redact, TelegramRefusedError } from '../../src/telegram/errors.js';
import { validateBotToken, validateChatId } from '../../src/telegram/validate.js';

const FAKE_TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

describe('validateBotToken', () => {
  it('accepts a value shaped like a BotFather token', () => {
    expect(validateBotToken(FAKE_TOKEN)).toBeUndefined();
  });

  it.each([
    ['empty', '', /empty/],
    ['no colon', 'TEST-fake-token-not-real_abcdefghijk', /no ":"/],
    ['secret too short', '123456:short', /does not look like/],
    ['surrounding whitespace', ` ${FAKE_TOKEN}\n`, /whitespace/],
    ['letters in the bot id', 'abc:TEST-fake-token-not-real_abcdefghijk', /does not look like/],
  ])('refuses a token with %s, without echoing it', (_case, token, message) => {
    const problem = validateBotToken(token);

    expect(problem).toMatch(message);
    if (token.length > 0) expect(problem).not.toContain(token.trim());
  });
});

describe('validateChatId', () => {
  it.each(['42', '-1001234567890', '@guard_alerts'])('accepts %s', (chatId) => {
    expect(validateChatId(chatId)).toBeUndefined();
  });

  it.each(['', 'guard alerts', '@ab', '@1channel', '12.5'])('refuses "%s" with a message', (chatId) => {
    expect(validateChatId(chatId)).toMatch(/chat id/);
  });

  it('hides a token pasted into the chat id', () => {
    expect(validateChatId(FAKE_TOKEN)).not.toContain(FAKE_TOKEN);
  });
});

describe('redact', () => {
  it('replaces the token and anything shaped like a token', () => {
    const other = '7654321:OTHER-fake-token-not-real_abcdefgh';

    const shown = redact(`GET /bot${FAKE_TOKEN}/sendMessage and ${other}`, FAKE_TOKEN);

    expect(shown).toBe('GET /bot<redacted>/sendMessage and <redacted>');
  });

  it('keeps the error names and fields a caller branches on', () => {
    const error = new TelegramRefusedError({
      method: 'sendMessage',
      errorCode: 400,
      description: 'Bad Request: x',
    });

    expect(error.name).toBe('TelegramRefusedError');
    expect(String(error)).toBe('TelegramRefusedError: Telegram refused sendMessage: 400 Bad Request: x');
    expect(error.stack?.split('\n')[0]).toBe(String(error));
  });
});
