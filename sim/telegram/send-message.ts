/** `sendMessage`: checks the chat and the text as Telegram does, and records what it accepts. */

import { checkMessageText } from './message-text.js';

/** A message the fake accepted, with the text exactly as sent. */
export interface ReceivedMessage {
  chatId: string;
  text: string;
  parseMode?: string;
  at: Date;
  /** The id the fake gave the message (what `editMessageText` names). */
  messageId?: number;
  /** `reply_markup` as sent (inline keyboards); removed by an `editMessageText` without one. */
  replyMarkup?: unknown;
  /** `reply_parameters.message_id`: the message it answers. */
  replyTo?: number;
}

export type Params = Record<string, unknown>;

/** An answer to write: Telegram's JSON body and its HTTP status. */
export interface Reply {
  status: number;
  body: unknown;
}

/** The bot as `getMe` and every sent message's `from` describe it. */
export interface Bot {
  id: number;
  is_bot: true;
  first_name: string;
  username: string;
}

/** What `sendMessage` checks against and records into. */
export interface Mailbox {
  readonly bot: Bot;
  /** When set, only these chats exist. */
  readonly chats: readonly string[] | undefined;
  readonly strictHtml: boolean;
  record(message: ReceivedMessage): void;
  nextMessageId(): number;
}

export function ok(result: unknown): Reply {
  return { status: 200, body: { ok: true, result } };
}

export function refusal(status: number, description: string, parameters?: object): Reply {
  return {
    status,
    body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
  };
}

/** The chat and text of a `sendMessage`, as the parameters carry them (empty when missing). */
export function messageOf(params: Params): { chatId: string; text: string } {
  return {
    chatId: params.chat_id === undefined ? '' : String(params.chat_id),
    text: typeof params.text === 'string' ? params.text : '',
  };
}

/** Answers one `sendMessage`, recording the message when Telegram would accept it. */
export function sendMessage(params: Params, mailbox: Mailbox): Reply {
  const { chatId, text } = messageOf(params);
  if (chatId === '') return refusal(400, 'Bad Request: chat_id is empty');
  if (mailbox.chats && !mailbox.chats.includes(chatId)) return refusal(400, 'Bad Request: chat not found');
  const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : undefined;
  const checked = checkMessageText(text, parseMode, mailbox.strictHtml);
  if (!checked.ok) return refusal(400, `Bad Request: ${checked.description}`);

  const at = new Date();
  const messageId = mailbox.nextMessageId();
  const replyTo = (params.reply_parameters as { message_id?: unknown } | undefined)?.message_id;
  mailbox.record({
    chatId,
    text,
    ...(parseMode === undefined ? {} : { parseMode }),
    at,
    messageId,
    ...(params.reply_markup === undefined ? {} : { replyMarkup: params.reply_markup }),
    ...(typeof replyTo === 'number' ? { replyTo } : {}),
  });
  const chat = /^-?\d+$/.test(chatId)
    ? { id: Number(chatId), type: chatId.startsWith('-') ? 'supergroup' : 'private' }
    : { id: -1001, type: 'channel', username: chatId.slice(1) };
  return ok({
    message_id: messageId,
    from: mailbox.bot,
    chat,
    date: Math.floor(at.getTime() / 1000),
    text: checked.plainText,
  });
}
