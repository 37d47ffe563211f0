import { describe, expect, it } from 'vitest';
import { jsonPost } from '../../src/channels/delivery.js';
import { httpChannel } from '../../src/channels/http-channel.js';
import { failure, fakeTime } from '../support/fake-time.js';
import { aMessage } from '../support/messages.js';

const KEY = 'fake-key-not-real-0000';
const DESCRIPTOR = {
  name: 'example',
  label: 'Example',
  format: { body: 'text', limit: 1_000, measure: 'utf8' },
} as const;

/** A fetch that answers each request in turn from `replies` and records what it was sent. */
function answering(...replies: Response[]) {
  const sent: { url: string; body: string }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, body: String(init.body) });
    return replies.shift() ?? new Response('ok');
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

describe('an HTTP channel built from its descriptor and what is its own', () => {
  it('takes its name, label and limits from the descriptor and posts the request it builds', async () => {
    const { fetch, sent } = answering(new Response('ok'));
    const channel = httpChannel(
      DESCRIPTOR,
      {
        secrets: [KEY],
        request: (message) => jsonPost(`http://127.0.0.1:1/${KEY}`, { text: message.subject }),
      },
      { fetch },
    );

    await channel.send(aMessage({ subject: 'hello' }));

    expect(channel).toMatchObject(DESCRIPTOR);
    expect(sent).toEqual([{ url: `http://127.0.0.1:1/${KEY}`, body: '{"text":"hello"}' }]);
  });

  it('builds the request afresh for every attempt and reads answers with its judge', async () => {
    const { time, options } = fakeTime();
    const { fetch, sent } = answering(new Response('busy', { status: 503 }), new Response('{"code":9}'));
    let built = 0;
    const channel = httpChannel(
      DESCRIPTOR,
      {
        secrets: [KEY],
        request: () => jsonPost('http://127.0.0.1:1/', { attempt: ++built }),
        judge: (answer) =>
          answer.status === 503
            ? { kind: 'retry', reason: 'busy' }
            : { kind: 'refused', reason: `said ${KEY}` },
      },
      { ...options, fetch },
    );

    const error = await failure(channel.send(aMessage()));

    expect(sent.map((request) => request.body)).toEqual(['{"attempt":1}', '{"attempt":2}']);
    expect(time.waits).toEqual([250]);
    expect(error?.message).toBe('Example refused the message: said <redacted>');
  });

  it('keeps two messages a minute apart by its per-minute limit, and judges by status without a judge', async () => {
    const { time, options } = fakeTime();
    const { fetch } = answering(new Response('ok'), new Response('gone', { status: 404 }));
    const channel = httpChannel(
      DESCRIPTOR,
      { secrets: [], perMinute: 20, request: () => jsonPost('http://127.0.0.1:1/', {}) },
      { ...options, fetch },
    );

    await channel.send(aMessage());
    const error = await failure(channel.send(aMessage()));

    expect(time.waits).toEqual([3_000]);
    expect(error?.message).toBe('Example refused the message: HTTP 404: gone');
  });
});

describe('a JSON POST', () => {
  it('sends the payload as UTF-8 JSON, with any headers a service adds', () => {
    expect(jsonPost('https://ntfy.example/', { topic: 't' }, { authorization: 'Bearer tk_x' })).toEqual({
      url: 'https://ntfy.example/',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer tk_x' },
      body: '{"topic":"t"}',
    });
  });
});
