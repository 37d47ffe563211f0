/**
 * `find-chat-id`: where every Telegram newcomer gets stuck. Checks the token, lists the chats the
 * bot can write to from its updates, and prints the `TELEGRAM_CHAT_ID=<id>` line to copy; says
 * exactly what to do when there is none or when a webhook hides the updates. Changes nothing.
 */

import { networkCure } from '../channels/errors.js';
import { checkTelegram, parseTelegram } from '../config.js';
import { ENV } from '../constants.js';
import { ConfigError, describeError } from '../errors.js';
import type { BotIdentity, TelegramBotApi, WebhookInfo } from '../telegram/bot-api.js';
import { chatsFromUpdates, describeChat, type FoundChat } from '../telegram/chats.js';
import { redact, TelegramRefusedError } from '../telegram/errors.js';
import type { CliCommand } from './command.js';
import { positionals } from './options.js';

/** What find-chat-id learned; `problem` says why it found nothing to copy. */
interface Findings {
  readonly bot: BotIdentity | undefined;
  readonly webhook: WebhookInfo | undefined;
  readonly chats: readonly FoundChat[];
  readonly problem: string | undefined;
}

const copyLine = (chat: FoundChat): string => `${ENV.telegramChatId}=${chat.id}`;

function noChats(bot: BotIdentity): string {
  const at = `@${bot.username}`;
  return `No chats found: Telegram keeps a bot's updates for 24 hours, and none of them names a chat.
Do one of these, then run lightsail-guard find-chat-id again:
  - alerts to you alone: open https://t.me/${bot.username} and press Start (or send /start);
  - alerts to a group: add ${at} to the group, then send /start@${bot.username} in it;
  - alerts to a channel: add ${at} to the channel as an administrator allowed to post
    messages, then post anything in the channel.
If another program also reads this bot's updates, it may take them first: give the guard a bot
of its own (@BotFather, /newbot).`;
}

function webhookSet(webhook: WebhookInfo | undefined, apiRoot: string): string {
  const where = webhook?.url
    ? ['This bot has a webhook: Telegram delivers its updates to', `  ${webhook.url}`]
    : ['This bot has a webhook (getWebhookInfo did not say where): Telegram delivers its updates there,'];
  return [
    ...where,
    'so getUpdates cannot list its chats (it answers 409 Conflict). lightsail-guard never removes',
    "a webhook: whatever serves it would stop getting the bot's messages. Either:",
    '  - give the guard a bot of its own (@BotFather, /newbot) and use its token, or',
    "  - if it is the guard's own chat commands (telegram-commands on), run",
    '      lightsail-guard telegram-commands off, then find-chat-id, then telegram-commands on <url> again;',
    '  - if nothing uses the webhook any more, remove it yourself, then run find-chat-id again:',
    `      curl -s "${apiRoot}/bot$${ENV.telegramBotToken}/deleteWebhook"`,
  ].join('\n');
}

/** What could not be done and why, with what to check when the network was the reason. */
function failed(what: string, error: unknown): string {
  const cure = networkCure(error);
  return `could not ${what}: ${describeError(error)}${cure === undefined ? '' : `.\n${cure}`}`;
}

/** Asks Telegram; every failure becomes a `problem`, so the output says what happened and exits 1. */
async function find(api: TelegramBotApi, apiRoot: string): Promise<Findings> {
  const none = { webhook: undefined, chats: [] };
  let bot: BotIdentity;
  try {
    bot = await api.getMe();
  } catch (error) {
    const refused =
      error instanceof TelegramRefusedError && (error.errorCode === 401 || error.errorCode === 404);
    const problem = refused
      ? `Telegram does not accept ${ENV.telegramBotToken} (${error.errorCode} ${error.description}): copy the token again from @BotFather (/mybots, your bot, API Token).`
      : failed('ask Telegram who the bot is', error);
    return { bot: undefined, ...none, problem };
  }
  try {
    const chats = chatsFromUpdates(await api.getUpdates());
    const usable = chats.filter((chat) => chat.blocked === undefined);
    return { bot, webhook: undefined, chats, problem: usable.length === 0 ? noChats(bot) : undefined };
  } catch (error) {
    if (!(error instanceof TelegramRefusedError && error.errorCode === 409)) {
      return { bot, ...none, problem: failed("read the bot's updates", error) };
    }
    const webhook = await api.getWebhookInfo().catch(() => undefined);
    if (webhook === undefined || webhook.url !== '') {
      return { bot, webhook, chats: [], problem: webhookSet(webhook, apiRoot) };
    }
    // 409 without a webhook: another program is long-polling this bot right now.
    return {
      bot,
      ...none,
      problem: `${error.description}. Another program is reading this bot's updates; stop it, or give the guard a bot of its own (@BotFather, /newbot).`,
    };
  }
}

function render(findings: Findings): string {
  const { bot, chats, problem } = findings;
  const lines: string[] = [];
  if (bot !== undefined) {
    lines.push(`Bot @${bot.username} ("${bot.firstName}", id ${bot.id}): the token works.`, '');
  }
  const usable = chats.filter((chat) => chat.blocked === undefined);
  if (usable.length > 0) {
    const width = Math.max(...usable.map((chat) => copyLine(chat).length));
    lines.push(
      'Chats the bot can write to, newest first (from the updates Telegram keeps for 24 hours):',
      '',
      ...usable.map((chat) => `  ${copyLine(chat).padEnd(width)}   # ${describeChat(chat)}`),
    );
  }
  const blocked = chats.filter((chat) => chat.blocked !== undefined);
  if (blocked.length > 0) {
    lines.push(
      '',
      'Seen, but not usable:',
      ...blocked.map((chat) => `  # ${chat.id}  ${describeChat(chat)}: ${chat.blocked}`),
    );
  }
  if (usable.length > 0) {
    const [first] = usable;
    const example = usable.length === 1 && first ? String(first.id) : '<id>';
    lines.push(
      '',
      usable.length === 1
        ? 'Copy the line above: the chat that gets the alerts.'
        : 'Copy the line of the chat that should get the alerts.',
      `  For the CLI:    export ${ENV.telegramChatId}=${example}`,
      `  For the Lambda: "telegramChatId": "${example}" in deploy.settings.json`,
      'Then check that a message arrives: lightsail-guard test-alert',
    );
  }
  if (problem !== undefined) lines.push(problem);
  return lines.join('\n');
}

function json(findings: Findings) {
  return {
    bot: findings.bot ?? null,
    webhook: findings.webhook ?? null,
    chats: findings.chats.map((chat) => ({
      id: chat.id,
      type: chat.type,
      title: chat.title ?? null,
      username: chat.username ?? null,
      name: chat.name ?? null,
      seenIn: chat.seenIn,
      usable: chat.blocked === undefined,
      blocked: chat.blocked ?? null,
      line: copyLine(chat),
    })),
    problem: findings.problem ?? null,
    exitCode: findings.problem === undefined ? 0 : 1,
  };
}

export const findChatIdCommand: CliCommand = {
  name: 'find-chat-id',
  summary: `Check ${ENV.telegramBotToken} and list the chats the bot can write to, with the
${ENV.telegramChatId}=<id> line to copy. Changes nothing.`,
  help: `Usage: lightsail-guard find-chat-id [--json]

Checks ${ENV.telegramBotToken} (getMe: which bot it is), then lists the chats the bot can write to
from the updates Telegram keeps for it (24 hours): private chats, groups, supergroups and
channels, with their ids, titles and usernames, and the line to copy: ${ENV.telegramChatId}=<id>.
When there is none, it says what to do (send /start to the bot, add it to the group, or add it to
the channel as an administrator and post there); when the bot has a webhook, which hides the
updates, it says so and never removes it. Confirms no update and changes nothing.
Needs ${ENV.telegramBotToken} only (${ENV.telegramApiRoot} for a self-hosted Bot API server).

Exit codes: 0 a chat to copy was found; 1 none (the output says why); 2 no or a malformed token.

Options:
  --json                  print the result as JSON`,
  options: { json: { type: 'boolean' } },
  async run(args, ctx) {
    positionals(args, [], 'find-chat-id');
    const telegram = parseTelegram(ctx.env);
    checkTelegram(telegram, { chatId: false });
    const { token, apiRoot } = telegram;
    if (token === undefined) {
      throw new ConfigError(
        `find-chat-id needs ${ENV.telegramBotToken}: the token @BotFather gave when you created the bot (/newbot; /mybots shows it again). Set it without leaving it in your shell history: read -rs ${ENV.telegramBotToken} && export ${ENV.telegramBotToken}`,
      );
    }
    const findings = await find(ctx.botApiFor({ token, apiRoot }), apiRoot);
    const output = args.values.json === true ? JSON.stringify(json(findings), null, 2) : render(findings);
    // A webhook URL or a chat title may hold a token; nothing token-shaped leaves this command.
    ctx.out(redact(output, token));
    return findings.problem === undefined ? 0 : 1;
  },
};
