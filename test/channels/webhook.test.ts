import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookChannel, WEBHOOK_BODY_VERSION } from '../../src/channels/webhook.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';
import { aMessage } from '../support/messages.js';

const SECRET = 'fake-webhook-secret-not-real';
const PATH = '/hooks/T0000FAKE/s3cr3t-path-token-not-real';
const SENT_AT = Date.UTC(2026, 10, 20, 10, 0, 0);

/** What a receiver does: recompute the signature over `<timestamp>.<body>` and compare in constant time. */
function verified(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe('the webhook channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('POSTs the versioned JSON body: type, language, subject, text and every event with its figures', async () => {
    server = await startLocalServer({ status: 204 });
    const channel = createWebhookChannel(
      { url: `${server.root}${PATH}`, secret: undefined },
      { now: () => SENT_AT },
    );

    await channel.send(aMessage());

    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(PATH);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      version: WEBHOOK_BODY_VERSION,
      source: 'lightsail-guard',
      type: 'alerts',
      language: 'en',
      sentAt: '2026-11-20T10:00:00.000Z',
      subject: 'lightsail-guard: web_1 stopped (97.0%)',
      text: aMessage().text,
      events: aMessage().events,
    });
    expect(WEBHOOK_BODY_VERSION).toBe(1);
    expect(request?.headers['x-lightsail-guard-signature']).toBeUndefined();
  });

  it('signs the body with HMAC-SHA256 over the timestamp and the body, so a receiver can verify it', async () => {
    server = await startLocalServer({ status: 200 });
    const channel = createWebhookChannel(
      { url: `${server.root}${PATH}`, secret: SECRET },
      { now: () => SENT_AT },
    );

    await channel.send(aMessage());

    const headers = server.received[0]?.headers ?? {};
    const timestamp = String(headers['x-lightsail-guard-timestamp']);
    expect(timestamp).toBe(String(SENT_AT / 1000));
    expect(
      verified(
        SECRET,
        timestamp,
        server.received[0]?.body ?? '',
        String(headers['x-lightsail-guard-signature']),
      ),
    ).toBe(true);
    expect(
      verified(
        'another-secret',
        timestamp,
        server.received[0]?.body ?? '',
        String(headers['x-lightsail-guard-signature']),
      ),
    ).toBe(false);
    expect(JSON.stringify(server.received[0])).not.toContain(SECRET);
  });

  it('retries a 503 and a 429 after its Retry-After, signing each attempt afresh, then delivers', async () => {
    server = await startLocalServer({ status: 200 });
    server.replies.push({ status: 503, body: 'busy' }, { status: 429, headers: { 'retry-after': '2' } });
    const waits: number[] = [];
    let clock = SENT_AT;
    const channel = createWebhookChannel(
      { url: `${server.root}${PATH}`, secret: SECRET },
      {
        now: () => clock,
        random: () => 0,
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
      },
    );

    await channel.send(aMessage());

    expect(server.received).toHaveLength(3);
    expect(waits).toEqual([250, 2000]);
    const stamps = server.received.map((request) => request.headers['x-lightsail-guard-timestamp']);
    const first = SENT_AT / 1000;
    expect(stamps).toEqual([String(first), String(first), String(first + 2)]);
  });

  it('gives up at once on a 400, naming the status and the answer but never the URL or its secret path', async () => {
    server = await startLocalServer({ status: 400, body: `{"error":"bad request to ${PATH}"}` });
    const channel = createWebhookChannel({ url: `${server.root}${PATH}`, secret: SECRET });

    const error = await channel.send(aMessage()).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );

    expect(server.received).toHaveLength(1);
    expect(error?.name).toBe('ChannelRefusedError');
    expect(error?.message).toContain('Webhook refused the message: HTTP 400');
    expect(error?.message).not.toContain('s3cr3t-path-token-not-real');
    expect(error?.message).not.toContain(SECRET);
  });

  it('stops retrying within the run deadline when the receiver never answers', async () => {
    server = await startLocalServer({ hang: true });
    const started = Date.now();
    const channel = createWebhookChannel(
      { url: `${server.root}${PATH}`, secret: undefined },
      { deadline: started + 600, requestTimeoutMs: 200 },
    );

    const error = await channel.send(aMessage()).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );

    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error?.name).toBe('ChannelUnreachableError');
    expect(error?.message).toMatch(/^Webhook: gave up after \d attempts? .*no answer within \d+ ms/);
  });

  it('names a network failure without the URL', async () => {
    server = await startLocalServer();
    const closed = server.root;
    await server.close();
    server = await startLocalServer();
    const channel = createWebhookChannel(
      { url: `${closed}${PATH}`, secret: undefined },
      { maxTotalMs: 300, random: () => 0 },
    );

    const error = await channel.send(aMessage()).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );

    expect(error?.message).toContain('connection refused');
    expect(error?.message).not.toContain('s3cr3t-path-token-not-real');
    const chain: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) chain.push(e.message, e.stack ?? '');
    expect(chain.length).toBeGreaterThan(2);
    expect(chain.join('\n')).not.toContain('s3cr3t-path-token-not-real');
  });
});
