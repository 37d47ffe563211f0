import { describe, expect, it } from 'vitest';
import { TelegramNetworkError } from '../../src/telegram/errors.js';
import { createTelegramNotifier } from '../../src/telegram/notifier.js';

const TOKEN = '1234:UNIT-fake-token-not-real_abcdefghijklm';

/** A clock that moves only when the notifier sleeps, a scripted `fetch`, and the retry reasons. */
function harness(...answers: (() => Response | Promise<Response>)[]) {
  let clock = 0;
  let calls = 0;
  const waits: number[] = [];
  const reasons: string[] = [];
  const fetch = (async () => {
    const next = answers[calls++];
    if (!next) throw new Error('unexpected extra request');
    return next();
  }) as typeof globalThis.fetch;
  const notifier = (maxTotalMs: number) =>
    createTelegramNotifier({
      token: TOKEN,
      chatId: '42',
      fetch,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      random: () => 0,
      maxTotalMs,
      onRetry: ({ reason }) => reasons.push(reason),
    });
  return { notifier, waits, reasons, calls: () => calls };
}

const badGateway = () =>
  Response.json({ ok: false, error_code: 502, description: 'Bad Gateway' }, { status: 502 });
const timedOut = () =>
  Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
const delivered = () => Response.json({ ok: true, result: { message_id: 1 } });
const networkFailure = (message: string, code: unknown) => () =>
  Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) }));

describe('Telegram notifier time budget', () => {
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
});

describe('Telegram notifier network-failure reasons', () => {
  it('does not repeat a code the message already names', async () => {
    const { notifier, reasons } = harness(
      networkFailure('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'),
      delivered,
    );

    await notifier(60_000).send('x');

    expect(reasons).toEqual(['network error: connect ECONNREFUSED 127.0.0.1:9']);
  });

  it('adds only a code given as text', async () => {
    const { notifier, reasons } = harness(networkFailure('socket hang up', 104), delivered);

    await notifier(60_000).send('x');

    expect(reasons).toEqual(['network error: socket hang up']);
  });
});
