import { describe, expect, it } from 'vitest';
import { createBotApi, TelegramAnswerError } from '../../src/telegram/bot-api.js';
import { TelegramNetworkError, TelegramRefusedError } from '../../src/telegram/errors.js';
import { startLocalServer } from '../support/http-server.js';

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

describe('the Bot API calls on the wire', () => {
  it('sends each call as a JSON POST to the API root, whatever slashes end the root', async () => {
    const server = await startLocalServer({ status: 200, body: JSON.stringify({ ok: true, result: [] }) });
    try {
      await createBotApi({ token: TOKEN, apiRoot: `${server.root}//` }).getUpdates();
    } finally {
      await server.close();
    }

    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({
      method: 'POST',
      url: `/bot${TOKEN}/getUpdates`,
      headers: { 'content-type': 'application/json' },
      body: '{"timeout":0}',
    });
  });

  it('gives up on a call Telegram does not answer within timeoutMs, saying so without the token', async () => {
    const server = await startLocalServer({ hang: true });
    try {
      const error = await createBotApi({ token: TOKEN, apiRoot: server.root, timeoutMs: 50 })
        .getMe()
        .catch((thrown: unknown) => thrown);

      expect(error).toBeInstanceOf(TelegramNetworkError);
      expect(error).toMatchObject({
        message: 'Telegram getMe failed: no answer within 50 ms',
        method: 'getMe',
        attempts: 1,
      });
      expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
    } finally {
      await server.close();
    }
  });
});

describe('the Bot API calls when fetch fails', () => {
  /** A fetch that throws `error` without answering. */
  const throwing = (error: unknown) =>
    (async () => {
      throw error;
    }) as typeof globalThis.fetch;

  it('reads an aborted request as no answer within the timeout', async () => {
    const fetch = throwing(new DOMException('This operation was aborted', 'AbortError'));

    const error = await createBotApi({ token: TOKEN, fetch })
      .getWebhookInfo()
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect((error as Error).message).toBe('Telegram getWebhookInfo failed: no answer within 10000 ms');
  });

  it('names a network failure by its kind and redacted message, tried once, with the redacted error as the cause', async () => {
    const fetch = throwing(new TypeError(`fetch failed: getaddrinfo ENOTFOUND bot${TOKEN}`));

    const error = await createBotApi({ token: TOKEN, fetch })
      .getUpdates()
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect(error).toMatchObject({
      message:
        'Telegram getUpdates failed: the host name does not resolve: fetch failed: getaddrinfo ENOTFOUND bot<redacted>',
      method: 'getUpdates',
      attempts: 1,
    });
    expect((error as Error).cause).toMatchObject({
      name: 'TypeError',
      message: 'fetch failed: getaddrinfo ENOTFOUND bot<redacted>',
    });
  });
});

describe('the Bot API answers find-chat-id reads', () => {
  it('passes on how long Telegram asked to wait when it refuses with 429', async () => {
    const { fetch } = answering(
      {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      },
      429,
    );

    const error = await createBotApi({ token: TOKEN, fetch })
      .getMe()
      .catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect(error).toMatchObject({ errorCode: 429, retryAfter: 7 });
  });

  it('hides the token when Telegram repeats it in a refusal', async () => {
    const { fetch } = answering({ ok: false, error_code: 401, description: `Unauthorized: ${TOKEN}` }, 401);

    const error = await createBotApi({ token: TOKEN, fetch })
      .getMe()
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ description: 'Unauthorized: <redacted>', retryAfter: undefined });
  });

  it('refuses a getMe answer without a bot id, or without any result, as TelegramAnswerError', async () => {
    const noId = answering({ ok: true, result: { is_bot: true, first_name: 'G' } });
    const noResult = answering({ ok: true });

    const errors = await Promise.all(
      [noId.fetch, noResult.fetch].map((fetch) =>
        createBotApi({ token: TOKEN, fetch })
          .getMe()
          .catch((thrown: unknown) => thrown),
      ),
    );

    for (const error of errors) {
      expect(error).toBeInstanceOf(TelegramAnswerError);
      expect(error).toMatchObject({
        name: 'TelegramAnswerError',
        message: 'getMe answered without a bot id',
      });
    }
  });

  it('names a getUpdates answer that is not a list', async () => {
    const { fetch } = answering({ ok: true, result: { not: 'a list' } });

    const error = await createBotApi({ token: TOKEN, fetch })
      .getUpdates()
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({
      name: 'TelegramAnswerError',
      message: 'getUpdates answered without a list',
    });
  });

  it('reads a bot without a name or username as empty names, not as missing ones', async () => {
    const { fetch } = answering({ ok: true, result: { id: 7, is_bot: true, first_name: 12 } });

    expect(await createBotApi({ token: TOKEN, fetch }).getMe()).toEqual({
      id: 7,
      firstName: '',
      username: '',
    });
  });

  it('reads the webhook’s last error, and a webhook answer missing its fields as no webhook', async () => {
    const failing = answering({
      ok: true,
      result: { url: 'https://x.test/h', pending_update_count: 12, last_error_message: 'Connection refused' },
    });
    const empty = answering({ ok: true });
    const odd = answering({
      ok: true,
      result: { url: 5, pending_update_count: '3', last_error_message: 404 },
    });

    const [withError, withoutResult, withOddFields] = await Promise.all(
      [failing, empty, odd].map(({ fetch }) => createBotApi({ token: TOKEN, fetch }).getWebhookInfo()),
    );

    expect(withError).toEqual({
      url: 'https://x.test/h',
      pendingUpdateCount: 12,
      lastErrorMessage: 'Connection refused',
    });
    const none = { url: '', pendingUpdateCount: 0, lastErrorMessage: undefined };
    expect(withoutResult).toEqual(none);
    expect(withOddFields).toEqual(none);
  });
});
