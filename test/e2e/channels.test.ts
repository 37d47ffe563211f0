import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FakeSns, startFakeSns } from '../../sim/sns/index.js';
import { TAGS } from '../../src/constants.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';
import { instanceAt, runInProcess, startWorld, type World } from './harness.js';

const TOPIC = 'arn:aws:sns:ap-southeast-1:123456789012:lightsail-guard-alerts';

/** Telegram switched off: blank variables are unset. */
const NO_TELEGRAM = { TELEGRAM_BOT_TOKEN: '', TELEGRAM_CHAT_ID: '' };

describe('check with channels other than Telegram', () => {
  let world: World;
  let hook: LocalServer;
  let sns: FakeSns | undefined;
  afterEach(async () => {
    await Promise.all([world.close(), hook.close(), sns?.close()]);
    sns = undefined;
  });

  it('needs no Telegram settings when a webhook is set, and alerts through it', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.97)]);
    hook = await startLocalServer({ status: 200 });

    const run = await runInProcess(world, ['check'], { ...NO_TELEGRAM, WEBHOOK_URL: `${hook.root}/hook` });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Webhook: 1 message sent.');
    expect(world.telegram.messages).toEqual([]);
    const body = JSON.parse(hook.received[0]?.body ?? '{}');
    expect(body.events[0]).toMatchObject({ kind: 'stop', outcome: 'stopped', instance: 'web_1' });
    expect(world.lightsail.instance('us-east-1', 'web_1')?.state).toBe('stopped');
  });

  it('alerts a webhook that was down at the next check, and Telegram only once', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.85)]);
    hook = await startLocalServer({ status: 200 });
    hook.replies.push({ status: 404, body: 'no such hook' });
    const env = { WEBHOOK_URL: `${hook.root}/hook` };

    const down = await runInProcess(world, ['check'], env);
    const up = await runInProcess(world, ['check'], env);
    const after = await runInProcess(world, ['check'], env);

    expect(down.code).toBe(1);
    expect(down.stdout).toContain('Telegram: 1 message sent.');
    expect(down.stdout).toContain('Webhook: 0 messages sent, 1 FAILED.');
    expect(down.stdout).toContain(
      'Webhook: alert message 1 of 1 not delivered: ChannelRefusedError: Webhook refused the message: HTTP 404',
    );
    expect(up.code).toBe(0);
    expect(after.code).toBe(0);
    expect(world.telegram.messages).toHaveLength(1);
    expect(hook.received).toHaveLength(2);
    expect(JSON.parse(hook.received[1]?.body ?? '{}').events[0]).toMatchObject({ kind: 'warn', level: 80 });
    expect(world.lightsail.instance('us-east-1', 'web_1')?.tags).toMatchObject({
      [TAGS.alerted]: expect.stringMatching(/^\d{4}-\d{2}:80$/),
      [TAGS.sentTo]: '',
    });
  });

  it('emails through Amazon SNS, the SDK pointed at the fake by AWS_ENDPOINT_URL_SNS, with no Telegram', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.97)]);
    hook = await startLocalServer();
    sns = await startFakeSns({ topics: [TOPIC] });

    const run = await runInProcess(world, ['check'], {
      ...NO_TELEGRAM,
      SNS_TOPIC_ARN: TOPIC,
      AWS_ENDPOINT_URL_SNS: sns.endpoint,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Amazon SNS: 1 message sent.');
    expect(sns.published).toHaveLength(1);
    expect(sns.published[0]?.subject).toBe('lightsail-guard: web_1 stopped (97.0%)');
    expect(sns.published[0]?.message).toMatch(/^🛑 Stopped web_1 in eu-west-2: 993\.28 of 1024\.00 GB used/);
  });

  it('runs the Lambda handler with SNS as its only channel, reading no bot token', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.97)]);
    hook = await startLocalServer();
    sns = await startFakeSns({ topics: [TOPIC] });
    const saved = { ...process.env };
    vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      Object.assign(process.env, world.env, NO_TELEGRAM, {
        SNS_TOPIC_ARN: TOPIC,
        AWS_ENDPOINT_URL_SNS: sns.endpoint,
        TELEGRAM_BOT_TOKEN_PARAMETER: '/lightsail-guard/telegram-bot-token',
      });
      vi.resetModules();
      const { handler } = await import('../../src/lambda.js');

      const result = await handler({});

      expect(result.exitCode).toBe(0);
      expect(sns.published).toHaveLength(1);
    } finally {
      process.env = saved;
      vi.restoreAllMocks();
    }
  });

  it('asks for a channel, naming them, when none is set, and calls nothing', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.97)]);
    hook = await startLocalServer();

    const run = await runInProcess(world, ['check'], NO_TELEGRAM);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'check sends alerts and needs a channel: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID, SNS_TOPIC_ARN, WEBHOOK_URL',
    );
    expect(world.lightsail.stats().calls).toEqual({});
  });
});
