import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../../sim/telegram/server.js';
import { backoffMs } from '../../src/channels/delivery.js';
import { ChannelRefusedError, ChannelUnreachableError } from '../../src/channels/errors.js';
import { escapeHtml } from '../../src/core/html.js';
import { TelegramNetworkError, TelegramRefusedError } from '../../src/telegram/errors.js';
import { createTelegramNotifier, type TelegramNotifierOptions } from '../../src/telegram/notifier.js';
import { fakeTime as sharedFakeTime } from '../support/fake-time.js';

const TOKEN = '1234:UNIT-fake-token-not-real_abcdefghijklm';
const CHAT_ID = '-1001234567';

/** The shared clock that moves only when the notifier sleeps, from 0, with no jitter. */
function fakeTime() {
  const { time, options } = sharedFakeTime(0);
  return { waits: time.waits, now: options.now, sleep: options.sleep };
}

interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** A `fetch` that records its calls and plays the given answers in order. */
function scriptedFetch(...answers: (() => Response | Promise<Response>)[]) {
  const calls: Call[] = [];
  const urls: string[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    urls.push(String(input));
    const next = answers[calls.length - 1];
    if (!next) throw new Error('unexpected extra request');
    return next();
  }) as typeof globalThis.fetch;
  return { fetch, calls, urls };
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
const badGateway = refusal(502, 'Bad Gateway');
const timedOut = () =>
  Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
const networkFailure = (message: string, code: unknown) => () =>
  Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) }));

/** A notifier over a scripted `fetch` and the fake clock. */
function scripted(
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

/** A scripted `fetch`, the fake clock and the retry reasons, for a notifier with a given budget. */
function harness(...answers: (() => Response | Promise<Response>)[]) {
  const time = fakeTime();
  const reasons: string[] = [];
  const { fetch, calls } = scriptedFetch(...answers);
  const notifier = (maxTotalMs: number) =>
    scripted(fetch, time, { maxTotalMs, onRetry: ({ reason }) => reasons.push(reason) });
  return { notifier, waits: time.waits, reasons, calls: () => calls.length };
}

let fake: FakeTelegram;
let time: ReturnType<typeof fakeTime>;

beforeEach(async () => {
  fake = await startFakeTelegram();
  time = fakeTime();
});

afterEach(async () => {
  await fake.close();
});

/** A notifier against the fake Bot API, on the fake clock. */
function onFake(overrides: Partial<TelegramNotifierOptions> = {}) {
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

describe('backoffMs', () => {
  it('waits between half and all of 500 ms doubled per attempt, capped at 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffMs(attempt, () => 0))).toEqual([
      250, 500, 1_000, 2_000, 4_000, 4_000, 4_000,
    ]);
    expect([1, 5, 6].map((attempt) => backoffMs(attempt, () => 1))).toEqual([500, 8_000, 8_000]);
  });
});

describe('Telegram notifier: what it sends', () => {
  it('delivers an HTML alert whose instance names hold _ . - < and & once escaped', async () => {
    const name = 'web_1.eu-west<prod>&co';
    const text = `<b>Stopped</b> <code>${escapeHtml(name)}</code> at 95.2% of 1024 GB`;

    await onFake().send(text);

    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ chatId: CHAT_ID, text, parseMode: 'HTML' });
    expect(time.waits).toEqual([]);
  });

  it('posts HTML with link previews disabled to the sendMessage URL, ignoring a trailing slash', async () => {
    const { fetch, calls } = scriptedFetch(delivered);
    const notifier = createTelegramNotifier({
      token: TOKEN,
      chatId: '@guard_alerts',
      apiRoot: 'http://tg.test/',
      fetch,
    });

    await notifier.send('<b>hi</b>');

    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`http://tg.test/bot${TOKEN}/sendMessage`);
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      chat_id: '@guard_alerts',
      text: '<b>hi</b>',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
  });

  it('strips every trailing slash of the API root', async () => {
    const { fetch, urls } = scriptedFetch(delivered);

    await scripted(fetch, fakeTime(), { apiRoot: 'http://127.0.0.1:8081///' }).send('x');

    expect(urls).toEqual([`http://127.0.0.1:8081/bot${TOKEN}/sendMessage`]);
  });
});

describe('Telegram notifier: how it retries', () => {
  it('waits retry_after seconds on a 429, then delivers', async () => {
    fake.injectFault({ kind: 'rate-limit', retryAfter: 3 });

    await onFake().send('report');

    expect(time.waits).toEqual([3000]);
    expect(fake.requests).toBe(2);
    expect(fake.messages.map((m) => m.text)).toEqual(['report']);
  });

  it('honours retry_after only on a 429: a 5xx that carries one backs off as usual', async () => {
    const time = fakeTime();
    const { fetch } = scriptedFetch(refusal(500, 'Internal Server Error', 30), delivered);

    await scripted(fetch, time).send('x');

    expect(time.waits).toEqual([250]);
  });

  it('backs off with jitter on a 429 that gives no retry_after', async () => {
    const waits: number[] = [];
    const { fetch } = scriptedFetch(
      () => Response.json({ ok: false, error_code: 429, description: 'Too Many Requests' }, { status: 429 }),
      delivered,
    );
    const notifier = createTelegramNotifier({
      token: TOKEN,
      chatId: '42',
      fetch,
      random: () => 0.999,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

    await notifier.send('x');

    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(500);
  });

  it('retries a 500, a proxy 502 page and a reset connection with growing backoff, then delivers', async () => {
    fake.injectFault({ kind: 'server-error' });
    fake.injectFault({ kind: 'server-error', status: 502 });
    fake.injectFault({ kind: 'reset' });
    const reasons: string[] = [];

    await onFake({ onRetry: ({ reason }) => reasons.push(reason) }).send('after the outage');

    expect(time.waits).toEqual([250, 500, 1000]);
    expect(reasons[0]).toBe('500 Internal Server Error');
    expect(reasons[1]).toBe('502 Bad Gateway');
    expect(reasons[2]).toMatch(/^connection cut: /);
    expect(fake.messages).toHaveLength(1);
  });

  it('times out a request that never gets an answer and retries it', async () => {
    fake.injectFault({ kind: 'hang', times: 2 });

    await onFake({ requestTimeoutMs: 150 }).send('slow network');

    expect(time.waits).toEqual([250, 500]);
    expect(fake.requests).toBe(3);
    expect(fake.messages).toHaveLength(1);
  });

  it('waits on the real clock when no sleep is injected', async () => {
    const { fetch } = scriptedFetch(refusal(500, 'Internal Server Error'), delivered);
    const sending = createTelegramNotifier({ token: TOKEN, chatId: '42', fetch, random: () => 0 });
    const started = Date.now();

    await sending.send('x');

    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });
});

describe('Telegram notifier: what it refuses at once', () => {
  it('does not retry a 400 and reports error_code and description from Telegram', async () => {
    const error = await onFake()
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

  it('fails at once on a 403 with the description Telegram gave', async () => {
    const { fetch, calls } = scriptedFetch(() =>
      Response.json(
        { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
        { status: 403 },
      ),
    );
    const notifier = createTelegramNotifier({ token: TOKEN, chatId: '42', fetch, sleep: async () => {} });

    const error = await notifier.send('x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect(error).toMatchObject({ errorCode: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(calls).toHaveLength(1);
  });

  it('gives no retry_after to a refusal that had none', async () => {
    const { fetch } = scriptedFetch(refusal(403, 'Forbidden: bot was blocked by the user'));

    const error = await scripted(fetch, fakeTime())
      .send('x')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect((error as TelegramRefusedError).retryAfter).toBeUndefined();
  });

  it('treats a 200 without ok:true as a refusal rather than risk a duplicate', async () => {
    const { fetch, calls } = scriptedFetch(() => Response.json({ result: true }, { status: 200 }));
    const notifier = createTelegramNotifier({ token: TOKEN, chatId: '42', fetch });

    const error = await notifier.send('x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect(calls).toHaveLength(1);
  });

  it('names a 200 web page as a captive portal or proxy, with what to do, and does not send again', async () => {
    const { fetch, calls } = scriptedFetch(
      () => new Response('<html>captive portal</html>', { status: 200 }),
    );
    const notifier = createTelegramNotifier({ token: TOKEN, chatId: '42', fetch });

    const error = await notifier.send('x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect((error as Error).message).toBe(
      'Telegram sendMessage failed: a web page answered in place of Telegram (HTTP 200, HTML from api.telegram.org); not retried',
    );
    expect((error as TelegramNetworkError).failure?.cure).toMatch(
      /^A captive portal .* log in to the network/,
    );
    expect(calls).toHaveLength(1);
  });
});

describe('Telegram notifier: its time budget and the run’s deadline', () => {
  it('gives up within the time budget with a TelegramNetworkError whose cause is the last refusal', async () => {
    fake.injectFault({ kind: 'server-error', times: 1000 });

    const error = await onFake({ maxTotalMs: 5_000 })
      .send('lost')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect((error as TelegramNetworkError).attempts).toBe(5);
    expect(time.waits).toEqual([250, 500, 1000, 2000]);
    expect((error as Error).message).toContain('gave up after 5 attempts');
    expect((error as Error).cause).toBeInstanceOf(TelegramRefusedError);
    expect(fake.messages).toHaveLength(0);
  });

  it('gives up at once when Telegram asks to wait longer than the budget', async () => {
    fake.injectFault({ kind: 'rate-limit', retryAfter: 120 });

    const error = await onFake({ maxTotalMs: 60_000 })
      .send('flood')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect((error as Error).message).toContain('429 Too Many Requests: retry after 120');
    expect(time.waits).toEqual([]);
  });

  it('keeps the retry_after of the last 429 on the refusal that caused the give-up', async () => {
    const time = fakeTime();
    const { fetch } = scriptedFetch(refusal(429, 'Too Many Requests: retry after 120', 120));

    const error = await scripted(fetch, time, { maxTotalMs: 60_000 })
      .send('flood')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect((error as Error).cause).toBeInstanceOf(TelegramRefusedError);
    expect((error as Error).cause).toMatchObject({ errorCode: 429, retryAfter: 120 });
  });

  it('limits a later attempt to what is left of the budget', async () => {
    const { notifier, reasons } = harness(badGateway, timedOut, delivered);

    await notifier(1_000).send('x');

    expect(reasons).toEqual(['502 Bad Gateway', 'no answer within 750 ms']);
  });

  it('does not start a wait that would end exactly at the end of the budget', async () => {
    const { notifier, waits, calls } = harness(badGateway, badGateway, delivered);

    const error = await notifier(750)
      .send('x')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect(waits).toEqual([250]);
    expect(calls()).toBe(2);
    expect(error).toMatchObject({ attempts: 2 });
  });

  it('reports a send with no time left as zero attempts of sendMessage', async () => {
    const { notifier, calls } = harness(delivered);

    const error = await notifier(0)
      .send('x')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    expect(error).toMatchObject({ method: 'sendMessage', attempts: 0 });
    expect(calls()).toBe(0);
  });

  it('says how many attempts it made in how long when it gives up', async () => {
    const time = fakeTime();
    const unavailable = refusal(502, 'Bad Gateway');
    const { fetch } = scriptedFetch(unavailable, unavailable, unavailable);

    const error = await scripted(fetch, time, { maxTotalMs: 1_000 })
      .send('x')
      .catch((e: unknown) => e);

    expect((error as Error).message).toBe(
      'Telegram sendMessage failed: gave up after 3 attempts in 750 ms (budget 1000 ms, next wait 1000 ms); last: 502 Bad Gateway',
    );
    expect(error).toMatchObject({ attempts: 3, method: 'sendMessage' });
  });

  it('speaks of one attempt in the singular', async () => {
    const { fetch } = scriptedFetch(refusal(502, 'Bad Gateway'));

    const error = await scripted(fetch, fakeTime(), { maxTotalMs: 100 })
      .send('x')
      .catch((e: unknown) => e);

    expect((error as Error).message).toContain('gave up after 1 attempt in 0 ms');
  });

  it('sends nothing once the run has no time left', async () => {
    const { fetch, calls } = scriptedFetch(delivered);
    const notifier = createTelegramNotifier({
      token: TOKEN,
      chatId: '1',
      fetch,
      now: () => 5_000,
      deadline: 5_000,
    });

    const sending = notifier.send('late');

    await expect(sending).rejects.toThrow(TelegramNetworkError);
    await expect(sending).rejects.toThrow(/no time left in this run/);
    expect(calls).toHaveLength(0);
  });

  it('stops retrying at the deadline even when the per-message budget has time left', async () => {
    let clock = 0;
    const waits: number[] = [];
    const unavailable = () =>
      Response.json({ ok: false, error_code: 502, description: 'Bad Gateway' }, { status: 502 });
    const { fetch, calls } = scriptedFetch(unavailable, unavailable, unavailable, unavailable, unavailable);
    const notifier = createTelegramNotifier({
      token: TOKEN,
      chatId: '1',
      fetch,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      random: () => 1,
      maxTotalMs: 60_000,
      deadline: 2_000,
    });

    await expect(notifier.send('x')).rejects.toThrow(/budget 2000 ms/);

    expect(waits).toEqual([500, 1_000]);
    expect(calls).toHaveLength(3);
  });

  it('delivers under a deadline that is not a whole millisecond', async () => {
    const { fetch, calls } = scriptedFetch(delivered);
    const notifier = createTelegramNotifier({
      token: TOKEN,
      chatId: '1',
      fetch,
      now: () => 0,
      deadline: 1_013.399_902_343_75,
    });

    await notifier.send('on time');

    expect(calls).toHaveLength(1);
  });
});

describe('Telegram notifier: why it failed, never with the token', () => {
  it('throws the error pair every channel throws: refused, or unreachable in time', async () => {
    const refused = await scripted(
      scriptedFetch(refusal(403, 'Forbidden: bot was blocked by the user')).fetch,
      fakeTime(),
    )
      .send('x')
      .catch((e: unknown) => e);
    const unreachable = await scripted(scriptedFetch(badGateway).fetch, fakeTime(), { maxTotalMs: 100 })
      .send('x')
      .catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(ChannelRefusedError);
    expect(unreachable).toBeInstanceOf(ChannelUnreachableError);
    expect(unreachable).toMatchObject({ attempts: 1 });
  });

  it('says a request without an answer timed out, naming the per-request limit', async () => {
    const time = fakeTime();
    const timedOut = () =>
      Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const aborted = () => Promise.reject(new DOMException('This operation was aborted', 'AbortError'));
    const { fetch } = scriptedFetch(timedOut, aborted, delivered);
    const reasons: string[] = [];

    await scripted(fetch, time, {
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

    await scripted(fetch, time, { onRetry: ({ reason }) => reasons.push(reason) }).send('x');

    expect(reasons).toEqual(['connection cut: other side closed (UND_ERR_SOCKET)']);
  });

  it('does not repeat a code the message already names', async () => {
    const { notifier, reasons } = harness(
      networkFailure('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'),
      delivered,
    );

    await notifier(60_000).send('x');

    expect(reasons).toEqual(['connection refused: connect ECONNREFUSED 127.0.0.1:9']);
  });

  it('adds only a code given as text', async () => {
    const { notifier, reasons } = harness(networkFailure('socket hang up', 104), delivered);

    await notifier(60_000).send('x');

    expect(reasons).toEqual(['network error: socket hang up']);
  });

  it('gets a 401 for a wrong token and never shows that token', async () => {
    const wrongToken = '654321:WRONG-fake-token-not-real_zyxwvutsrq';

    const error = await onFake({ token: wrongToken })
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

    const error = await onFake({ maxTotalMs: 1_000 })
      .send('nobody listens')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    const chain = [String(error), (error as Error).stack, String((error as Error).cause)].join('\n');
    expect(chain).toMatch(/ECONNREFUSED/);
    expect(chain).not.toContain(fake.token);
    expect(chain).not.toContain('/bot');
    fake = await startFakeTelegram();
  });

  it('wraps a thrown fetch error whose message holds the URL without leaking the token', async () => {
    const url = `https://api.telegram.org/bot${TOKEN}/sendMessage`;
    const fetch = (async () => {
      throw new TypeError(`fetch failed for ${url}`, {
        cause: Object.assign(new Error(`connect ECONNREFUSED while calling ${url}`), {
          code: 'ECONNREFUSED',
        }),
      });
    }) as typeof globalThis.fetch;
    const notifier = createTelegramNotifier({ token: TOKEN, chatId: '42', fetch, maxTotalMs: 100 });

    const error = await notifier.send('x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramNetworkError);
    const texts: string[] = [String(error), JSON.stringify(error)];
    for (let e: unknown = error; e instanceof Error; e = e.cause) texts.push(e.message, e.stack ?? '');
    const all = texts.join('\n');
    expect(all).toContain('<redacted>');
    expect(all).toContain('ECONNREFUSED');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('UNIT-fake-token');
  });
});
