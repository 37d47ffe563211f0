import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/channels/delivery.js';
import { TelegramNetworkError, TelegramRefusedError } from '../../src/telegram/errors.js';
import { createTelegramNotifier, type TelegramNotifierOptions } from '../../src/telegram/notifier.js';

const TOKEN = '1234:UNIT-fake-token-not-real_abcdefghijklm';

/** A `fetch` that records the URLs it was called with and plays the given answers in order. */
function scriptedFetch(...answers: (() => Response | Promise<Response>)[]) {
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    urls.push(String(input));
    const next = answers[urls.length - 1];
    if (!next) throw new Error('unexpected extra request');
    return next();
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

/** A clock that moves only when the notifier sleeps. */
function fakeTime() {
  let clock = 0;
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

const delivered = () => Response.json({ ok: true, result: { message_id: 1 } });
const refusal = (status: number, description: string, retryAfter?: number) => () =>
  Response.json(
    {
      ok: false,
      error_code: status,
      description,
      ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }),
    },
    { status },
  );

function notifier(
  fetch: typeof globalThis.fetch,
  time: ReturnType<typeof fakeTime>,
  overrides: Partial<TelegramNotifierOptions> = {},
) {
  return createTelegramNotifier({
    token: TOKEN,
    chatId: '42',
    fetch,
    now: time.now,
    sleep: time.sleep,
    random: () => 0,
    ...overrides,
  });
}

describe('backoffMs', () => {
  it('waits between half and all of 500 ms doubled per attempt, capped at 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffMs(attempt, () => 0))).toEqual([
      250, 500, 1_000, 2_000, 4_000, 4_000, 4_000,
    ]);
    expect([1, 5, 6].map((attempt) => backoffMs(attempt, () => 1))).toEqual([500, 8_000, 8_000]);
  });
});

describe('Telegram notifier retries', () => {
  it('strips every trailing slash of the API root', async () => {
    const { fetch, urls } = scriptedFetch(delivered);

    await notifier(fetch, fakeTime(), { apiRoot: 'http://127.0.0.1:8081///' }).send('x');

    expect(urls).toEqual([`http://127.0.0.1:8081/bot${TOKEN}/sendMessage`]);
  });

  it('honours retry_after only on a 429: a 5xx that carries one backs off as usual', async () => {
    const time = fakeTime();
    const { fetch } = scriptedFetch(refusal(500, 'Internal Server Error', 30), delivered);

    await notifier(fetch, time).send('x');

    expect(time.waits).toEqual([250]);
  });

  it('keeps the retry_after of the last 429 on the refusal that caused the give-up', async () => {
    const time = fakeTime();
    const { fetch } = scriptedFetch(refusal(429, 'Too Many Requests: retry after 120', 120));

    const error = await notifier(fetch, time, { maxTotalMs: 60_000 })
      .send('flood')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect((error as Error).cause).toBeInstanceOf(TelegramRefusedError);
    expect((error as Error).cause).toMatchObject({ errorCode: 429, retryAfter: 120 });
  });

  it('gives no retry_after to a refusal that had none', async () => {
    const { fetch } = scriptedFetch(refusal(403, 'Forbidden: bot was blocked by the user'));

    const error = await notifier(fetch, fakeTime())
      .send('x')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect((error as TelegramRefusedError).retryAfter).toBeUndefined();
  });

  it('says a request without an answer timed out, naming the per-request limit', async () => {
    const time = fakeTime();
    const timedOut = () =>
      Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const aborted = () => Promise.reject(new DOMException('This operation was aborted', 'AbortError'));
    const { fetch } = scriptedFetch(timedOut, aborted, delivered);
    const reasons: string[] = [];

    await notifier(fetch, time, {
      requestTimeoutMs: 150,
      onRetry: ({ reason }) => reasons.push(reason),
    }).send('x');

    expect(reasons).toEqual(['no answer within 150 ms', 'no answer within 150 ms']);
  });

  it('names the innermost cause and its code of a network failure', async () => {
    const time = fakeTime();
    const reset = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        }),
      );
    const { fetch } = scriptedFetch(reset, delivered);
    const reasons: string[] = [];

    await notifier(fetch, time, { onRetry: ({ reason }) => reasons.push(reason) }).send('x');

    expect(reasons).toEqual(['network error: other side closed (UND_ERR_SOCKET)']);
  });

  it('says how many attempts it made in how long when it gives up', async () => {
    const time = fakeTime();
    const unavailable = refusal(502, 'Bad Gateway');
    const { fetch } = scriptedFetch(unavailable, unavailable, unavailable);

    const error = await notifier(fetch, time, { maxTotalMs: 1_000 })
      .send('x')
      .catch((e: unknown) => e);

    expect((error as Error).message).toBe(
      'Telegram sendMessage failed: gave up after 3 attempts in 750 ms (budget 1000 ms, next wait 1000 ms); last: 502 Bad Gateway',
    );
    expect(error).toMatchObject({ attempts: 3, method: 'sendMessage' });
  });

  it('speaks of one attempt in the singular', async () => {
    const { fetch } = scriptedFetch(refusal(502, 'Bad Gateway'));

    const error = await notifier(fetch, fakeTime(), { maxTotalMs: 100 })
      .send('x')
      .catch((e: unknown) => e);

    expect((error as Error).message).toContain('gave up after 1 attempt in 0 ms');
  });

  it('waits on the real clock when no sleep is injected', async () => {
    const { fetch } = scriptedFetch(refusal(500, 'Internal Server Error'), delivered);
    const sending = createTelegramNotifier({ token: TOKEN, chatId: '42', fetch, random: () => 0 });
    const started = Date.now();

    await sending.send('x');

    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });
});
