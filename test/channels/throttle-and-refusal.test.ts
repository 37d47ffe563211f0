import { afterEach, describe, expect, it } from 'vitest';
import { createBarkChannel } from '../../src/channels/bark.js';
import type { HttpOptions } from '../../src/channels/delivery.js';
import { createDingtalkChannel } from '../../src/channels/dingtalk.js';
import { ChannelRefusedError } from '../../src/channels/errors.js';
import { createFeishuChannel } from '../../src/channels/feishu.js';
import { createServerchanChannel } from '../../src/channels/serverchan.js';
import { createWebhookChannel } from '../../src/channels/webhook.js';
import { createWecomChannel } from '../../src/channels/wecom.js';
import type { Channel } from '../../src/core/ports.js';
import { failure, fakeTime } from '../support/fake-time.js';
import { type LocalServer, type Reply, startLocalServer } from '../support/http-server.js';
import { aMessage } from '../support/messages.js';

/** Each push service at a local server, built the way its settings would build it. */
const SERVICES: Record<string, (root: string, options: HttpOptions) => Channel> = {
  feishu: (root, options) =>
    createFeishuChannel({ url: `${root}/open-apis/bot/v2/hook/fake-hook`, secret: undefined }, options),
  dingtalk: (root, options) =>
    createDingtalkChannel({ url: `${root}/robot/send?access_token=fake-token`, secret: undefined }, options),
  wecom: (root, options) => createWecomChannel({ url: `${root}/cgi-bin/webhook/send?key=fake-key` }, options),
  bark: (root, options) => createBarkChannel({ url: `${root}/FakeBarkKey` }, options),
  serverchan: (root, options) => createServerchanChannel({ sendKey: 'SCTfakeKey', apiRoot: root }, options),
  webhook: (root, options) => createWebhookChannel({ url: `${root}/hook`, secret: undefined }, options),
};

const DELIVERED: Record<string, string> = {
  feishu: '{"code":0,"msg":"success"}',
  dingtalk: '{"errcode":0,"errmsg":"ok"}',
  wecom: '{"errcode":0,"errmsg":"ok"}',
  bark: '{"code":200,"message":"success"}',
  serverchan: '{"code":0,"message":""}',
  webhook: '',
};

describe('a push service that says "later"', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it.each<[string, string, Reply]>([
    [
      'feishu',
      'code 11232, its custom bot throttle',
      { status: 200, body: '{"code":11232,"msg":"frequency limited psm"}' },
    ],
    [
      'feishu',
      'HTTP 429 with code 99991400, its gateway throttle',
      { status: 429, body: '{"code":99991400,"msg":"request trigger frequency limit"}' },
    ],
    [
      'wecom',
      'errcode 45009, its 20 a minute spent',
      { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' },
    ],
    ['wecom', 'errcode -1, system busy', { status: 200, body: '{"errcode":-1,"errmsg":"system busy"}' }],
    ['dingtalk', 'errcode -1, system busy', { status: 200, body: '{"errcode":-1,"errmsg":"系统繁忙"}' }],
    [
      'bark',
      'HTTP 500 when Apple’s push failed',
      { status: 500, body: '{"code":500,"message":"push failed"}' },
    ],
    ['bark', 'HTTP 429', { status: 429, body: '{"code":429,"message":"too many requests"}' }],
    ['serverchan', 'HTTP 429', { status: 429, body: '{"code":429,"message":"too many requests"}' }],
    ['webhook', 'HTTP 429', { status: 429, body: 'slow down' }],
  ])('%s: retries on %s, then delivers', async (service, _what, reply) => {
    server = await startLocalServer({ status: 200, body: DELIVERED[service] ?? '' });
    server.replies.push(reply);
    const channel = SERVICES[service]?.(server.root, fakeTime().options);

    await channel?.send(aMessage());

    expect(server.received).toHaveLength(2);
  });
});

describe('a push service that refuses the message itself', () => {
  let server: LocalServer;
  afterEach(async () => {
    await server.close();
  });

  it('Feishu’s 9499 Bad Request is a refusal naming the code, not retried', async () => {
    server = await startLocalServer({ status: 200, body: '{"code":9499,"msg":"Bad Request","data":{}}' });
    const channel = SERVICES.feishu?.(server.root, fakeTime().options);

    const error = await failure(channel?.send(aMessage()) ?? Promise.resolve());

    expect(error).toBeInstanceOf(ChannelRefusedError);
    expect(error?.message).toBe(
      'Feishu refused the message: code 9499 Bad Request (Feishu could not read the body: malformed, or over its 20 KB limit)',
    );
    expect(server.received).toHaveLength(1);
  });

  it('DingTalk’s 130101 is not retried, as its 10-minute throttle outlasts any wait in the run, and says the next check tries again', async () => {
    server = await startLocalServer({
      status: 200,
      body: '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}',
    });
    const channel = SERVICES.dingtalk?.(server.root, fakeTime().options);

    const error = await failure(channel?.send(aMessage()) ?? Promise.resolve());

    expect(error).toBeInstanceOf(ChannelRefusedError);
    expect(error?.message).toBe(
      'DingTalk refused the message: errcode 130101 send too fast, exceed 20 times per minute (throttled for 10 minutes: the next check tries again)',
    );
    expect(server.received).toHaveLength(1);
  });
});
