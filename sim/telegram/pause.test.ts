import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from './index.js';

let fake: FakeTelegram;
let open: FakeTelegram | undefined;
beforeEach(async () => {
  fake = await startFakeTelegram({ chats: ['42'] });
  open = fake;
});
afterEach(async () => {
  await open?.close();
});

const call = (method: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
const send = (text: string, signal?: AbortSignal) => call('sendMessage', { chat_id: 42, text }, signal);
/** Long enough for the fake to act on a release: it waits one turn of its event loop. */
const afterRelease = () => sleep(100);

describe('the fake Telegram pause gate', () => {
  it('holds a sendMessage unrecorded until release, then records and answers it', async () => {
    const pause = fake.pause();

    const pending = send('hello');
    const arrived = await pause.arrived;
    const recordedWhileHeld = fake.messages.length;
    const me = await call('getMe', {});
    pause.release();
    const response = await pending;

    expect(arrived).toEqual({ chatId: '42', text: 'hello' });
    expect(recordedWhileHeld).toBe(0);
    expect(me.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, result: { text: 'hello' } });
    expect(fake.messages.map((m) => m.text)).toEqual(['hello']);
  });

  it('never records a held message whose client went away before release', async () => {
    const pause = fake.pause();
    const abort = new AbortController();

    const pending = send('lost', abort.signal).catch((e: unknown) => e);
    await pause.arrived;
    abort.abort();
    const outcome = await pending;
    pause.release();
    await afterRelease();

    expect(outcome).toMatchObject({ name: 'AbortError' });
    expect(fake.messages).toEqual([]);
  });

  it('with deliverFirst, records the message before holding its answer, so the client can miss it', async () => {
    const pause = fake.pause({ deliverFirst: true });
    const abort = new AbortController();

    const pending = send('delivered', abort.signal).catch((e: unknown) => e);
    await pause.arrived;
    const recordedWhileHeld = fake.messages.map((m) => m.text);
    abort.abort();
    const outcome = await pending;
    pause.release();
    await afterRelease();

    expect(recordedWhileHeld).toEqual(['delivered']);
    expect(outcome).toMatchObject({ name: 'AbortError' });
    expect(fake.messages.map((m) => m.text)).toEqual(['delivered']);
  });

  it('holds only as many sendMessage requests as times says', async () => {
    const pause = fake.pause({ times: 1 });

    const first = send('first');
    await pause.arrived;
    const second = await send('second');
    const recordedWhileFirstHeld = fake.messages.map((m) => m.text);
    pause.release();
    await first;

    expect(second.status).toBe(200);
    expect(recordedWhileFirstHeld).toEqual(['second']);
    expect(fake.messages.map((m) => m.text)).toEqual(['second', 'first']);
  });

  it('drops held requests on close without waiting, and fails an arrived that never came', async () => {
    const holding = fake.pause({ times: 1 });
    const idle = fake.pause();
    const pending = send('held').catch((e: unknown) => e);
    await holding.arrived;

    const t0 = performance.now();
    open = undefined;
    await fake.close();
    const closing = performance.now() - t0;

    expect(closing).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
    await expect(idle.arrived).rejects.toThrow(/closed before a request reached the pause/);
  });
});
