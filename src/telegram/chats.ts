/**
 * Which chats a bot can write to, read from its updates: every kind of update that names a chat
 * the bot is in, deduplicated, newest first. Plain data in, plain data out.
 */

/** A chat found in the updates. */
export interface FoundChat {
  /** What `TELEGRAM_CHAT_ID` takes: negative for groups and channels. */
  readonly id: number;
  /** `private`, `group`, `supergroup` or `channel`. */
  readonly type: string;
  /** Groups and channels. */
  readonly title: string | undefined;
  /** Public chats and users that have one, without the `@`. */
  readonly username: string | undefined;
  /** First and last name: private chats. */
  readonly name: string | undefined;
  /** The kind of the newest update that named it, e.g. `message` or `my_chat_member`. */
  readonly seenIn: string;
  /**
   * Why the bot cannot write there, from its newest membership update: it was removed, blocked
   * (a private chat), or may not post (a channel); `undefined` when nothing says so.
   */
  readonly blocked: string | undefined;
}

/**
 * Update fields that hold a chat the bot is in, and where: the chat itself, or a message's. Business
 * messages are left out (their chat is a user's chat with a business account, not with the bot),
 * and so are `poll_answer.voter_chat` and forwarded chats, which the bot need not be in.
 */
const CHAT_BEARING: Readonly<Record<string, 'chat' | 'message.chat'>> = {
  message: 'chat',
  edited_message: 'chat',
  channel_post: 'chat',
  edited_channel_post: 'chat',
  my_chat_member: 'chat',
  chat_member: 'chat',
  chat_join_request: 'chat',
  message_reaction: 'chat',
  message_reaction_count: 'chat',
  chat_boost: 'chat',
  removed_chat_boost: 'chat',
  callback_query: 'message.chat',
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

interface Sighting {
  readonly chat: Json;
  readonly kind: string;
  readonly body: Json;
}

/** The chat an update names, with the update's kind and body; `undefined` for kinds without one. */
function sighting(update: Json): Sighting | undefined {
  for (const [kind, path] of Object.entries(CHAT_BEARING)) {
    const body = update[kind];
    if (!isObject(body)) continue;
    const holder = path === 'chat' ? body : body.message;
    const chat = isObject(holder) ? holder.chat : undefined;
    if (isObject(chat) && typeof chat.id === 'number' && typeof chat.type === 'string') {
      return { chat, kind, body };
    }
  }
  return undefined;
}

/** What the bot's own membership update says about writing there, if anything. */
function membershipBlock(type: string, body: Json): string | undefined {
  const member = body.new_chat_member;
  if (!isObject(member)) return undefined;
  const status = member.status;
  if (status === 'kicked' && type === 'private') return 'the user blocked the bot';
  if (status === 'kicked' || status === 'left') return 'the bot was removed from this chat';
  if (type === 'channel' && status !== 'administrator' && status !== 'creator') {
    return 'the bot is not an administrator of this channel';
  }
  if (type === 'channel' && status === 'administrator' && member.can_post_messages === false) {
    return 'the bot may not post in this channel';
  }
  return undefined;
}

function personName(chat: Json): string | undefined {
  const name = [text(chat.first_name), text(chat.last_name)].filter(Boolean).join(' ');
  return name === '' ? undefined : name;
}

/**
 * The chats named by `updates` (as `getUpdates` returns them), one entry per chat id, newest first,
 * each with what its newest update says. A group upgraded to a supergroup is listed under its new
 * id only: messages to the old id fail. Updates of unknown shape are skipped.
 */
export function chatsFromUpdates(updates: readonly unknown[]): FoundChat[] {
  const ordered = updates
    .filter(isObject)
    .filter((update) => typeof update.update_id === 'number')
    .sort((a, b) => (a.update_id as number) - (b.update_id as number));
  const chats = new Map<number, FoundChat>();
  const migrated = new Set<number>();
  for (const update of ordered) {
    const seen = sighting(update);
    if (seen === undefined) continue;
    const { chat, kind, body } = seen;
    const id = chat.id as number;
    const type = chat.type as string;
    const movedTo = body.migrate_to_chat_id;
    if (typeof movedTo === 'number') {
      // The group became a supergroup under a new id; Telegram also reports it from the new chat,
      // but that update may be missing (older than 24 hours, or of a kind not delivered).
      migrated.add(id);
      if (!chats.has(movedTo)) {
        chats.set(movedTo, {
          id: movedTo,
          type: 'supergroup',
          title: text(chat.title),
          username: undefined,
          name: undefined,
          seenIn: kind,
          blocked: undefined,
        });
      }
      continue;
    }
    const before = chats.get(id);
    // Only the bot's own membership updates say whether it may write; other kinds keep what the
    // last one said. A user's membership (`chat_member`) is about someone else.
    const blocked = kind === 'my_chat_member' ? membershipBlock(type, body) : before?.blocked;
    chats.delete(id); // re-inserted last: Map order is "newest update last"
    chats.set(id, {
      id,
      type,
      title: text(chat.title) ?? before?.title,
      username: text(chat.username) ?? before?.username,
      name: personName(chat) ?? before?.name,
      seenIn: kind,
      blocked,
    });
  }
  return [...chats.values()].filter((chat) => !migrated.has(chat.id)).reverse();
}

/** "private chat with Ann Lee (@ann)", "supergroup "Proxies" (@proxies)", for one line of output. */
export function describeChat(chat: FoundChat): string {
  const handle = chat.username === undefined ? '' : ` (@${chat.username})`;
  if (chat.type === 'private') return `private chat with ${chat.name ?? 'a user'}${handle}`;
  return `${chat.type} "${chat.title ?? 'untitled'}"${handle}`;
}
