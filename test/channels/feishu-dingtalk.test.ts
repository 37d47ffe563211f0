import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDingtalkChannel, DINGTALK_LIMITS } from '../../src/channels/dingtalk.js';
import { createFeishuChannel, FEISHU_LIMITS } from '../../src/channels/feishu.js';
import { aLargeBatch, utf8Bytes } from '../support/batches.js';
import { failure, fakeTime, PUSH_NOW as NOW } from '../support/fake-time.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';
import { aMessage } from '../support/messages.js';

const FEISHU_PATH = '/open-apis/bot/v2/hook/fake-feishu-hook-token-0000';
const DINGTALK_TOKEN = 'fake-dingtalk-access-token-0000';
const SECRET = 'SECfake0dingtalk0secret0not0real0000000000000000';

describe('the Feishu channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('posts a text message headed by the subject, signed as Feishu documents: HMAC-SHA256 keyed by timestamp and secret over nothing', async () => {
    server = await startLocalServer({ status: 200, body: '{"code":0,"msg":"success","data":{}}' });
    const channel = createFeishuChannel(
      { url: `${server.root}${FEISHU_PATH}`, secret: SECRET },
      fakeTime().options,
    );

    await channel.send(aMessage());

    const body = JSON.parse(server.received[0]?.body ?? '{}');
    const timestamp = String(NOW / 1000);
    expect(server.received[0]?.url).toBe(FEISHU_PATH);
    expect(body).toEqual({
      timestamp,
      sign: createHmac('sha256', `${timestamp}\n${SECRET}`).update('').digest('base64'),
      msg_type: 'text',
      content: { text: `${aMessage().subject}\n\n${aMessage().text}` },
    });
  });

  it('sends no signature fields without a secret', async () => {
    server = await startLocalServer({ status: 200, body: '{"StatusCode":0,"StatusMessage":"success"}' });
    const channel = createFeishuChannel({ url: `${server.root}${FEISHU_PATH}`, secret: undefined });

    await channel.send(aMessage());

    expect(Object.keys(JSON.parse(server.received[0]?.body ?? '{}'))).toEqual(['msg_type', 'content']);
  });

  it('keeps every request of a large run under 20 KB, at most 100 a minute', async () => {
    server = await startLocalServer({ status: 200, body: '{"code":0}' });
    const { time, options } = fakeTime();
    const channel = createFeishuChannel({ url: `${server.root}${FEISHU_PATH}`, secret: SECRET }, options);
    const batch = aLargeBatch(channel.format, 400);

    for (const { message } of batch) await channel.send(message);

    expect(batch.length).toBeGreaterThan(1);
    for (const request of server.received)
      expect(utf8Bytes(request.body)).toBeLessThanOrEqual(FEISHU_LIMITS.bodyBytes);
    expect(time.waits).toEqual(Array.from({ length: batch.length - 1 }, () => 600));
  });

  it('refuses on a failed signature, naming Feishu’s code, never the hook token', async () => {
    server = await startLocalServer({
      status: 200,
      body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
    });
    const channel = createFeishuChannel({ url: `${server.root}${FEISHU_PATH}`, secret: SECRET });

    const error = await failure(channel.send(aMessage()));

    expect(error?.message).toBe(
      'Feishu refused the message: code 19021 sign match fail or timestamp is not within one hour from current time',
    );
    expect(server.received).toHaveLength(1);
  });
});

describe('the DingTalk channel', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('signs in the query as DingTalk documents: HMAC-SHA256 keyed by the secret over timestamp and secret, in milliseconds', async () => {
    server = await startLocalServer({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const channel = createDingtalkChannel(
      { url: `${server.root}/robot/send?access_token=${DINGTALK_TOKEN}`, secret: SECRET },
      fakeTime().options,
    );

    await channel.send(aMessage());

    const url = new URL(server.received[0]?.url ?? '', server.root);
    const timestamp = String(NOW);
    expect(url.pathname).toBe('/robot/send');
    expect(url.searchParams.get('access_token')).toBe(DINGTALK_TOKEN);
    expect(url.searchParams.get('timestamp')).toBe(timestamp);
    expect(url.searchParams.get('sign')).toBe(
      createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64'),
    );
    expect(JSON.parse(server.received[0]?.body ?? '{}')).toEqual({
      msgtype: 'text',
      text: { content: `${aMessage().subject}\n\n${aMessage().text}` },
    });
  });

  it('keeps every message of a large run under 15,000 bytes, at most 20 a minute', async () => {
    server = await startLocalServer({ status: 200, body: '{"errcode":0}' });
    const { time, options } = fakeTime();
    const channel = createDingtalkChannel(
      { url: `${server.root}/robot/send?access_token=${DINGTALK_TOKEN}`, secret: undefined },
      options,
    );
    const batch = aLargeBatch(channel.format, 200);

    for (const { message } of batch) await channel.send(message);

    expect(batch.length).toBeGreaterThan(1);
    for (const request of server.received) {
      expect(utf8Bytes(JSON.parse(request.body).text.content)).toBeLessThanOrEqual(DINGTALK_LIMITS.textBytes);
    }
    expect(time.waits).toEqual(Array.from({ length: batch.length - 1 }, () => 3_000));
  });

  it('names a refused signature without the access token or the secret', async () => {
    server = await startLocalServer({
      status: 200,
      body: `{"errcode":310000,"errmsg":"sign not match, more: [https://oapi.dingtalk.com/robot/send?access_token=${DINGTALK_TOKEN}]"}`,
    });
    const channel = createDingtalkChannel({
      url: `${server.root}/robot/send?access_token=${DINGTALK_TOKEN}`,
      secret: SECRET,
    });

    const error = await failure(channel.send(aMessage()));

    expect(error?.message).toContain('errcode 310000 sign not match');
    expect(error?.message).not.toContain(DINGTALK_TOKEN);
    expect(error?.message).not.toContain(SECRET);
  });
});
