import { describe, expect, it } from 'vitest';
import { redact, redactError, TelegramRefusedError } from '../../src/telegram/errors.js';
import { validateBotToken, validateChatId } from '../../src/telegram/validate.js';

const FAKE_TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';
// A two-digit bot id: valid, and once missed by a redaction pattern that wanted three digits.
const SHORT_ID_TOKEN = '42:TEST-fake-token-not-real_abcdefghijk';

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

  it.each([
    ['a one-digit bot id and a 30-character secret', `7:${'F'.repeat(30)}`],
    ['a two-digit bot id', SHORT_ID_TOKEN],
    ['a 20-digit bot id and a 50-character secret', `${'9'.repeat(20)}:${'f'.repeat(50)}`],
  ])('hides a token the validator accepts, with %s, when it is not ours', (_case, other) => {
    expect(validateBotToken(other)).toBeUndefined();

    const shown = redact(`POST /bot${other}/sendMessage failed`, FAKE_TOKEN);

    expect(shown).toBe('POST /bot<redacted>/sendMessage failed');
  });

  it('hides every token-shaped run in a text, not only the first', () => {
    const shown = redact(`first ${SHORT_ID_TOKEN}, then 7654321:OTHER-fake-token-not-real_abcdefgh`, '');

    expect(shown).toBe('first <redacted>, then <redacted>');
  });

  it('hides our own token even when it is not shaped like one', () => {
    // A token read from SSM is not validated; an odd one must still never be printed.
    const odd = 'not-a-botfather-token';

    expect(redact(`GET /bot${odd}/getMe`, odd)).toBe('GET /bot<redacted>/getMe');
  });

  it('hides a longer token-shaped run whole, not up to the longest valid secret', () => {
    const longer = `123456:${'f'.repeat(60)}`;

    expect(redact(`token ${longer} here`, '')).toBe('token <redacted> here');
  });

  it('hides a short-bot-id token in the message, stack and cause of an error', () => {
    const cause = new Error(`connect ECONNREFUSED for /bot${SHORT_ID_TOKEN}/getMe`);
    const thrown = new TypeError(`fetch failed: https://api.example/bot${SHORT_ID_TOKEN}/sendMessage`, {
      cause,
    });

    const redacted = redactError(thrown, FAKE_TOKEN);

    expect(redacted.name).toBe('TypeError');
    expect(redacted.message).toBe('fetch failed: https://api.example/bot<redacted>/sendMessage');
    expect(redacted.stack).toContain('bot<redacted>/sendMessage');
    expect(redacted.cause).toBeInstanceOf(Error);
    expect((redacted.cause as Error).message).toBe('connect ECONNREFUSED for /bot<redacted>/getMe');
    const everything = JSON.stringify([redacted.message, redacted.stack, (redacted.cause as Error).stack]);
    expect(everything).not.toContain(SHORT_ID_TOKEN.split(':')[1]);
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
