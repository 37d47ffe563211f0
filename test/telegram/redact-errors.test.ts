import { describe, expect, it } from 'vitest';
import { redactError, TelegramNetworkError } from '../../src/telegram/errors.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';
const URL_WITH_TOKEN = `https://api.telegram.org/bot${TOKEN}/sendMessage`;

describe('redactError', () => {
  it('turns a thrown non-Error into an Error with the token hidden', () => {
    const redacted = redactError(`fetch failed for ${URL_WITH_TOKEN}`, TOKEN);

    expect(redacted).toBeInstanceOf(Error);
    expect(redacted.message).toBe('fetch failed for https://api.telegram.org/bot<redacted>/sendMessage');
  });

  it('gives an error that had no stack its name and redacted message as the stack', () => {
    const error = new TypeError(`fetch failed for ${URL_WITH_TOKEN}`);
    error.stack = undefined;

    const redacted = redactError(error, TOKEN);

    expect(redacted.stack).toBe(
      'TypeError: fetch failed for https://api.telegram.org/bot<redacted>/sendMessage',
    );
  });

  it('keeps a string or numeric code, which names the network failure', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const numbered = Object.assign(new Error('socket hang up'), { code: 104 });

    expect(redactError(refused, TOKEN)).toMatchObject({ code: 'ECONNREFUSED' });
    expect(redactError(numbered, TOKEN)).toMatchObject({ code: 104 });
  });

  it('drops a code that is neither a string nor a number: it could hold anything, the token too', () => {
    const odd = Object.assign(new Error('odd failure'), { code: { url: URL_WITH_TOKEN } });

    const redacted = redactError(odd, TOKEN);

    expect(redacted).not.toHaveProperty('code');
    expect(JSON.stringify(redacted)).not.toContain(TOKEN);
  });

  it('ends on a cause chain that loops back on itself, with every message redacted', () => {
    const looping = new Error(`retrying ${URL_WITH_TOKEN}`);
    looping.cause = looping;

    const redacted = redactError(looping, TOKEN);

    const messages: string[] = [];
    for (let e: unknown = redacted; e instanceof Error; e = e.cause) messages.push(e.message);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThan(10);
    for (const message of messages)
      expect(message).toBe('retrying https://api.telegram.org/bot<redacted>/sendMessage');
  });
});

describe('TelegramNetworkError', () => {
  it('is named, so logs and problems say what failed', () => {
    const error = new TelegramNetworkError('Telegram sendMessage failed: gave up', {
      method: 'sendMessage',
      attempts: 3,
    });

    expect(String(error)).toBe('TelegramNetworkError: Telegram sendMessage failed: gave up');
    expect(error).toMatchObject({ method: 'sendMessage', attempts: 3 });
  });
});
