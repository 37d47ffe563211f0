/**
 * `telegram-commands on <url> | off | status`: registers the chat commands' webhook (the Function
 * URL the stack outputs) with its secret and the command lists in English and Chinese, removes
 * them, or shows what Telegram has.
 */

import { checkTelegram, parseTelegram } from '../config.js';
import { ENV } from '../constants.js';
import { CHAT_COMMANDS } from '../core/chat-commands.js';
import { commandsCatalogueFor } from '../core/i18n/commands.js';
import { CommandFailed, ConfigError, describeError, UsageError } from '../errors.js';
import { type CommandBot, createCommandBot } from '../telegram/commands/bot.js';
import { webhookSecret } from '../telegram/commands/secret.js';
import { redact } from '../telegram/errors.js';
import type { CliCommand } from './command.js';

/** The updates the webhook acts on; Telegram sends no other kind. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** `setMyCommands` lists: the default (English) and Chinese (`zh`, Telegram's language code). */
const COMMAND_LISTS = [
  { languageCode: undefined, catalogue: commandsCatalogueFor('en') },
  { languageCode: 'zh', catalogue: commandsCatalogueFor('zh-CN') },
] as const;

const AFTER_NEW_TOKEN = `The webhook's secret is derived from the bot token: after a new token (@BotFather /revoke),
run lightsail-guard telegram-commands on <url> again.`;

async function on(bot: CommandBot, token: string, url: string): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `telegram-commands on needs the function's URL (the stack's TelegramCommandsUrl output); got "${url}"`,
    );
  }
  if (parsed.protocol !== 'https:')
    throw new UsageError(`Telegram sends webhooks to https:// URLs only; got "${url}"`);
  await bot.setWebhook({ url, secretToken: webhookSecret(token), allowedUpdates: ALLOWED_UPDATES });
  for (const { languageCode, catalogue } of COMMAND_LISTS) {
    const commands = CHAT_COMMANDS.map((command) => ({
      command,
      description: catalogue.descriptions[command],
    }));
    await bot.setMyCommands(commands, languageCode);
  }
  return [
    `Webhook set: Telegram now sends this bot's messages and button presses to ${url}`,
    `(${ALLOWED_UPDATES.join(' and ')} only, with the secret header; anything without it gets 401).`,
    `Commands registered in English and Chinese: ${CHAT_COMMANDS.map((command) => `/${command}`).join(', ')}.`,
    `Only chat ${ENV.telegramChatId} may command; in a group, only its administrators (or ${ENV.telegramAdminIds}).`,
    AFTER_NEW_TOKEN,
    'While the webhook is set, find-chat-id cannot list chats: run telegram-commands off first.',
  ].join('\n');
}

async function off(bot: CommandBot): Promise<string> {
  await bot.deleteWebhook();
  for (const { languageCode } of COMMAND_LISTS) await bot.deleteMyCommands(languageCode);
  return [
    'Webhook removed and the command lists deleted: the bot answers no command.',
    'Alerts and reports still arrive. To remove the function and its URL too, set "telegramCommands": false',
    'in deploy.settings.json and run npm run deploy.',
  ].join('\n');
}

async function status(bot: CommandBot): Promise<string> {
  const info = await bot.getWebhookInfo();
  const url = typeof info.url === 'string' ? info.url : '';
  if (url === '')
    return 'No webhook is set: the chat commands are off (lightsail-guard telegram-commands on <url>).';
  const allowed = Array.isArray(info.allowed_updates) ? info.allowed_updates.join(', ') : 'every kind';
  const lines = [
    `Webhook: ${url}`,
    `Updates sent: ${allowed}`,
    `Waiting to be delivered: ${Number(info.pending_update_count ?? 0)}`,
  ];
  if (typeof info.last_error_message === 'string') {
    const when =
      typeof info.last_error_date === 'number'
        ? ` (${new Date(info.last_error_date * 1000).toISOString()})`
        : '';
    lines.push(`Last delivery error${when}: ${info.last_error_message}`);
  }
  return lines.join('\n');
}

export const telegramCommandsCommand: CliCommand = {
  name: 'telegram-commands',
  summary: "Turn the chat commands (/status, /keep, ...) on at the stack's webhook URL, off, or show them.",
  help: `Usage: lightsail-guard telegram-commands on <url>
       lightsail-guard telegram-commands off
       lightsail-guard telegram-commands status

on      registers the webhook at <url>, the stack's TelegramCommandsUrl output (deployed with
        "telegramCommands": true), with a secret derived from the bot token and only the
        updates the commands need (${ALLOWED_UPDATES.join(', ')}), and the command list in
        English and Chinese (setWebhook, setMyCommands).
off     removes the webhook and the command lists (deleteWebhook, deleteMyCommands).
status  shows what Telegram has (getWebhookInfo).

${AFTER_NEW_TOKEN}
Needs ${ENV.telegramBotToken} only (${ENV.telegramApiRoot} for a self-hosted Bot API server).
docs/telegram-commands.md says what the commands do, what they cost and how they are secured.`,
  options: {},
  async run(args, ctx) {
    const [action, url, extra] = args.positionals;
    const expected = action === 'on' ? 2 : 1;
    if (action !== 'on' && action !== 'off' && action !== 'status') {
      throw new UsageError('telegram-commands needs on <url>, off or status');
    }
    if (action === 'on' && url === undefined) throw new UsageError('telegram-commands on needs <url>');
    const unexpected = action === 'on' ? extra : url;
    if (unexpected !== undefined || args.positionals.length > expected) {
      throw new UsageError(`unexpected argument "${unexpected ?? extra}"`);
    }
    const telegram = parseTelegram(ctx.env);
    checkTelegram(telegram, { chatId: false });
    const { token, apiRoot } = telegram;
    if (token === undefined) {
      throw new ConfigError(
        `telegram-commands needs ${ENV.telegramBotToken}: read -rs ${ENV.telegramBotToken} && export ${ENV.telegramBotToken}`,
      );
    }
    // A Bot API client over fetch, as find-chat-id's: no SDK client, nothing read from process.env.
    const bot = createCommandBot({ token, apiRoot });
    let output: string;
    try {
      output =
        action === 'on'
          ? await on(bot, token, url ?? '')
          : action === 'off'
            ? await off(bot)
            : await status(bot);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new CommandFailed(`telegram-commands ${action}: ${describeError(error)}`, { cause: error });
    }
    ctx.out(redact(output, token));
    return 0;
  },
};
