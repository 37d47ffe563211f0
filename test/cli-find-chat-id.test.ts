import { describe, expect, it } from 'vitest';
import type { CliContext } from '../src/cli/command.js';
import { findChatIdCommand } from '../src/cli/find-chat-id.js';
import type { TelegramBotApi } from '../src/telegram/bot-api.js';
import { TelegramRefusedError } from '../src/telegram/errors.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

/** find-chat-id over a Bot API whose getUpdates is refused with `description`, and no webhook. */
async function refusedUpdates(description: string) {
  const out: string[] = [];
  const api: TelegramBotApi = {
    getMe: async () => ({ id: 1, firstName: 'G', username: 'g_bot' }),
    getUpdates: async () => {
      throw new TelegramRefusedError({ method: 'getUpdates', errorCode: 409, description });
    },
    getWebhookInfo: async () => ({ url: '', pendingUpdateCount: 0, lastErrorMessage: undefined }),
  };
  const ctx = {
    env: { TELEGRAM_BOT_TOKEN: TOKEN },
    out: (text: string) => out.push(text),
    err: () => {},
    botApiFor: () => api,
  } as unknown as CliContext;
  const code = await findChatIdCommand.run({ values: {}, positionals: [] }, ctx);
  return { code, out: out.join('\n') };
}

describe('find-chat-id when another program reads the bot', () => {
  it('says another program is long-polling the bot when getUpdates conflicts without a webhook', async () => {
    const run = await refusedUpdates(
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    );

    expect(run.code).toBe(1);
    expect(run.out).toContain('Another program is reading this bot');
    expect(run.out).toContain('a bot of its own');
    expect(run.out).not.toContain('webhook');
  });
});
