import { describe, expect, it } from 'vitest';
import { TelegramNetworkError, TelegramRefusedError } from '../../src/telegram/errors.js';
import { createTelegramNotifier } from '../../src/telegram/notifier.js';

const TOKEN = '1234:UNIT-fake-token-not-real_abcdefghijklm';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** A `fetch` that records calls and plays the given answers in order. */
function scriptedFetch(...answers: (() => Response)[]) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const next = answers[calls.length - 1];
    if (!next) throw new Error('unexpected extra request');
    return next();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const delivered = () => Response.json({ ok: true, result: { message_id: 1 } });

describe('Telegram notifier with an injected fetch', () => {
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

  it('treats a 200 without ok:true as a refusal rather than risk a duplicate', async () => {
    const { fetch, calls } = scriptedFetch(
      () => new Response('<html>captive portal</html>', { status: 200 }),
    );
    const notifier = createTelegramNotifier({ token: TOKEN, chatId: '42', fetch });

    const error = await notifier.send('x').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TelegramRefusedError);
    expect(calls).toHaveLength(1);
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

describe('Telegram notifier with a run deadline', () => {
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
