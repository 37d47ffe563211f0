import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../../sim/telegram/server.js';

describe('the fake Telegram Bot API server', () => {
  let fake: FakeTelegram;

  beforeEach(async () => {
    fake = await startFakeTelegram({ chats: ['42', '@guard_alerts'] });
  });

  afterEach(async () => {
    await fake.close();
  });

  const call = (method: string, body: unknown, token = fake.token) =>
    fetch(`${fake.apiRoot}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('listens on loopback only', () => {
    expect(fake.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers getMe with the bot', async () => {
    const response = await call('getMe', {});

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, result: { id: 123456, is_bot: true } });
  });

  it('accepts a form-encoded sendMessage and stores the text as sent', async () => {
    const response = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: '42', text: '<b>a &amp; b</b>', parse_mode: 'HTML' }),
    });

    expect(await response.json()).toMatchObject({ ok: true, result: { message_id: 1, text: 'a & b' } });
    expect(fake.messages).toEqual([
      { chatId: '42', text: '<b>a &amp; b</b>', parseMode: 'HTML', at: expect.any(Date), messageId: 1 },
    ]);
  });

  it.each([
    ['a wrong token', 'sendMessage', { chat_id: 42, text: 'x' }, '999:WRONG', 401, 'Unauthorized'],
    ['no chat_id', 'sendMessage', { text: 'x' }, undefined, 400, 'Bad Request: chat_id is empty'],
    [
      'an unknown chat',
      'sendMessage',
      { chat_id: 7, text: 'x' },
      undefined,
      400,
      'Bad Request: chat not found',
    ],
    ['no text', 'sendMessage', { chat_id: 42 }, undefined, 400, 'Bad Request: message text is empty'],
    ['an unknown method', 'sendTelepathy', {}, undefined, 404, 'Not Found: method not found'],
  ])('refuses %s like Telegram', async (_case, method, body, token, status, description) => {
    const response = await call(method, body, token);

    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ ok: false, error_code: status, description });
    expect(fake.messages).toEqual([]);
  });

  it('refuses a legacy Markdown alert about web_1 and stores nothing', async () => {
    const response = await call('sendMessage', {
      chat_id: 42,
      text: 'web_1 stopped',
      parse_mode: 'Markdown',
    });

    expect(await response.json()).toEqual({
      ok: false,
      error_code: 400,
      description:
        "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 3",
    });
    expect(fake.messages).toEqual([]);
  });

  it('plays a rate-limit fault with retry_after, then answers normally', async () => {
    fake.injectFault({ kind: 'rate-limit', retryAfter: 7 });

    const limited = await call('sendMessage', { chat_id: 42, text: 'x' });
    const next = await call('sendMessage', { chat_id: 42, text: 'x' });

    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    expect(next.status).toBe(200);
    expect(fake.requests).toBe(2);
  });

  it('forgets injected faults on clearFaults', async () => {
    fake.injectFault({ kind: 'server-error', times: 5 });
    fake.clearFaults();

    const response = await call('sendMessage', { chat_id: '@guard_alerts', text: 'x' });

    expect(response.status).toBe(200);
  });

  it('closes even while a request hangs', async () => {
    fake.injectFault({ kind: 'hang' });
    const pending = call('getMe', {}).catch((e: unknown) => e);

    await new Promise((resolve) => setTimeout(resolve, 50));
    await fake.close();

    expect(await pending).toBeInstanceOf(Error);
    fake = await startFakeTelegram();
  });
});
