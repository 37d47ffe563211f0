import { afterEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../../sim/telegram/index.js';
import { CHAT_ID, runInProcess, startWorld, type World } from './harness.js';

describe('lightsail-guard test-alert', () => {
  let world: World;
  let other: FakeTelegram | undefined;
  afterEach(async () => {
    await world.close();
    await other?.close();
    other = undefined;
  });

  it('sends one short test message to the configured chat and says it arrived', async () => {
    world = await startWorld([]);

    const run = await runInProcess(world, ['test-alert']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Telegram (chat ${CHAT_ID}): arrived.`);
    expect(run.stdout).toContain('The test message arrived through every configured channel (1).');
    expect(world.telegram.messages).toHaveLength(1);
    expect(world.telegram.messages[0]).toMatchObject({ chatId: CHAT_ID, parseMode: 'HTML' });
    expect(world.telegram.messages[0]?.text).toContain('lightsail-guard test alert');
    expect(world.lightsail.stats().total).toBe(0);
  });

  it('exits 1 naming the failed channel, with what to do, when the chat does not exist for the bot', async () => {
    world = await startWorld([]);
    other = await startFakeTelegram({ chats: ['42'] });

    const run = await runInProcess(world, ['test-alert'], { TELEGRAM_API_ROOT: other.apiRoot });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `Telegram (chat ${CHAT_ID}): FAILED: TelegramRefusedError: Telegram refused sendMessage: 400 Bad Request: chat not found`,
    );
    expect(run.stdout).toContain('lightsail-guard find-chat-id lists the chats the bot can write to');
    expect(run.stdout).toContain('Not delivered through: Telegram.');
    expect(other.messages).toHaveLength(0);
  });

  it('says the token is not accepted, without printing it, when Telegram answers 401', async () => {
    world = await startWorld([]);
    const wrong = '999999:TEST-wrong-token-not-real_abcdefghij';

    const run = await runInProcess(world, ['test-alert'], { TELEGRAM_BOT_TOKEN: wrong });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('401 Unauthorized');
    expect(run.stdout).toContain('copy the token again from @BotFather');
    expect(run.stdout + run.stderr).not.toContain('TEST-wrong-token');
  });

  it('waits out a 429 as the alerts do, and reports the message as arrived', async () => {
    world = await startWorld([]);
    world.telegram.injectFault({ kind: 'rate-limit', retryAfter: 1 });

    const run = await runInProcess(world, ['test-alert']);

    expect(run.code).toBe(0);
    expect(world.telegram.requests).toBe(2);
  });

  it('exits 2 when no channel is configured, naming the variables to set', async () => {
    world = await startWorld([]);

    const run = await runInProcess(world, ['test-alert'], { TELEGRAM_BOT_TOKEN: '', TELEGRAM_CHAT_ID: '' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'no alert channel is configured: for Telegram, set TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID',
    );
    expect(run.stderr).toContain('find-chat-id');
  });

  it('exits 2 and sends nothing when a channel is configured only in part', async () => {
    world = await startWorld([]);

    const run = await runInProcess(world, ['test-alert'], { TELEGRAM_CHAT_ID: '' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Telegram needs TELEGRAM_CHAT_ID; nothing was sent');
    expect(world.telegram.requests).toBe(0);
  });

  it('exits 2 on a malformed chat id, naming it, before anything is sent', async () => {
    world = await startWorld([]);

    const run = await runInProcess(world, ['test-alert'], { TELEGRAM_CHAT_ID: 'my chat' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('TELEGRAM_CHAT_ID: The chat id "my chat"');
    expect(world.telegram.requests).toBe(0);
  });

  it('needs none of the guard settings it does not use', async () => {
    world = await startWorld([]);

    const run = await runInProcess(world, ['test-alert'], { QUOTA_PERCENT: 'ninety' });

    expect(run.code).toBe(0);
  });

  it('prints each channel and the exit code as JSON with --json', async () => {
    world = await startWorld([]);

    const run = await runInProcess(world, ['test-alert', '--json']);

    expect(JSON.parse(run.stdout)).toEqual({
      channels: [
        { channel: 'Telegram', destination: `chat ${CHAT_ID}`, arrived: true, error: null, hint: null },
      ],
      exitCode: 0,
    });
  });
});
