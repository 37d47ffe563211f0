import { afterEach, describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';
import { instanceAt, runInProcess, startWorld, type World } from './harness.js';

/** Telegram switched off: blank variables are unset. */
const NO_TELEGRAM = { TELEGRAM_BOT_TOKEN: '', TELEGRAM_CHAT_ID: '' };

describe('check with channels other than Telegram', () => {
  let world: World;
  let hook: LocalServer;
  afterEach(async () => {
    await Promise.all([world.close(), hook.close()]);
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

  it('asks for a channel, naming them, when none is set, and calls nothing', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.97)]);
    hook = await startLocalServer();

    const run = await runInProcess(world, ['check'], NO_TELEGRAM);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'check sends alerts and needs a channel: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID, WEBHOOK_URL',
    );
    expect(world.lightsail.stats().calls).toEqual({});
  });
});
