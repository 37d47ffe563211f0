/**
 * The fake's update queue and webhook: `getUpdates`, `getWebhookInfo`, `setWebhook` and
 * `deleteWebhook`, with the Bot API's shapes and wording, and builders for the updates a bot gets
 * when someone writes to it or adds it to a chat.
 */

import { ok, type Params, type Reply, refusal } from './send-message.js';

/** An update as `getUpdates` returns it: `update_id` and one field naming its kind. */
export type Update = { update_id: number } & Record<string, unknown>;

/** An update to seed; the fake numbers it when `update_id` is left out. */
export type SeedUpdate = { update_id?: number } & Record<string, unknown>;

/** A webhook set on the fake's bot. */
export interface FakeWebhook {
  url: string;
  /** `setWebhook`'s `secret_token`, sent back in `X-Telegram-Bot-Api-Secret-Token`. */
  secretToken?: string;
  /** `setWebhook`'s `allowed_updates`. */
  allowedUpdates?: readonly string[];
  /** As `getWebhookInfo` reports it: the last error delivering an update there. */
  lastErrorMessage?: string;
}

/** Telegram's answer to `getUpdates` while a webhook is set, word for word. */
export const WEBHOOK_CONFLICT =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

// Telegram starts update ids at some positive number and counts up from there.
const FIRST_UPDATE_ID = 700_000_001;

/** Unconfirmed updates in order, and the webhook if one is set. */
export class UpdateQueue {
  private readonly pending: Update[] = [];
  private nextId = FIRST_UPDATE_ID;
  webhook: FakeWebhook | undefined;

  /** Queues an update as Telegram would on an event; returns it with its `update_id`. */
  add(seed: SeedUpdate): Update {
    const updateId = seed.update_id ?? this.nextId;
    this.nextId = Math.max(this.nextId, updateId + 1);
    const update: Update = { ...seed, update_id: updateId };
    this.pending.push(update);
    return update;
  }

  /** The updates not yet confirmed, in order. */
  get updates(): readonly Update[] {
    return this.pending;
  }

  /**
   * `getUpdates`: refused with 409 while a webhook is set. `offset` confirms (forgets) every
   * update below it, and a negative one keeps only that many from the end, as documented; `limit`
   * is 1..100 (default 100). `timeout` is not modelled (the fake answers at once) and neither is
   * `allowed_updates`.
   */
  getUpdates(params: Params): Reply {
    if (this.webhook !== undefined) return refusal(409, WEBHOOK_CONFLICT);
    const offset = params.offset === undefined ? undefined : Number(params.offset);
    const limit = params.limit === undefined ? 100 : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return refusal(400, 'Bad Request: limit must be between 1 and 100');
    }
    if (offset !== undefined && Number.isInteger(offset) && offset > 0) {
      const confirmed = this.pending.filter((update) => update.update_id < offset).length;
      this.pending.splice(0, confirmed);
    } else if (offset !== undefined && Number.isInteger(offset) && offset < 0) {
      this.pending.splice(0, Math.max(0, this.pending.length + offset));
    }
    return ok(this.pending.slice(0, limit));
  }

  /** `getWebhookInfo`: `url` is empty when no webhook is set. */
  getWebhookInfo(): Reply {
    const webhook = this.webhook;
    return ok({
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.pending.length,
      ...(webhook?.lastErrorMessage === undefined
        ? {}
        : {
            last_error_date: Math.floor(Date.now() / 1000) - 60,
            last_error_message: webhook.lastErrorMessage,
          }),
      ...(webhook === undefined ? {} : { max_connections: 40 }),
      ...(webhook?.allowedUpdates === undefined ? {} : { allowed_updates: webhook.allowedUpdates }),
    });
  }

  /** `setWebhook`: an empty `url` removes the webhook, as the Bot API documents. */
  setWebhook(params: Params): Reply {
    const url = typeof params.url === 'string' ? params.url : '';
    if (url === '') return this.deleteWebhook(params);
    if (!url.startsWith('https://'))
      return refusal(400, 'Bad Request: bad webhook: HTTPS url must be provided for webhook');
    const secret = params.secret_token;
    if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret)))
      return refusal(400, 'Bad Request: secret token contains unallowed characters');
    const allowed = Array.isArray(params.allowed_updates) ? params.allowed_updates.map(String) : undefined;
    this.webhook = {
      url,
      ...(typeof secret === 'string' ? { secretToken: secret } : {}),
      ...(allowed === undefined ? {} : { allowedUpdates: allowed }),
    };
    if (params.drop_pending_updates === true) this.pending.length = 0;
    return { status: 200, body: { ok: true, result: true, description: 'Webhook was set' } };
  }

  /** `deleteWebhook`, optionally dropping the pending updates. */
  deleteWebhook(params: Params): Reply {
    const had = this.webhook !== undefined;
    this.webhook = undefined;
    if (params.drop_pending_updates === true || params.drop_pending_updates === 'true')
      this.pending.length = 0;
    return {
      status: 200,
      body: {
        ok: true,
        result: true,
        description: had ? 'Webhook was deleted' : 'Webhook is already deleted',
      },
    };
  }
}

/** A person as Telegram's `User` describes them. */
export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

const now = (): number => Math.floor(Date.now() / 1000);

/** `/start` sent to the bot in a private chat: what a person does first. */
export function privateMessage(user: FakeUser, text = '/start'): SeedUpdate {
  const { id, first_name, last_name, username } = user;
  return {
    message: {
      message_id: 1,
      from: { ...user, is_bot: false, language_code: 'en' },
      chat: {
        id,
        type: 'private',
        first_name,
        ...(last_name === undefined ? {} : { last_name }),
        ...(username === undefined ? {} : { username }),
      },
      date: now(),
      text,
      ...(text.startsWith('/')
        ? { entities: [{ offset: 0, length: text.split(' ')[0]?.length, type: 'bot_command' }] }
        : {}),
    },
  };
}

/** The bot's own membership changed in a chat: added to a group, or made a channel's administrator. */
export function botMembership(options: {
  bot: { id: number; first_name: string; username: string };
  chat: { id: number; type: 'group' | 'supergroup' | 'channel'; title: string; username?: string };
  by: FakeUser;
  status: 'member' | 'administrator' | 'left' | 'kicked';
  canPostMessages?: boolean;
}): SeedUpdate {
  const { bot, chat, by, status } = options;
  const user = { ...bot, is_bot: true };
  const admin = {
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: false,
    can_manage_video_chats: false,
    can_restrict_members: false,
    can_promote_members: false,
    can_change_info: false,
    can_invite_users: false,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
    ...(chat.type === 'channel'
      ? { can_post_messages: options.canPostMessages ?? true, can_edit_messages: false }
      : {}),
  };
  return {
    my_chat_member: {
      chat,
      from: { ...by, is_bot: false },
      date: now(),
      old_chat_member: { user, status: 'left' },
      new_chat_member: { user, status, ...(status === 'administrator' ? admin : {}) },
    },
  };
}

/** A post in a channel the bot administers. Channel posts have no `from`, only the channel. */
export function channelPost(
  chat: { id: number; title: string; username?: string },
  text: string,
): SeedUpdate {
  const channel = { ...chat, type: 'channel' };
  return { channel_post: { message_id: 1, sender_chat: channel, chat: channel, date: now(), text } };
}
