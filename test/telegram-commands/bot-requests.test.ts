import { describe, expect, it } from 'vitest';
import { createCommandBot } from '../../src/telegram/commands/bot.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

/** A bot whose every call answers `result`, recording the method and parameters sent. */
function botAnswering(result: unknown) {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const method = String(url).split('/').pop() ?? '';
    calls.push({ method, params: init?.body ? JSON.parse(String(init.body)) : {} });
    return Response.json({ ok: true, result });
  }) as typeof globalThis.fetch;
  return { bot: createCommandBot({ token: TOKEN, fetch }), calls };
}

describe('what the chat commands bot asks the Bot API', () => {
  it('sends HTML without link previews, as a reply when asked, and returns the new message id', async () => {
    const { bot, calls } = botAnswering({ message_id: 77 });

    const id = await bot.sendMessage('-100', '<b>hi</b>', {
      replyTo: 5,
      button: { text: 'Keep', callbackData: 'k.1' },
    });

    expect(id).toBe(77);
    expect(calls[0]).toEqual({
      method: 'sendMessage',
      params: {
        chat_id: '-100',
        text: '<b>hi</b>',
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_parameters: { message_id: 5, allow_sending_without_reply: true },
        reply_markup: { inline_keyboard: [[{ text: 'Keep', callback_data: 'k.1' }]] },
      },
    });
  });

  it('edits a message as HTML, with no buttons left', async () => {
    const { bot, calls } = botAnswering(true);

    await bot.editMessageText('-100', 9, 'done');

    expect(calls[0]).toEqual({
      method: 'editMessageText',
      params: { chat_id: '-100', message_id: 9, text: 'done', parse_mode: 'HTML' },
    });
  });

  it('answers a button press quietly unless an alert is asked for', async () => {
    const { bot, calls } = botAnswering(true);

    await bot.answerCallbackQuery('cb', 'ok');
    await bot.answerCallbackQuery('cb', 'no', true);

    expect(calls.map((call) => call.params.show_alert)).toEqual([false, true]);
  });

  it('reads the bot username, empty when Telegram gives none', async () => {
    expect(await botAnswering({ id: 1, username: 'guard_bot' }).bot.getMe()).toEqual({
      id: 1,
      username: 'guard_bot',
    });
    expect(await botAnswering({ id: 1 }).bot.getMe()).toEqual({ id: 1, username: '' });
  });

  it('reads administrators by user id, skipping entries without one, and none from an odd answer', async () => {
    const admins = [{ user: { id: 5 } }, { user: {} }, {}, { user: { id: 6 } }];

    expect(await botAnswering(admins).bot.getChatAdministrators('-100')).toEqual([5, 6]);
    expect(await botAnswering({ not: 'a list' }).bot.getChatAdministrators('-100')).toEqual([]);
  });

  it('drops updates sent while no webhook was set, when setting and when deleting it', async () => {
    const { bot, calls } = botAnswering(true);

    await bot.setWebhook({ url: 'https://x.example/', secretToken: 's', allowedUpdates: ['message'] });
    await bot.deleteWebhook();

    expect(calls.map((call) => call.params.drop_pending_updates)).toEqual([true, true]);
  });

  it('sets and deletes the commands for one language, or the default list without one', async () => {
    const { bot, calls } = botAnswering(true);
    const commands = [{ command: 'status', description: 'Status' }];

    await bot.setMyCommands(commands, 'zh');
    await bot.setMyCommands(commands);
    await bot.deleteMyCommands('zh');
    await bot.deleteMyCommands();

    expect(calls.map((call) => call.params)).toEqual([
      { commands, language_code: 'zh' },
      { commands },
      { language_code: 'zh' },
      {},
    ]);
  });

  it('reads the webhook info, or nothing from an odd answer', async () => {
    expect(await botAnswering({ url: 'https://x.example/' }).bot.getWebhookInfo()).toEqual({
      url: 'https://x.example/',
    });
    expect(await botAnswering(null).bot.getWebhookInfo()).toEqual({});
    expect(await botAnswering('odd').bot.getWebhookInfo()).toEqual({});
  });
});
