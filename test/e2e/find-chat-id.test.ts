import { afterEach, describe, expect, it } from 'vitest';
import { botMembership, channelPost, privateMessage } from '../../sim/telegram/index.js';
import { runInProcess, startWorld, type World } from './harness.js';

const ANN = { id: 42, first_name: 'Ann', last_name: 'Lee', username: 'ann' };
const BOT = { id: 123456, first_name: 'Fake guard bot', username: 'fake_guard_bot' };
const GROUP = { id: -1001234567890, type: 'supergroup' as const, title: 'Proxy ops', username: 'proxy_ops' };
const CHANNEL = { id: -1009876543210, type: 'channel' as const, title: 'Proxy alerts' };

describe('lightsail-guard find-chat-id', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  /** find-chat-id as a newcomer runs it: a token, no chat id yet. */
  const findChatId = (...args: string[]) =>
    runInProcess(world, ['find-chat-id', ...args], { TELEGRAM_CHAT_ID: '' });

  it('names the bot and lists private chats, supergroups and channels, newest first, each with the line to copy', async () => {
    world = await startWorld([]);
    world.telegram.addUpdate(privateMessage(ANN));
    world.telegram.addUpdate(botMembership({ bot: BOT, chat: GROUP, by: ANN, status: 'member' }));
    world.telegram.addUpdate(botMembership({ bot: BOT, chat: CHANNEL, by: ANN, status: 'administrator' }));
    world.telegram.addUpdate(channelPost(CHANNEL, 'hello'));
    world.telegram.addUpdate(privateMessage(ANN, 'again'));

    const run = await findChatId();

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Bot @fake_guard_bot ("Fake guard bot", id 123456): the token works.');
    const lines = run.stdout.split('\n').filter((line) => line.trimStart().startsWith('TELEGRAM_CHAT_ID='));
    expect(lines.map((line) => line.trim().replace(/\s+#/, ' #'))).toEqual([
      'TELEGRAM_CHAT_ID=42 # private chat with Ann Lee (@ann)',
      'TELEGRAM_CHAT_ID=-1009876543210 # channel "Proxy alerts"',
      'TELEGRAM_CHAT_ID=-1001234567890 # supergroup "Proxy ops" (@proxy_ops)',
    ]);
  });

  it('prints the exact export line when there is one chat', async () => {
    world = await startWorld([]);
    world.telegram.addUpdate(privateMessage(ANN));

    const run = await findChatId();

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('export TELEGRAM_CHAT_ID=42');
    expect(run.stdout).toContain('"telegramChatId": "42" in deploy.settings.json');
    expect(run.stdout).toContain('lightsail-guard test-alert');
  });

  it('reads the updates without confirming them and calls nothing that changes the bot', async () => {
    world = await startWorld([]);
    world.telegram.addUpdate(privateMessage(ANN));

    await findChatId();
    await findChatId();

    expect(world.telegram.updates).toHaveLength(1);
    expect(world.telegram.methods).toEqual(['getMe', 'getUpdates', 'getMe', 'getUpdates']);
  });

  it('lists a chat the bot was removed from apart, with no line to copy', async () => {
    world = await startWorld([]);
    world.telegram.addUpdate(botMembership({ bot: BOT, chat: GROUP, by: ANN, status: 'kicked' }));

    const run = await findChatId();

    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('TELEGRAM_CHAT_ID=-1001234567890');
    expect(run.stdout).toContain(
      '-1001234567890  supergroup "Proxy ops" (@proxy_ops): the bot was removed from this chat',
    );
  });

  it('says exactly what to do when the bot has seen no chat, and exits 1', async () => {
    world = await startWorld([]);

    const run = await findChatId();

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('No chats found');
    expect(run.stdout).toContain('open https://t.me/fake_guard_bot and press Start (or send /start)');
    expect(run.stdout).toContain('add @fake_guard_bot to the group, then send /start@fake_guard_bot in it');
    expect(run.stdout).toContain('add @fake_guard_bot to the channel as an administrator allowed to post');
    expect(run.stdout).toContain('then run lightsail-guard find-chat-id again');
  });

  it('names the webhook that hides the updates, says how to remove it, and never removes it', async () => {
    world = await startWorld([]);
    world.telegram.addUpdate(privateMessage(ANN));
    world.telegram.setWebhook({ url: 'https://hooks.example.test/telegram' });

    const run = await findChatId();

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'This bot has a webhook: Telegram delivers its updates to\n  https://hooks.example.test/telegram\n',
    );
    expect(run.stdout).toContain('409 Conflict');
    expect(run.stdout).toContain(`curl -s "${world.telegram.apiRoot}/bot$TELEGRAM_BOT_TOKEN/deleteWebhook"`);
    expect(run.stdout).toContain('a bot of its own');
    expect(world.telegram.methods).toEqual(['getMe', 'getUpdates', 'getWebhookInfo']);
  });

  it('never prints the token, even inside a webhook URL', async () => {
    world = await startWorld([]);
    world.telegram.setWebhook({ url: `https://hooks.example.test/${world.telegram.token}` });

    const run = await findChatId();

    expect(run.stdout + run.stderr).not.toContain(world.telegram.token);
    expect(run.stdout).toContain('https://hooks.example.test/<redacted>');
  });

  it('says the token is not accepted when Telegram answers 401, without printing it', async () => {
    world = await startWorld([]);
    const wrong = '999999:TEST-wrong-token-not-real_abcdefghij';

    const run = await runInProcess(world, ['find-chat-id'], { TELEGRAM_BOT_TOKEN: wrong });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Telegram does not accept TELEGRAM_BOT_TOKEN (401 Unauthorized)');
    expect(run.stdout).toContain('@BotFather');
    expect(run.stdout + run.stderr).not.toContain('TEST-wrong-token');
  });

  it('exits 1 naming the failure when Telegram cannot be reached', async () => {
    world = await startWorld([]);
    world.telegram.injectFault({ kind: 'reset' });

    const run = await findChatId();

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('could not ask Telegram who the bot is: TelegramNetworkError');
  });

  it('exits 2 without a token, saying where it comes from and how to set it privately', async () => {
    world = await startWorld([]);

    const run = await runInProcess(world, ['find-chat-id'], { TELEGRAM_BOT_TOKEN: '' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('find-chat-id needs TELEGRAM_BOT_TOKEN');
    expect(run.stderr).toContain('read -rs TELEGRAM_BOT_TOKEN && export TELEGRAM_BOT_TOKEN');
    expect(world.telegram.requests).toBe(0);
  });

  it('ignores a malformed TELEGRAM_CHAT_ID and the guard settings it does not use', async () => {
    world = await startWorld([]);
    world.telegram.addUpdate(privateMessage(ANN));

    const run = await runInProcess(world, ['find-chat-id'], {
      TELEGRAM_CHAT_ID: 'my chat',
      QUOTA_PERCENT: 'ninety',
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('TELEGRAM_CHAT_ID=42');
  });

  it('prints the bot, the chats and the lines as JSON with --json', async () => {
    world = await startWorld([]);
    world.telegram.addUpdate(privateMessage(ANN));

    const run = await findChatId('--json');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      bot: { id: 123456, firstName: 'Fake guard bot', username: 'fake_guard_bot' },
      webhook: null,
      chats: [
        {
          id: 42,
          type: 'private',
          title: null,
          username: 'ann',
          name: 'Ann Lee',
          seenIn: 'message',
          usable: true,
          blocked: null,
          line: 'TELEGRAM_CHAT_ID=42',
        },
      ],
      problem: null,
      exitCode: 0,
    });
  });
});
