import { describe, expect, it } from 'vitest';
import { botMembership, channelPost, privateMessage } from '../../sim/telegram/updates.js';
import { chatsFromUpdates, describeChat } from '../../src/telegram/chats.js';

const BOT = { id: 123456, first_name: 'Guard', username: 'guard_bot' };
const ANN = { id: 42, first_name: 'Ann', last_name: 'Lee', username: 'ann' };
const GROUP = { id: -4001, type: 'group', title: 'Proxies' } as const;
const SUPERGROUP = { id: -1001234567890, type: 'supergroup', title: 'Ops', username: 'ops_team' } as const;
const CHANNEL = { id: -1009876543210, type: 'channel', title: 'Alerts', username: 'proxy_alerts' } as const;

let nextId = 1;
/** Numbers updates in the order given, as Telegram does. */
function numbered(...updates: Record<string, unknown>[]): Record<string, unknown>[] {
  return updates.map((update) => ({ ...update, update_id: nextId++ }));
}

const message = (chat: object, extra: object = {}) => ({
  message_id: 7,
  date: 1_760_000_000,
  chat,
  from: { ...ANN, is_bot: false },
  text: 'hi',
  ...extra,
});

describe('chatsFromUpdates', () => {
  it('finds the chat of every update kind that carries one', () => {
    const updates = numbered(
      { message: message({ id: 1, type: 'private', first_name: 'A' }) },
      { edited_message: message({ id: 2, type: 'private', first_name: 'B' }) },
      { channel_post: message({ id: -3, type: 'channel', title: 'C' }) },
      { edited_channel_post: message({ id: -4, type: 'channel', title: 'D' }) },
      botMembership({ bot: BOT, chat: { id: -5, type: 'group', title: 'E' }, by: ANN, status: 'member' }),
      {
        chat_member: {
          chat: { id: -6, type: 'supergroup', title: 'F' },
          from: ANN,
          date: 1,
          old_chat_member: { user: ANN, status: 'left' },
          new_chat_member: { user: ANN, status: 'member' },
        },
      },
      {
        chat_join_request: {
          chat: { id: -7, type: 'supergroup', title: 'G' },
          from: ANN,
          user_chat_id: 42,
          date: 1,
        },
      },
      {
        callback_query: {
          id: 'q',
          from: ANN,
          chat_instance: 'x',
          message: message({ id: -8, type: 'group', title: 'H' }),
        },
      },
      {
        message_reaction: {
          chat: { id: -9, type: 'supergroup', title: 'I' },
          message_id: 1,
          date: 1,
          old_reaction: [],
          new_reaction: [],
        },
      },
      { chat_boost: { chat: { id: -10, type: 'channel', title: 'J' }, boost: {} } },
      {
        message_reaction_count: {
          chat: { id: -11, type: 'channel', title: 'K' },
          message_id: 1,
          date: 1,
          reactions: [],
        },
      },
      {
        removed_chat_boost: {
          chat: { id: -12, type: 'channel', title: 'L' },
          boost_id: 'b',
          remove_date: 1,
          source: {},
        },
      },
    );

    const ids = chatsFromUpdates(updates).map((chat) => chat.id);

    expect(ids.sort((a, b) => a - b)).toEqual([-12, -11, -10, -9, -8, -7, -6, -5, -4, -3, 1, 2]);
  });

  it('lists each chat once, newest first, with its newest title', () => {
    const updates = numbered({ message: message({ ...GROUP, title: 'Old name' }) }, privateMessage(ANN), {
      message: message(GROUP),
    });

    const chats = chatsFromUpdates(updates);

    expect(chats.map((chat) => [chat.id, chat.title ?? chat.name])).toEqual([
      [-4001, 'Proxies'],
      [42, 'Ann Lee'],
    ]);
  });

  it('orders by update_id, whatever order the list came in', () => {
    const [first, second] = numbered(privateMessage(ANN), { message: message(GROUP) });

    expect(chatsFromUpdates([second, first]).map((chat) => chat.id)).toEqual([-4001, 42]);
  });

  it('skips updates without a chat and of unknown shape', () => {
    const updates = [
      ...numbered(
        { inline_query: { id: '1', from: ANN, query: 'x', offset: '' } },
        {
          poll_answer: { poll_id: 'p', voter_chat: { id: -11, type: 'channel', title: 'V' }, option_ids: [] },
        },
        { business_message: message({ id: 99, type: 'private', first_name: 'Biz' }) },
        { message: { chat: { id: 'not a number', type: 'private' } } },
        { message: { chat: { id: 6, first_name: 'No type' } } },
      ),
      'garbage',
      null,
      { message: message({ id: 5, type: 'private' }) },
    ];

    expect(chatsFromUpdates(updates)).toEqual([]);
  });

  it('lists a group upgraded to a supergroup under its new id only', () => {
    const updates = numbered(
      { message: message(GROUP) },
      { message: message(GROUP, { migrate_to_chat_id: -1001112223334 }) },
    );

    const chats = chatsFromUpdates(updates);

    expect(chats).toHaveLength(1);
    expect(chats[0]).toMatchObject({ id: -1001112223334, type: 'supergroup', title: 'Proxies' });
  });

  it('says when the bot was removed, blocked, or may not post in a channel, from its newest membership', () => {
    const updates = numbered(
      botMembership({ bot: BOT, chat: SUPERGROUP, by: ANN, status: 'member' }),
      botMembership({ bot: BOT, chat: SUPERGROUP, by: ANN, status: 'kicked' }),
      privateMessage(ANN),
      {
        my_chat_member: {
          chat: { id: 42, type: 'private', first_name: 'Ann' },
          from: ANN,
          date: 1,
          old_chat_member: { user: BOT, status: 'member' },
          new_chat_member: { user: BOT, status: 'kicked' },
        },
      },
      botMembership({ bot: BOT, chat: CHANNEL, by: ANN, status: 'administrator', canPostMessages: false }),
      botMembership({ bot: BOT, chat: GROUP, by: ANN, status: 'left' }),
      botMembership({ bot: BOT, chat: GROUP, by: ANN, status: 'member' }),
    );

    const blocked = Object.fromEntries(chatsFromUpdates(updates).map((chat) => [chat.id, chat.blocked]));

    expect(blocked).toEqual({
      [SUPERGROUP.id]: 'the bot was removed from this chat',
      42: 'the user blocked the bot',
      [CHANNEL.id]: 'the bot may not post in this channel',
      [GROUP.id]: undefined,
    });
  });

  it('keeps a channel usable when the bot is an administrator allowed to post, and after a post', () => {
    const updates = numbered(
      botMembership({ bot: BOT, chat: CHANNEL, by: ANN, status: 'administrator' }),
      channelPost(CHANNEL, 'test'),
    );

    expect(chatsFromUpdates(updates)).toEqual([
      {
        id: CHANNEL.id,
        type: 'channel',
        title: 'Alerts',
        username: 'proxy_alerts',
        name: undefined,
        seenIn: 'channel_post',
        blocked: undefined,
      },
    ]);
  });
});

describe('chatsFromUpdates reading what a chat is called', () => {
  it('reads empty and non-text names as missing, so no empty handle or title is shown', () => {
    const updates = numbered(
      { message: message({ id: 42, type: 'private', first_name: 'Ann', last_name: '', username: '' }) },
      { message: message({ id: -4001, type: 'group', title: 17 }) },
    );

    expect(chatsFromUpdates(updates)).toEqual([
      {
        id: -4001,
        type: 'group',
        title: undefined,
        username: undefined,
        name: undefined,
        seenIn: 'message',
        blocked: undefined,
      },
      {
        id: 42,
        type: 'private',
        title: undefined,
        username: undefined,
        name: 'Ann',
        seenIn: 'message',
        blocked: undefined,
      },
    ]);
  });

  it('keeps what the supergroup itself said when the old group’s upgrade notice comes after it', () => {
    const supergroupId = -1001112223334;
    const updates = numbered(
      { message: message({ id: supergroupId, type: 'supergroup', title: 'Proxies', username: 'proxies' }) },
      { message: message(GROUP, { migrate_to_chat_id: supergroupId }) },
    );

    expect(chatsFromUpdates(updates)).toEqual([
      {
        id: supergroupId,
        type: 'supergroup',
        title: 'Proxies',
        username: 'proxies',
        name: undefined,
        seenIn: 'message',
        blocked: undefined,
      },
    ]);
  });
});

describe('chatsFromUpdates reading whether the bot may write', () => {
  /** The bot's own membership update in `chat`, `newMember` being its new ChatMember's fields. */
  const botBecame = (chat: object, newMember: object) => ({
    my_chat_member: {
      chat,
      from: ANN,
      date: 1,
      old_chat_member: { user: { ...BOT, is_bot: true }, status: 'left' },
      new_chat_member: { user: { ...BOT, is_bot: true }, ...newMember },
    },
  });
  const blockedById = (updates: Record<string, unknown>[]) =>
    Object.fromEntries(chatsFromUpdates(updates).map((chat) => [chat.id, chat.blocked]));

  it('says the bot was removed when it left a chat, and that a user blocked it only in a private chat', () => {
    const updates = numbered(
      botMembership({ bot: BOT, chat: GROUP, by: ANN, status: 'member' }),
      botMembership({ bot: BOT, chat: GROUP, by: ANN, status: 'left' }),
      botMembership({ bot: BOT, chat: CHANNEL, by: ANN, status: 'kicked' }),
    );

    expect(blockedById(updates)).toEqual({
      [GROUP.id]: 'the bot was removed from this chat',
      [CHANNEL.id]: 'the bot was removed from this chat',
    });
  });

  it('takes a private chat as usable again once the user unblocks the bot', () => {
    const ann = { id: 42, type: 'private', first_name: 'Ann' };
    const updates = numbered(
      botBecame(ann, { status: 'kicked', until_date: 0 }),
      botBecame(ann, { status: 'member' }),
    );

    expect(blockedById(updates)).toEqual({ 42: undefined });
  });

  it('says the bot cannot post in a channel where it is only a member, and can where it is the owner', () => {
    const owned = { id: -1005550001, type: 'channel', title: 'Own' };
    const updates = numbered(
      botMembership({ bot: BOT, chat: CHANNEL, by: ANN, status: 'member' }),
      botBecame(owned, { status: 'creator', is_anonymous: false }),
    );

    expect(blockedById(updates)).toEqual({
      [CHANNEL.id]: 'the bot is not an administrator of this channel',
      [owned.id]: undefined,
    });
  });

  it('reads can_post_messages as a channel’s alone: a supergroup administrator may write whatever it says', () => {
    // The Bot API documents the field "for channels only"; an administrator of a group may always
    // send messages there, so a stray `false` must not mark a usable chat as blocked.
    const updates = numbered(botBecame(SUPERGROUP, { status: 'administrator', can_post_messages: false }));

    expect(blockedById(updates)).toEqual({ [SUPERGROUP.id]: undefined });
  });

  it('reads a membership update without the new member as saying nothing', () => {
    const updates = numbered({ my_chat_member: { chat: GROUP, from: ANN, date: 1 } });

    expect(blockedById(updates)).toEqual({ [GROUP.id]: undefined });
  });

  it('keeps what the bot’s membership said when another user’s membership changes in that chat', () => {
    const annBanned = (chat: object) => ({
      chat_member: {
        chat,
        from: ANN,
        date: 1,
        old_chat_member: { user: ANN, status: 'member' },
        new_chat_member: { user: ANN, status: 'kicked', until_date: 0 },
      },
    });
    const updates = numbered(
      botMembership({ bot: BOT, chat: SUPERGROUP, by: ANN, status: 'administrator' }),
      annBanned(SUPERGROUP),
      botMembership({ bot: BOT, chat: CHANNEL, by: ANN, status: 'administrator', canPostMessages: false }),
      annBanned(CHANNEL),
    );

    expect(chatsFromUpdates(updates).map(({ id, seenIn, blocked }) => ({ id, seenIn, blocked }))).toEqual([
      { id: CHANNEL.id, seenIn: 'chat_member', blocked: 'the bot may not post in this channel' },
      { id: SUPERGROUP.id, seenIn: 'chat_member', blocked: undefined },
    ]);
  });
});

describe('describeChat', () => {
  it('names a private chat by the person and a group or channel by its title, with the @handle', () => {
    const [channel, person] = chatsFromUpdates(numbered(privateMessage(ANN), channelPost(CHANNEL, 'x')));

    expect(person && describeChat(person)).toBe('private chat with Ann Lee (@ann)');
    expect(channel && describeChat(channel)).toBe('channel "Alerts" (@proxy_alerts)');
  });

  it('leaves out a handle the chat does not have, and names a chat without a name or title plainly', () => {
    const chat = {
      id: 42,
      type: 'private',
      title: undefined,
      username: undefined,
      name: undefined,
      seenIn: 'message',
      blocked: undefined,
    };

    expect(describeChat(chat)).toBe('private chat with a user');
    expect(describeChat({ ...chat, name: 'Ann' })).toBe('private chat with Ann');
    expect(describeChat({ ...chat, id: -4001, type: 'group' })).toBe('group "untitled"');
  });
});
