import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  headerOf,
  MAX_BODY_BYTES,
  readUpdate,
  SECRET_HEADER,
} from '../../src/telegram/commands/update.js';

const read = (update: unknown) => readUpdate(JSON.stringify(update));

describe('a Function URL header', () => {
  it('is found by its lower-case name among other headers', () => {
    const event = { headers: { 'content-type': 'application/json', [SECRET_HEADER]: 's3cret' } };

    expect(headerOf(event, SECRET_HEADER)).toBe('s3cret');
  });

  it('is found whatever case the event spells it in', () => {
    const event = {
      headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': 's3cret' },
    };

    expect(headerOf(event, SECRET_HEADER)).toBe('s3cret');
  });

  it('is undefined when absent, or when the event has no headers', () => {
    expect(headerOf({ headers: { 'content-type': 'application/json' } }, SECRET_HEADER)).toBeUndefined();
    expect(headerOf({}, SECRET_HEADER)).toBeUndefined();
  });
});

describe('a Function URL body', () => {
  it('is empty text when the request has none', () => {
    expect(bodyOf({})).toEqual({ text: '' });
  });

  it('is decoded when the event says it is base64', () => {
    const text = '{"update_id":1,"note":"é"}';

    expect(bodyOf({ body: Buffer.from(text).toString('base64'), isBase64Encoded: true })).toEqual({ text });
    expect(bodyOf({ body: text, isBase64Encoded: false })).toEqual({ text });
  });

  it('is accepted up to 64 KiB and refused one byte past it', () => {
    expect(bodyOf({ body: 'a'.repeat(MAX_BODY_BYTES) })).toEqual({ text: 'a'.repeat(MAX_BODY_BYTES) });
    expect(bodyOf({ body: 'a'.repeat(MAX_BODY_BYTES + 1) })).toEqual({ refused: 'body too large' });
  });

  it('is measured in bytes after decoding, not in characters or base64', () => {
    const wide = 'é'.repeat(MAX_BODY_BYTES / 2 + 1);
    const decodedTooLarge = Buffer.alloc(MAX_BODY_BYTES + 1, 'a').toString('base64');

    expect(bodyOf({ body: wide })).toEqual({ refused: 'body too large' });
    expect(bodyOf({ body: decodedTooLarge, isBase64Encoded: true })).toEqual({ refused: 'body too large' });
  });

  it('is refused when far too large, whether base64 or not', () => {
    const huge = 'a'.repeat(MAX_BODY_BYTES * 2 + 1);

    expect(bodyOf({ body: huge })).toEqual({ refused: 'body too large' });
    expect(bodyOf({ body: huge, isBase64Encoded: true })).toEqual({ refused: 'body too large' });
  });
});

describe('reading an update', () => {
  const chat = { id: -1001234, type: 'supergroup' };
  const from = { id: 42, first_name: 'Alice', last_name: 'Liu', username: 'alice' };
  const message = { message_id: 7, chat, from, text: '/status' };

  it('refuses a body that is not JSON, not an object, or has no integer update_id', () => {
    expect(readUpdate('{"update_id":')).toBeUndefined();
    expect(readUpdate('null')).toBeUndefined();
    expect(readUpdate('[1]')).toBeUndefined();
    expect(read({ message })).toBeUndefined();
    expect(read({ update_id: '5', message })).toBeUndefined();
    expect(read({ update_id: 1.5, message })).toBeUndefined();
  });

  it('reads a text message: chat id as text, chat type, message id, sender and text', () => {
    expect(read({ update_id: 9, message })).toStrictEqual({
      kind: 'message',
      updateId: 9,
      chatId: '-1001234',
      chatType: 'supergroup',
      messageId: 7,
      from: { id: 42, firstName: 'Alice', lastName: 'Liu', username: 'alice' },
      senderChatId: undefined,
      text: '/status',
    });
  });

  it('keeps a chat id Telegram sends as text', () => {
    expect(
      read({ update_id: 9, message: { ...message, chat: { id: '@guard_channel', type: 'channel' } } }),
    ).toMatchObject({
      kind: 'message',
      chatId: '@guard_channel',
    });
  });

  it('names the chat a message was sent on behalf of (an anonymous administrator)', () => {
    const anonymous = { ...message, sender_chat: { id: -1001234 } };

    expect(read({ update_id: 9, message: anonymous })).toMatchObject({
      kind: 'message',
      senderChatId: '-1001234',
    });
  });

  it('reads a sender with only an id and a first name, and a chat without a type', () => {
    const bare = { message_id: 7, chat: { id: 5 }, from: { id: 42, first_name: 'Bo' }, text: 'hi' };

    expect(read({ update_id: 9, message: bare })).toMatchObject({ chatType: '' });
    expect(read({ update_id: 9, message: bare })).toHaveProperty('from', { id: 42, firstName: 'Bo' });
    expect(Object.keys((read({ update_id: 9, message: bare }) as { from: object }).from)).toEqual([
      'id',
      'firstName',
    ]);
    expect(read({ update_id: 9, message: { ...bare, from: { id: 42 } } })).toHaveProperty('from', {
      id: 42,
      firstName: '',
    });
  });

  it('reads a message with no sender, or a sender without a numeric id, as from nobody', () => {
    const { from: _, ...noSender } = message;

    expect(read({ update_id: 9, message: noSender })).toMatchObject({ kind: 'message', from: undefined });
    expect(
      read({ update_id: 9, message: { ...message, from: { id: '42', first_name: 'A' } } }),
    ).toMatchObject({
      kind: 'message',
      from: undefined,
    });
  });

  it('treats a message without text, chat id or message id as something else, keeping its chat', () => {
    const { text: _t, ...photo } = message;
    const { message_id: _m, ...noId } = message;

    expect(read({ update_id: 9, message: photo })).toStrictEqual({
      kind: 'other',
      updateId: 9,
      what: 'message',
      chatId: '-1001234',
    });
    expect(read({ update_id: 9, message: { ...message, text: 42 } })).toMatchObject({ kind: 'other' });
    expect(read({ update_id: 9, message: noId })).toMatchObject({ kind: 'other' });
    expect(read({ update_id: 9, message: { ...message, message_id: '7' } })).toMatchObject({ kind: 'other' });
    expect(read({ update_id: 9, message: { ...message, chat: { type: 'private' } } })).toStrictEqual({
      kind: 'other',
      updateId: 9,
      what: 'message',
    });
    expect(read({ update_id: 9, message: { ...message, chat: { id: true } } })).toStrictEqual({
      kind: 'other',
      updateId: 9,
      what: 'message',
    });
    expect(read({ update_id: 9, message: null })).toStrictEqual({
      kind: 'other',
      updateId: 9,
      what: 'message',
    });
  });

  const callback = { id: 'cb-1', from, data: 'k.x', message: { message_id: 11, chat } };

  it('reads a button press: its id, the chat and message of the button, who pressed and the data', () => {
    expect(read({ update_id: 10, callback_query: callback })).toStrictEqual({
      kind: 'callback',
      updateId: 10,
      id: 'cb-1',
      chatId: '-1001234',
      messageId: 11,
      from: { id: 42, firstName: 'Alice', lastName: 'Liu', username: 'alice' },
      data: 'k.x',
    });
  });

  it('reads a press whose message is missing or has no chat or a non-numeric id, with those unknown', () => {
    const { message: _, ...inline } = callback;

    expect(read({ update_id: 10, callback_query: inline })).toMatchObject({
      kind: 'callback',
      chatId: undefined,
      messageId: undefined,
    });
    expect(
      read({ update_id: 10, callback_query: { ...callback, message: { message_id: 11 } } }),
    ).toMatchObject({
      kind: 'callback',
      chatId: undefined,
      messageId: 11,
    });
    expect(
      read({ update_id: 10, callback_query: { ...callback, message: { message_id: '11', chat } } }),
    ).toMatchObject({ kind: 'callback', chatId: '-1001234', messageId: undefined });
  });

  it('treats a press without a sender, an id or data as something else', () => {
    const { from: _f, ...noSender } = callback;
    const { id: _i, ...noId } = callback;
    const { data: _d, ...noData } = callback;

    for (const pressed of [noSender, noId, noData, { ...callback, data: 3 }]) {
      expect(read({ update_id: 10, callback_query: pressed })).toMatchObject({
        kind: 'other',
        what: 'callback_query',
      });
    }
  });

  it('names any other update by its field, with the chat when it has one', () => {
    expect(read({ update_id: 12, edited_message: { message_id: 1, chat, text: 'x' } })).toStrictEqual({
      kind: 'other',
      updateId: 12,
      what: 'edited_message',
      chatId: '-1001234',
    });
    expect(read({ update_id: 12, poll: { id: 'p' } })).toStrictEqual({
      kind: 'other',
      updateId: 12,
      what: 'poll',
    });
    expect(read({ update_id: 12 })).toStrictEqual({ kind: 'other', updateId: 12, what: 'nothing' });
  });
});
