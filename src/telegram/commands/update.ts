/**
 * A Lambda Function URL event (payload format 2.0) read as a Telegram update: the secret header,
 * the body (base64 or not, within a size limit), and the few fields of an update the commands use.
 */

import type { ChatUser } from '../../core/chat-commands.js';

/** The part of a Function URL event (payload 2.0) the webhook reads. */
export interface FunctionUrlEvent {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly http?: { readonly method?: string } };
}

/** The Function URL's answer: Telegram needs only the status. */
export interface FunctionUrlResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Far above any update a command produces (a few KB), far below Lambda's 6 MB. */
export const MAX_BODY_BYTES = 64 * 1024;

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** What the webhook acts on: a message, a button press, or anything else (ignored, logged). */
export type Incoming =
  | {
      readonly kind: 'message';
      readonly updateId: number;
      readonly chatId: string;
      readonly chatType: string;
      readonly messageId: number;
      readonly from: ChatUser | undefined;
      /** Set when the message was sent on behalf of a chat (an anonymous group administrator). */
      readonly senderChatId: string | undefined;
      readonly text: string;
    }
  | {
      readonly kind: 'callback';
      readonly updateId: number;
      readonly id: string;
      readonly chatId: string | undefined;
      readonly messageId: number | undefined;
      readonly from: ChatUser;
      readonly data: string;
    }
  | { readonly kind: 'other'; readonly updateId: number; readonly what: string; readonly chatId?: string };

/** A header of the event, by its lower-case name (payload 2.0 lower-cases them; be lenient). */
export function headerOf(event: FunctionUrlEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  return headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** The request body as text, or why it is refused (`undefined` body: an empty request). */
export function bodyOf(event: FunctionUrlEvent): { text: string } | { refused: string } {
  const raw = event.body ?? '';
  if (raw.length > MAX_BODY_BYTES * 2) return { refused: 'body too large' };
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { refused: 'body too large' };
  return { text };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const idOf = (value: unknown): string | undefined =>
  typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;

function userOf(value: unknown): ChatUser | undefined {
  if (!isObject(value) || typeof value.id !== 'number') return undefined;
  const lastName = str(value.last_name);
  const username = str(value.username);
  return {
    id: value.id,
    firstName: str(value.first_name) ?? '',
    ...(lastName === undefined ? {} : { lastName }),
    ...(username === undefined ? {} : { username }),
  };
}

/** Reads an update; `undefined` when the body is not one (no JSON object with an integer `update_id`). */
export function readUpdate(text: string): Incoming | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || !Number.isSafeInteger(parsed.update_id)) return undefined;
  const updateId = parsed.update_id as number;
  const { message, callback_query: callback } = parsed;
  if (isObject(message) && isObject(message.chat)) {
    const chatId = idOf(message.chat.id);
    const text = str(message.text);
    if (chatId !== undefined && text !== undefined && typeof message.message_id === 'number') {
      return {
        kind: 'message',
        updateId,
        chatId,
        chatType: str(message.chat.type) ?? '',
        messageId: message.message_id,
        from: userOf(message.from),
        senderChatId: isObject(message.sender_chat) ? idOf(message.sender_chat.id) : undefined,
        text,
      };
    }
  }
  if (isObject(callback)) {
    const from = userOf(callback.from);
    const id = str(callback.id);
    const data = str(callback.data);
    if (from !== undefined && id !== undefined && data !== undefined) {
      const chat = isObject(callback.message) && isObject(callback.message.chat) ? callback.message.chat : {};
      const messageId = isObject(callback.message) ? callback.message.message_id : undefined;
      return {
        kind: 'callback',
        updateId,
        id,
        chatId: idOf(chat.id),
        messageId: typeof messageId === 'number' ? messageId : undefined,
        from,
        data,
      };
    }
  }
  const what = Object.keys(parsed).find((key) => key !== 'update_id') ?? 'nothing';
  const inner = isObject(parsed[what]) ? (parsed[what] as Json) : {};
  const chatId = isObject(inner.chat) ? idOf(inner.chat.id) : undefined;
  return { kind: 'other', updateId, what, ...(chatId === undefined ? {} : { chatId }) };
}
