import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookSecret } from '../../src/telegram/commands/secret.js';
import { instanceAt, runInProcess, startWorld, type World } from '../e2e/harness.js';

const URL = 'https://abc123.lambda-url.eu-west-2.on.aws/';

describe('lightsail-guard telegram-commands', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.5)]);
  });
  afterEach(async () => {
    await world.close();
  });

  it('on <url> sets the webhook with the derived secret and only messages and button presses, and the command lists in English and Chinese', async () => {
    const run = await runInProcess(world, ['telegram-commands', 'on', URL]);

    expect(run.code).toBe(0);
    expect(world.telegram.webhook).toEqual({
      url: URL,
      secretToken: webhookSecret(world.telegram.token),
      allowedUpdates: ['message', 'callback_query'],
    });
    expect(world.telegram.commands.get('')?.map((command) => command.command)).toEqual([
      'status',
      'report',
      'keep',
      'hold',
      'release',
      'help',
    ]);
    expect(world.telegram.commands.get('zh')?.[0]?.description).toContain('实例');
    expect(run.stdout).toContain(
      'after a new token (@BotFather /revoke),\nrun lightsail-guard telegram-commands on <url> again',
    );
    expect(run.stdout).not.toContain(webhookSecret(world.telegram.token));
  });

  it('on refuses a URL that is not https:// before calling Telegram', async () => {
    const run = await runInProcess(world, ['telegram-commands', 'on', 'http://example.com/']);

    expect(run.code).toBe(2);
    expect(world.telegram.requests).toBe(0);
  });

  it('off removes the webhook and the command lists', async () => {
    await runInProcess(world, ['telegram-commands', 'on', URL]);

    const run = await runInProcess(world, ['telegram-commands', 'off']);

    expect(run.code).toBe(0);
    expect(world.telegram.webhook).toBeUndefined();
    expect(world.telegram.commands.size).toBe(0);
  });

  it('status shows the webhook Telegram has, or says the commands are off', async () => {
    const before = await runInProcess(world, ['telegram-commands', 'status']);
    await runInProcess(world, ['telegram-commands', 'on', URL]);

    const after = await runInProcess(world, ['telegram-commands', 'status']);

    expect(before.stdout).toContain('No webhook is set');
    expect(after.stdout).toContain(`Webhook: ${URL}`);
    expect(after.stdout).toContain('Updates sent: message, callback_query');
  });

  it('find-chat-id, while the commands are on, says how to turn them off to list chats', async () => {
    await runInProcess(world, ['telegram-commands', 'on', URL]);

    const run = await runInProcess(world, ['find-chat-id']);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('lightsail-guard telegram-commands off, then find-chat-id');
  });

  it('needs on, off or status', async () => {
    const run = await runInProcess(world, ['telegram-commands', 'maybe']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('telegram-commands needs on <url>, off or status');
  });
});
