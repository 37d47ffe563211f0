import { afterEach, describe, expect, it } from 'vitest';
import { BARK_GROUP, BARK_LIMITS, barkTarget, createBarkChannel } from '../../src/channels/bark.js';
import {
  createServerchanChannel,
  markdownText,
  SERVERCHAN_LIMITS,
  serverchanUrl,
} from '../../src/channels/serverchan.js';
import { createWecomChannel, WECOM_LIMITS } from '../../src/channels/wecom.js';
import { aLargeBatch, utf8Bytes } from '../support/batches.js';
import { failure, fakeTime } from '../support/fake-time.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';
import { aMessage } from '../support/messages.js';

const WECOM_KEY = '00000000-fake-wecom-key-not0real00000';
const BARK_KEY = 'FakeBarkDeviceKeyNotReal0';
const SENDKEY = 'SCT000000TfakeSendKeyNotReal0000';

describe('the WeCom channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('posts a text message headed by the subject to the robot’s URL', async () => {
    server = await startLocalServer({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const channel = createWecomChannel({
      url: `${server.root}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
    });

    await channel.send(aMessage());

    expect(server.received[0]?.url).toBe(`/cgi-bin/webhook/send?key=${WECOM_KEY}`);
    expect(JSON.parse(server.received[0]?.body ?? '{}')).toEqual({
      msgtype: 'text',
      text: { content: `${aMessage().subject}\n\n${aMessage().text}` },
    });
  });

  it('keeps every message’s content within 2,048 bytes of UTF-8, Chinese included, at most 20 a minute', async () => {
    server = await startLocalServer({ status: 200, body: '{"errcode":0}' });
    const { time, options } = fakeTime();
    const channel = createWecomChannel(
      { url: `${server.root}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
      options,
    );
    const batch = aLargeBatch(channel.format, 30);

    for (const { message } of batch) await channel.send(message);

    expect(batch.length).toBeGreaterThan(1);
    for (const request of server.received) {
      expect(utf8Bytes(JSON.parse(request.body).text.content)).toBeLessThanOrEqual(WECOM_LIMITS.contentBytes);
    }
    expect(time.waits).toEqual(Array.from({ length: batch.length - 1 }, () => 3_000));
  });

  it('refuses on WeCom’s error code, never naming the key', async () => {
    server = await startLocalServer({
      status: 200,
      body: `{"errcode":93000,"errmsg":"invalid webhook url, hint: [key=${WECOM_KEY}]"}`,
    });
    const channel = createWecomChannel({
      url: `${server.root}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
    });

    const error = await failure(channel.send(aMessage()));

    expect(error?.message).toContain('WeCom refused the message: errcode 93000 invalid webhook url');
    expect(error?.message).not.toContain(WECOM_KEY);
  });
});

describe('barkTarget', () => {
  it('reads the server and the device key from the URL the app shows', () => {
    expect(barkTarget(`https://api.day.app/${BARK_KEY}`)).toEqual({
      root: 'https://api.day.app',
      deviceKey: BARK_KEY,
    });
    expect(barkTarget(`https://bark.example.com/relay/${BARK_KEY}/`)).toEqual({
      root: 'https://bark.example.com/relay',
      deviceKey: BARK_KEY,
    });
  });
});

describe('the Bark channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('pushes the subject as the title and the text as the body to /push, filed under the guard’s group', async () => {
    server = await startLocalServer({ status: 200, body: '{"code":200,"message":"success","timestamp":1}' });
    const channel = createBarkChannel({ url: `${server.root}/${BARK_KEY}` });

    await channel.send(aMessage());
    await channel.send(aMessage({ events: [{ kind: 'warn', text: 'x' }] }));
    await channel.send(aMessage({ type: 'report' }));

    expect(server.received[0]?.url).toBe('/push');
    expect(JSON.parse(server.received[0]?.body ?? '{}')).toEqual({
      device_key: BARK_KEY,
      title: aMessage().subject,
      body: aMessage().text,
      group: BARK_GROUP,
      level: 'timeSensitive',
    });
    expect(server.received.map((request) => JSON.parse(request.body).level)).toEqual([
      'timeSensitive',
      'active',
      'passive',
    ]);
  });

  it('keeps each push within Apple’s 4 KB payload', async () => {
    server = await startLocalServer({ status: 200, body: '{"code":200}' });
    const channel = createBarkChannel({ url: `${server.root}/${BARK_KEY}` });
    const batch = aLargeBatch(channel.format, 40);

    for (const { message } of batch) await channel.send(message);

    expect(batch.length).toBeGreaterThan(1);
    for (const request of server.received) {
      const { title, body } = JSON.parse(request.body);
      expect(utf8Bytes(body)).toBeLessThanOrEqual(BARK_LIMITS.bodyBytes);
      expect(utf8Bytes(request.body)).toBeLessThan(BARK_LIMITS.payloadBytes);
      expect([...title].length).toBeLessThanOrEqual(99);
    }
  });

  it('refuses on Bark’s error code, never naming the device key', async () => {
    server = await startLocalServer({
      status: 400,
      body: `{"code":400,"message":"failed to get device token: device key ${BARK_KEY} not found"}`,
    });
    const channel = createBarkChannel({ url: `${server.root}/${BARK_KEY}` });

    const error = await failure(channel.send(aMessage()));

    expect(error?.message).toContain('Bark refused the message: code 400 failed to get device token');
    expect(error?.message).not.toContain(BARK_KEY);
  });
});

describe('serverchanUrl', () => {
  it('sends Turbo keys to sctapi.ftqq.com and ServerChan³ keys to their own host', () => {
    expect(serverchanUrl(SENDKEY)).toBe(`https://sctapi.ftqq.com/${SENDKEY}.send`);
    expect(serverchanUrl('sctp12345tFakeKey')).toBe(
      'https://12345.push.ft07.com/send/sctp12345tFakeKey.send',
    );
    expect(serverchanUrl(SENDKEY, 'http://127.0.0.1:9/')).toBe(`http://127.0.0.1:9/${SENDKEY}.send`);
  });
});

describe('the ServerChan channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('posts a title of at most 32 characters and the text as escaped markdown, headed by the whole subject', async () => {
    server = await startLocalServer({ status: 200, body: '{"code":0,"message":"","data":{"pushid":"1"}}' });
    const channel = createServerchanChannel({ sendKey: SENDKEY, apiRoot: server.root });

    await channel.send(aMessage());

    const body = JSON.parse(server.received[0]?.body ?? '{}');
    expect(server.received[0]?.url).toBe(`/${SENDKEY}.send`);
    expect([...body.title].length).toBeLessThanOrEqual(SERVERCHAN_LIMITS.titleChars);
    expect(body.title).toBe('lightsail-guard: web_1 stopped…');
    expect(body.desp).toBe(markdownText(`${aMessage().subject}\n${aMessage().text}`));
    expect(body.desp).toContain('web\\_1');
    expect(body.desp.split('\n\n')[0]).toBe('lightsail\\-guard: web\\_1 stopped \\(97\\.0%\\)');
  });

  it('keeps a large run in one message under 32 KB, so the daily quota is spent on runs, not alerts', async () => {
    server = await startLocalServer({ status: 200, body: '{"code":0}' });
    const channel = createServerchanChannel({ sendKey: SENDKEY, apiRoot: server.root });
    const batch = aLargeBatch(channel.format, 40);

    for (const { message } of batch) await channel.send(message);

    expect(batch).toHaveLength(1);
    expect(utf8Bytes(JSON.parse(server.received[0]?.body ?? '{}').desp)).toBeLessThanOrEqual(
      SERVERCHAN_LIMITS.despBytes,
    );
  });

  it('refuses on ServerChan’s error code, never naming the SendKey', async () => {
    server = await startLocalServer({
      status: 200,
      body: `{"code":40001,"message":"bad pushtoken ${SENDKEY}"}`,
    });
    const channel = createServerchanChannel({ sendKey: SENDKEY, apiRoot: server.root });

    const error = await failure(channel.send(aMessage()));

    expect(error?.message).toContain('ServerChan refused the message: code 40001 bad pushtoken');
    expect(error?.message).not.toContain(SENDKEY);
  });
});
