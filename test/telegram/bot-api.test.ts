import { describe, expect, it } from 'vitest';
import { createBotApi, TelegramAnswerError } from '../../src/telegram/bot-api.js';
import { TelegramNetworkError, TelegramRefusedError } from '../../src/telegram/errors.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

/** A fetch that records each request and answers with `body`. */
function answering(body: unknown, status = 200) {
  const requests: { url: string; body: unknown }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    requests.push({ url, body: JSON.parse(String(init.body)) });
    return Response.json(body, { status });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('the Bot API calls of find-chat-id', () => {
  it('asks getUpdates for a short poll, with no offset that would confirm and drop updates', async () => {
    const { fetch, requests } = answering({ ok: true, result: [] });

    await createBotApi({ token: TOKEN, apiRoot: 'http://127.0.0.1:1/', fetch }).getUpdates();

    expect(requests).toEqual([{ url: `http://127.0.0.1:1/bot${TOKEN}/getUpdates`, body: { timeout: 0 } }]);
  });

  it('reads the bot and the webhook from the documented fields', async () => {
    const me = answering({ ok: true, result: { id: 7, is_bot: true, first_name: 'G', username: 'g_bot' } });
    const hook = answering({
      ok: true,
      result: { url: 'https://x.test/h', has_custom_certificate: false, pending_update_count: 3 },
    });

    expect(await createBotApi({ token: TOKEN, fetch: me.fetch }).getMe()).toEqual({
      id: 7,
      firstName: 'G',
      username: 'g_bot',
    });
    expect(await createBotApi({ token: TOKEN, fetch: hook.fetch }).getWebhookInfo()).toEqual({
      url: 'https://x.test/h',
      pendingUpdateCount: 3,
      lastErrorMessage: undefined,
    });
  });

  it('turns a refusal into TelegramRefusedError with its code and description', async () => {
    const { fetch } = answering({ ok: false, error_code: 409, description: 'Conflict: webhook' }, 409);

    const error = await createBotApi({ token: TOKEN, fetch })
      .getUpdates()
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect(error).toMatchObject({ method: 'getUpdates', errorCode: 409, description: 'Conflict: webhook' });
  });

  it('refuses an answer of the wrong shape instead of reading it as no chats', async () => {
    const { fetch } = answering({ ok: true, result: { not: 'a list' } });

    await expect(createBotApi({ token: TOKEN, fetch }).getUpdates()).rejects.toThrow(TelegramAnswerError);
  });

  it('never carries the token in a network error, its message or its cause', async () => {
    const fetch = (async (url: string) => {
      throw new TypeError(`fetch failed for ${url}`, { cause: new Error(`connect ECONNREFUSED ${url}`) });
    }) as typeof globalThis.fetch;

    const error = await createBotApi({ token: TOKEN, fetch })
      .getMe()
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    const seen = `${(error as Error).message} ${(error as Error).stack} ${String((error as Error).cause)}`;
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain('TEST-fake-token-not-real');
  });
});
