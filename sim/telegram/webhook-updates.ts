/**
 * Updates as Telegram posts them to a webhook for the chat commands, and the Lambda Function URL
 * event (payload format 2.0) that carries one: for the tests, the demo and the benchmark.
 */

import type { FakeUser, SeedUpdate } from './updates.js';

let nextUpdateId = 800_000_001;
let nextMessageId = 5_001;
let nextCallbackId = 1;

const now = (): number => Math.floor(Date.now() / 1000);

/** A text message in a chat (`private` when `chat.id` is the user's own). */
export function chatMessage(
  chat: { id: number; type: 'private' | 'group' | 'supergroup'; title?: string },
  from: FakeUser,
  text: string,
): SeedUpdate & { update_id: number } {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      from: { ...from, is_bot: false },
      chat,
      date: now(),
      text,
      ...(text.startsWith('/')
        ? { entities: [{ offset: 0, length: text.split(' ')[0]?.length, type: 'bot_command' }] }
        : {}),
    },
  };
}

/** Someone pressed an inline button under the bot's message `messageId` in `chatId`. */
export function buttonPress(
  chatId: number,
  messageId: number,
  from: FakeUser,
  data: string,
): SeedUpdate & { update_id: number } {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: String(nextCallbackId++),
      from: { ...from, is_bot: false },
      message: { message_id: messageId, chat: { id: chatId }, date: now() },
      chat_instance: '42',
      data,
    },
  };
}

/** The Function URL event (payload 2.0) Telegram's POST of `update` becomes, with `secret` if any. */
export function functionUrlEvent(
  update: unknown,
  secret: string | undefined,
  options: { body?: string; isBase64Encoded?: boolean; method?: string } = {},
) {
  const body = options.body ?? JSON.stringify(update);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      host: 'abc123.lambda-url.us-east-1.on.aws',
      ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    requestContext: {
      http: { method: options.method ?? 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '91.108.6.1' },
      timeEpoch: Date.now(),
    },
    body: options.isBase64Encoded ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}
