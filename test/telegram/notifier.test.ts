import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../../sim/telegram/server.js';
import { escapeHtml } from '../../src/core/html.js';
import { TelegramNetworkError, TelegramRefusedError } from '../../src/telegram/errors.js';
import { createTelegramNotifier, type TelegramNotifierOptions } from '../../src/telegram/notifier.js';

const CHAT_ID = '-1001234567';

/** A clock that only moves when the notifier sleeps, so budgets are exact and tests are fast. */
function fakeTime() {
  let clock = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => clock,
    sleep: async (ms: number) => {
      waits.push(ms);
      clock += ms;
    },
  };
}

describe('Telegram notifier against the fake Bot API', () => {
  let fake: FakeTelegram;
  let time: ReturnType<typeof fakeTime>;

  beforeEach(async () => {
    fake = await startFakeTelegram();
    time = fakeTime();
  });

  afterEach(async () => {
    await fake.close();
  });

  function notifier(overrides: Partial<TelegramNotifierOptions> = {}) {
    return createTelegramNotifier({
      token: fake.token,
      chatId: CHAT_ID,
      apiRoot: `${fake.apiRoot}/`,
      now: time.now,
      sleep: time.sleep,
      random: () => 0,
      ...overrides,
    });
  }

  it('delivers an HTML alert whose instance names hold _ . - < and & once escaped', async () => {
    const name = 'web_1.eu-west<prod>&co';
    const text = `<b>Stopped</b> <code>${escapeHtml(name)}</code> at 95.2% of 1024 GB`;

    await notifier().send(text);

    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ chatId: CHAT_ID, text, parseMode: 'HTML' });
    expect(time.waits).toEqual([]);
  });

  it('waits retry_after seconds on a 429, then delivers', async () => {
    fake.injectFault({ kind: 'rate-limit', retryAfter: 3 });

    await notifier().send('report');

    expect(time.waits).toEqual([3000]);
    expect(fake.requests).toBe(2);
    expect(fake.messages.map((m) => m.text)).toEqual(['report']);
  });

  it('retries a 500, a proxy 502 page and a reset connection with growing backoff, then delivers', async () => {
    fake.injectFault({ kind: 'server-error' });
    fake.injectFault({ kind: 'server-error', status: 502 });
    fake.injectFault({ kind: 'reset' });
    const reasons: string[] = [];

    await notifier({ onRetry: ({ reason }) => reasons.push(reason) }).send('after the outage');

    expect(time.waits).toEqual([250, 500, 1000]);
    expect(reasons[0]).toBe('500 Internal Server Error');
    expect(reasons[1]).toBe('502 Bad Gateway');
    expect(reasons[2]).toMatch(/^network error: /);
    expect(fake.messages).toHaveLength(1);
  });

  it('gives up within the time budget with a TelegramNetworkError whose cause is the last refusal', async () => {
    fake.injectFault({ kind: 'server-error', times: 1000 });

    const error = await notifier({ maxTotalMs: 5_000 })
      .send('lost')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect((error as TelegramNetworkError).attempts).toBe(5);
    expect(time.waits).toEqual([250, 500, 1000, 2000]);
    expect((error as Error).message).toContain('gave up after 5 attempts');
    expect((error as Error).cause).toBeInstanceOf(TelegramRefusedError);
    expect(fake.messages).toHaveLength(0);
  });

  it('times out a request that never gets an answer and retries it', async () => {
    fake.injectFault({ kind: 'hang', times: 2 });

    await notifier({ requestTimeoutMs: 150 }).send('slow network');

    expect(time.waits).toEqual([250, 500]);
    expect(fake.requests).toBe(3);
    expect(fake.messages).toHaveLength(1);
  });

  it('gives up at once when Telegram asks to wait longer than the budget', async () => {
    fake.injectFault({ kind: 'rate-limit', retryAfter: 120 });

    const error = await notifier({ maxTotalMs: 60_000 })
      .send('flood')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect((error as Error).message).toContain('429 Too Many Requests: retry after 120');
    expect(time.waits).toEqual([]);
  });

  it('does not retry a 400 and reports error_code and description from Telegram', async () => {
    const error = await notifier()
      .send('<b>bold</i>')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect(error).toMatchObject({
      name: 'TelegramRefusedError',
      errorCode: 400,
      method: 'sendMessage',
      description: `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</b>", found "</i>"`,
    });
    expect((error as Error).message).toBe(
      `Telegram refused sendMessage: 400 Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</b>", found "</i>"`,
    );
    expect(fake.requests).toBe(1);
  });

  it('gets a 401 for a wrong token and never shows that token', async () => {
    const wrongToken = '654321:WRONG-fake-token-not-real_zyxwvutsrq';

    const error = await notifier({ token: wrongToken })
      .send('hello')
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      name: 'TelegramRefusedError',
      errorCode: 401,
      description: 'Unauthorized',
    });
    const shown = [
      String(error),
      (error as Error).stack,
      JSON.stringify(error),
      (error as Error).message,
    ].join('\n');
    expect(shown).not.toContain(wrongToken);
    expect(shown).not.toContain('WRONG-fake-token');
  });

  it('reports a closed port as a network failure that names neither the URL nor the token', async () => {
    await fake.close();

    const error = await notifier({ maxTotalMs: 1_000 })
      .send('nobody listens')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    const chain = [String(error), (error as Error).stack, String((error as Error).cause)].join('\n');
    expect(chain).toMatch(/ECONNREFUSED/);
    expect(chain).not.toContain(fake.token);
    expect(chain).not.toContain('/bot');
    fake = await startFakeTelegram();
  });
});
