import { describe, expect, it } from 'vitest';
import { createCommandBot } from '../../src/telegram/commands/bot.js';
import { TelegramNetworkError, TelegramRefusedError } from '../../src/telegram/errors.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

const throwing = (error: unknown) =>
  (async () => {
    throw error;
  }) as typeof globalThis.fetch;

describe('the chat commands bot calls the Bot API through the one client', () => {
  it('says a reply got no answer within the timeout, as find-chat-id does', async () => {
    const fetch = throwing(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));

    const error = await createCommandBot({ token: TOKEN, fetch, timeoutMs: 250 })
      .sendMessage('-100', 'hi')
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect(error).toMatchObject({
      message: 'Telegram sendMessage failed: no answer within 250 ms',
      attempts: 1,
    });
  });

  it('names a network failure without the token, in the message and in the cause', async () => {
    const fetch = throwing(new TypeError(`fetch failed: getaddrinfo ENOTFOUND bot${TOKEN}`));

    const error = await createCommandBot({ token: TOKEN, fetch })
      .getChatAdministrators('-100')
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({
      message:
        'Telegram getChatAdministrators failed: the host name does not resolve: fetch failed: getaddrinfo ENOTFOUND bot<redacted>',
      method: 'getChatAdministrators',
    });
    expect(String((error as Error).cause)).not.toContain(TOKEN);
  });

  it('keeps how long Telegram asked to wait, and hides the token in a refusal', async () => {
    const fetch = (async () =>
      Response.json(
        {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after 3 ${TOKEN}`,
          parameters: { retry_after: 3 },
        },
        { status: 429 },
      )) as typeof globalThis.fetch;

    const error = await createCommandBot({ token: TOKEN, fetch })
      .answerCallbackQuery('q1', 'done')
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect(error).toMatchObject({
      method: 'answerCallbackQuery',
      errorCode: 429,
      retryAfter: 3,
      description: 'Too Many Requests: retry after 3 <redacted>',
    });
  });
});
