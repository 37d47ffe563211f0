/**
 * The webhook of the chat commands: checks the secret, reads the update, decides whether its sender
 * may command the guard, and answers. Secure by default:
 * - without the right `X-Telegram-Bot-Api-Secret-Token`: 401, and nothing else is done;
 * - a malformed or oversized body: 400;
 * - another chat, a channel post or any other update: 200, no reply, no Lightsail call, logged;
 * - in a group, only its administrators (or `TELEGRAM_ADMIN_IDS`) may command;
 * - an update seen already by this container is answered 200 and not acted on again; across
 *   containers, every change is idempotent (a kept instance is not kept again).
 * Everything handled, even a command that failed, is answered 200: Telegram would resend it.
 */

import { billingMonthOf } from '../../core/billing-month.js';
import {
  type ChatChange,
  type ChatUser,
  CONFIRMATION_SECONDS,
  parseCommand,
  type TypedCommand,
  whoAsked,
} from '../../core/chat-commands.js';
import type { CommandsCatalogue } from '../../core/i18n/commands.js';
import { OVERAGE_USD_PER_GB } from '../../core/overage.js';
import { isHeld } from '../../core/restart.js';
import type { LogEvent } from '../../engine/types.js';
import { describeError } from '../../errors.js';
import { alreadyKept } from '../../lifecycle/owner-actions.js';
import type { CommandBot } from './bot.js';
import {
  holdIt,
  keep,
  type Located,
  locate,
  type OperationsDeps,
  releaseIt,
  sendReport,
  statusMessages,
} from './operations.js';
import { buttonSignedFor, isWebhookSecret, nameId, readButton, signButton, webhookSecret } from './secret.js';
import {
  bodyOf,
  type FunctionUrlEvent,
  type FunctionUrlResult,
  headerOf,
  type Incoming,
  readUpdate,
  SECRET_HEADER,
} from './update.js';

export interface WebhookDeps extends OperationsDeps {
  readonly token: string;
  /** The one chat that may command: `TELEGRAM_CHAT_ID`. */
  readonly chatId: string;
  /** `TELEGRAM_ADMIN_IDS`: when set, the only users who may command in a group. */
  readonly adminIds: readonly number[] | undefined;
  readonly bot: CommandBot;
  readonly catalogue: CommandsCatalogue;
  /** Announces a change on every alert channel but the chat (which reads it as the reply). */
  readonly announce: (change: ChatChange) => Promise<void>;
  readonly log: (event: LogEvent) => void;
}

/** How many update ids a warm container remembers: far more than Telegram resends. */
const REMEMBERED_UPDATES = 1_000;

const answer = (statusCode: number, body = ''): FunctionUrlResult => ({
  statusCode,
  headers: { 'content-type': 'text/plain' },
  body,
});

/** Builds the handler of one container: it remembers the updates it has acted on. */
export function createWebhookHandler(
  deps: WebhookDeps,
): (event: FunctionUrlEvent) => Promise<FunctionUrlResult> {
  const secret = webhookSecret(deps.token);
  const seen = new Set<number>();
  let username: Promise<string> | undefined;

  const remember = (updateId: number): boolean => {
    if (seen.has(updateId)) return false;
    seen.add(updateId);
    if (seen.size > REMEMBERED_UPDATES) seen.delete(seen.values().next().value as number);
    return true;
  };

  return async (event) => {
    // First, before anything is read: the secret itself is never logged.
    if (!isWebhookSecret(headerOf(event, SECRET_HEADER), secret)) {
      deps.log({ level: 'warn', msg: 'webhook refused: wrong or missing secret token' });
      return answer(401, 'unauthorized');
    }
    if ((event.requestContext?.http?.method ?? 'POST') !== 'POST') return answer(405, 'POST only');
    const body = bodyOf(event);
    if ('refused' in body) {
      deps.log({ level: 'warn', msg: `webhook refused: ${body.refused}` });
      return answer(400, body.refused);
    }
    const update = readUpdate(body.text);
    if (update === undefined) {
      deps.log({ level: 'warn', msg: 'webhook refused: not a Telegram update' });
      return answer(400, 'not a Telegram update');
    }
    if (!remember(update.updateId)) {
      deps.log({ level: 'info', msg: 'update already handled', updateId: update.updateId });
      return answer(200);
    }
    try {
      await handle(update);
    } catch (error) {
      deps.log({
        level: 'error',
        msg: 'command failed',
        updateId: update.updateId,
        error: describeError(error),
      });
    }
    return answer(200);
  };

  async function handle(update: Incoming): Promise<void> {
    if (update.kind === 'other' || update.chatId !== deps.chatId) {
      deps.log({
        level: 'info',
        msg: 'update ignored',
        what: update.kind === 'other' ? update.what : update.kind,
        chatId: update.chatId ?? null,
      });
      return;
    }
    if (update.kind === 'callback') return pressed(update);
    const typed = parseCommand(update.text);
    const isGroup = update.chatType === 'group' || update.chatType === 'supergroup';
    // People talk in groups: only a command addressed to no bot or to this one is answered there.
    if (typed === undefined && isGroup) return;
    if (typed?.mention !== undefined && typed.mention !== (await botUsername())) return;
    if (isGroup && !(await mayCommand(update))) {
      await reply(update.messageId, deps.catalogue.adminsOnly);
      return;
    }
    const user = update.from ?? { id: 0, firstName: 'an anonymous administrator' };
    await command(typed ?? { command: 'help', mention: undefined, args: [] }, update.messageId, user);
  }

  function botUsername(): Promise<string> {
    username ??= deps.bot.getMe().then(
      (me) => me.username.toLowerCase(),
      (error: unknown) => {
        username = undefined;
        throw error;
      },
    );
    return username;
  }

  async function mayCommand(update: Extract<Incoming, { kind: 'message' }>): Promise<boolean> {
    if (deps.adminIds !== undefined)
      return update.from !== undefined && deps.adminIds.includes(update.from.id);
    // An anonymous administrator writes as the group itself; nobody else can.
    if (update.senderChatId === deps.chatId) return true;
    if (update.from === undefined) return false;
    const admins = await deps.bot.getChatAdministrators(deps.chatId);
    return admins.includes(update.from.id);
  }

  async function reply(replyTo: number, html: string): Promise<void> {
    await deps.bot.sendMessage(deps.chatId, html, { replyTo });
  }

  async function command(typed: TypedCommand, messageId: number, user: ChatUser): Promise<void> {
    const { catalogue } = deps;
    const [name, region] = typed.args;
    try {
      switch (typed.command) {
        case 'status':
          for (const text of await statusMessages(deps, catalogue, name)) await reply(messageId, text);
          return;
        case 'report': {
          const problems = await sendReport(deps);
          if (problems.length > 0) await reply(messageId, catalogue.failed(problems.join('; ')));
          return;
        }
        case 'keep':
        case 'hold':
        case 'release': {
          if (name === undefined) return reply(messageId, catalogue.needsName(typed.command));
          const located = await locate(deps, name, region);
          const instance = await foundOrSaid(located, typed.command, name, messageId);
          if (instance === undefined) return;
          const by = whoAsked(user);
          if (typed.command === 'keep') return ask(instance, user, by, messageId);
          const change =
            typed.command === 'hold' ? await holdIt(deps, instance, by) : await releaseIt(deps, instance, by);
          if (change === undefined) {
            const unchanged = typed.command === 'hold' ? catalogue.holdAlready : catalogue.releaseNone;
            return reply(messageId, unchanged(instance.name, instance.region));
          }
          await reply(messageId, catalogue.change(change));
          await deps.announce(change);
          return;
        }
        default:
          return reply(messageId, catalogue.help);
      }
    } catch (error) {
      deps.log({
        level: 'error',
        msg: 'command failed',
        command: typed.command,
        error: describeError(error),
      });
      await reply(messageId, catalogue.failed(describeError(error)));
    }
  }

  async function foundOrSaid(
    located: Located,
    command: 'keep' | 'hold' | 'release',
    name: string,
    messageId: number,
  ) {
    if ('found' in located) return located.found;
    if ('several' in located)
      await reply(messageId, deps.catalogue.inSeveral(command, name, located.several));
    else await reply(messageId, deps.catalogue.notFound(name, located.unread));
    return undefined;
  }

  /** `/keep`: nothing changes until the person who asked presses the button. */
  async function ask(
    instance: Parameters<typeof alreadyKept>[0],
    user: ChatUser,
    by: string,
    messageId: number,
  ): Promise<void> {
    const { catalogue, config } = deps;
    const now = deps.now();
    const month = billingMonthOf(now).key;
    if (alreadyKept(instance, month)) {
      return reply(messageId, catalogue.keepAlready(instance.name, instance.region, month));
    }
    if (isHeld(instance.tags)) {
      return reply(messageId, catalogue.keepHeld(instance.name, instance.region));
    }
    const expiresAt = Math.floor(now.getTime() / 1000) + CONFIRMATION_SECONDS;
    const question = catalogue.keepQuestion(
      {
        name: instance.name,
        region: instance.region,
        state: instance.state,
        month,
        allowanceGb: instance.allowanceGb,
        pricePerGb: OVERAGE_USD_PER_GB[instance.region],
        expiresAt: new Date(expiresAt * 1000),
        by,
      },
      config.timeZone,
    );
    const callbackData = signButton(
      { action: 'keep', name: instance.name, region: instance.region, userId: user.id, expiresAt },
      deps.token,
    );
    await deps.bot.sendMessage(deps.chatId, question, {
      replyTo: messageId,
      button: { text: catalogue.keepButton, callbackData },
    });
  }

  /** A confirmation button pressed: by whom, when, and whether it has been acted on. */
  async function pressed(update: Extract<Incoming, { kind: 'callback' }>): Promise<void> {
    const { catalogue, bot } = deps;
    const button = readButton(update.data);
    const messageId = update.messageId;
    if (button === undefined || messageId === undefined) {
      return bot.answerCallbackQuery(update.id, catalogue.buttonNotYours, true);
    }
    const located = await listed(button.region, button.nameId);
    if (located === undefined || !buttonSignedFor(button, located.name, update.from.id, deps.token)) {
      deps.log({
        level: 'warn',
        msg: 'confirmation refused: not the person who asked',
        userId: update.from.id,
      });
      return bot.answerCallbackQuery(update.id, catalogue.buttonNotYours, true);
    }
    const { name, region } = located;
    if (deps.now().getTime() / 1000 > button.expiresAt) {
      await bot.answerCallbackQuery(update.id, catalogue.buttonExpired, true);
      return bot.editMessageText(deps.chatId, messageId, catalogue.expiredQuestion(name, region));
    }
    const month = billingMonthOf(deps.now()).key;
    if (alreadyKept(located, month)) {
      await bot.answerCallbackQuery(update.id, catalogue.buttonDone);
      return bot.editMessageText(deps.chatId, messageId, catalogue.keepAlready(name, region, month));
    }
    let text: string;
    let change: ChatChange | undefined;
    try {
      const outcome = await keep(deps, located, whoAsked(update.from));
      if ('change' in outcome) {
        change = outcome.change;
        text = catalogue.change(change);
      } else {
        text =
          outcome.refused === 'held'
            ? catalogue.keepHeld(name, region)
            : catalogue.notStartable(name, region, outcome.state);
      }
    } catch (error) {
      text = catalogue.failed(describeError(error));
    }
    await bot.answerCallbackQuery(update.id, change === undefined ? '' : '✅');
    // The edit removes the button: it is used once.
    await bot.editMessageText(deps.chatId, messageId, text);
    if (change !== undefined) await deps.announce(change);
  }

  /** The instance a button names, by its region and name id. */
  async function listed(region: string, id: string) {
    const fleet = await deps.fleet();
    const instances = await fleet.listInstances(region, deps.signal());
    return instances.find((instance) => nameId(instance.name) === id);
  }
}
