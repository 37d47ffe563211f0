import { afterEach, describe, expect, it } from 'vitest';
import { ChannelRefusedError } from '../../src/channels/errors.js';
import { createNtfyChannel, NTFY_MESSAGE_MAX_BYTES, ntfyTarget } from '../../src/channels/ntfy.js';
import { parseConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { aLargeBatch, utf8Bytes } from '../support/batches.js';
import { failure, fakeTime } from '../support/fake-time.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';
import { aMessage } from '../support/messages.js';

const TOPIC = 'guard-alerts-fake-topic-0000';
const TOKEN = 'tk_fakentfytokennotreal000000000';

describe('the ntfy channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('publishes the JSON form to the server’s root: the topic, a UTF-8 title, the text and a high priority for a stop', async () => {
    server = await startLocalServer({ status: 200, body: '{"id":"x","event":"message"}' });
    const channel = createNtfyChannel({ url: `${server.root}/ntfy/${TOPIC}`, token: TOKEN });

    await channel.send(aMessage({ subject: 'lightsail-guard：web_1 已停止（97.0%）' }));

    expect(server.received[0]?.method).toBe('POST');
    expect(server.received[0]?.url).toBe('/ntfy');
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(server.received[0]?.body ?? '{}')).toEqual({
      topic: TOPIC,
      title: 'lightsail-guard：web_1 已停止（97.0%）',
      message: aMessage().text,
      priority: 4,
    });
  });

  it('sends a warning at the default priority and the report at a low one, without a token when none is set', async () => {
    server = await startLocalServer({ status: 200, body: '{}' });
    const channel = createNtfyChannel({ url: `${server.root}/${TOPIC}`, token: undefined });

    await channel.send(aMessage({ events: [] }));
    await channel.send(aMessage({ type: 'report', events: [] }));

    expect(server.received.map((request) => JSON.parse(request.body).priority)).toEqual([3, 2]);
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });

  it('keeps every message within ntfy’s 4,096 bytes, Chinese included', async () => {
    server = await startLocalServer({ status: 200, body: '{}' });
    const channel = createNtfyChannel(
      { url: `${server.root}/${TOPIC}`, token: undefined },
      fakeTime().options,
    );
    const batch = aLargeBatch(channel.format, 60);

    for (const { message } of batch) await channel.send(message);

    expect(batch.length).toBeGreaterThan(1);
    for (const request of server.received) {
      expect(utf8Bytes(JSON.parse(request.body).message)).toBeLessThanOrEqual(NTFY_MESSAGE_MAX_BYTES);
    }
  });

  it('refuses on ntfy’s error answer, never naming the topic or the token', async () => {
    server = await startLocalServer({
      status: 403,
      body: '{"code":40301,"http":403,"error":"forbidden","link":"https://ntfy.sh/docs/publish/#authentication"}',
    });
    const channel = createNtfyChannel({ url: `${server.root}/${TOPIC}`, token: TOKEN }, fakeTime().options);

    const error = await failure(channel.send(aMessage()));

    expect(error).toBeInstanceOf(ChannelRefusedError);
    expect(error?.message).toBe('ntfy refused the message: HTTP 403: code 40301 forbidden');
    expect(server.received).toHaveLength(1);
  });

  it('waits the Retry-After of a 429, then delivers', async () => {
    server = await startLocalServer({ status: 200, body: '{}' });
    server.replies.push({
      status: 429,
      body: '{"code":42901,"http":429,"error":"limit reached: too many requests"}',
      headers: { 'retry-after': '5' },
    });
    const { time, options } = fakeTime();
    const channel = createNtfyChannel({ url: `${server.root}/${TOPIC}`, token: undefined }, options);

    await channel.send(aMessage());

    expect(time.waits).toEqual([5_000]);
  });

  it('reads NTFY_URL on any server, with NTFY_TOKEN only beside it, and refuses a URL without a topic', () => {
    expect(
      parseConfig({ NTFY_URL: `https://ntfy.example.org/${TOPIC}`, NTFY_TOKEN: TOKEN }).channels.ntfy,
    ).toEqual({
      url: `https://ntfy.example.org/${TOPIC}`,
      token: TOKEN,
    });
    expect(ntfyTarget(`https://ntfy.sh/${TOPIC}`)).toEqual({ root: 'https://ntfy.sh', topic: TOPIC });
    expect(() => parseConfig({ NTFY_URL: 'https://ntfy.sh/' })).toThrow(ConfigError);
    expect(() => parseConfig({ NTFY_TOKEN: TOKEN })).toThrow('NTFY_TOKEN is set but NTFY_URL is not');
  });
});
