import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeldRequests } from '../held-requests.js';
import { PauseGates } from '../pause-gate.js';
import { type CallbackAnswer, CommandState } from './commands.js';
import { FaultQueue, type TelegramFault } from './faults.js';
import type { PausedMessage, TelegramPause, TelegramPauseOptions } from './pause.js';
import {
  type Bot,
  type Mailbox,
  messageOf,
  ok,
  type Params,
  type ReceivedMessage,
  type Reply,
  refusal,
  sendMessage,
} from './send-message.js';
import { type FakeWebhook, type SeedUpdate, type Update, UpdateQueue } from './updates.js';

/** Settings of the fake Bot API. */
export interface FakeTelegramOptions {
  /** The one token the fake accepts. Obviously fake by default; never use a real one here. */
  token?: string;
  /** Default 0: any free port. The fake listens on 127.0.0.1 only. */
  port?: number;
  /** When set, only these chats exist; others get `Bad Request: chat not found`. */
  chats?: readonly string[];
  /**
   * Default true: also refuse a bare `>` or an `&` that starts no entity in HTML, which the docs
   * forbid but Telegram's parser lets through, so escaping bugs fail in tests, not in production.
   */
  strictHtml?: boolean;
  /** Updates `getUpdates` returns until they are confirmed; more with `addUpdate`. */
  updates?: readonly SeedUpdate[];
  /** A webhook set on the bot from the start: `getUpdates` then answers 409 Conflict. */
  webhook?: FakeWebhook;
}

/** A running fake. `requests` counts every HTTP request, faulted ones included. */
export interface FakeTelegram {
  apiRoot: string;
  token: string;
  messages: ReceivedMessage[];
  requests: number;
  /** The Bot API method of every request that reached a method, in order (`getMe`, `sendMessage`, ...). */
  methods: string[];
  /** Queues an update, as when someone writes to the bot or adds it to a chat; returns it numbered. */
  addUpdate(update: SeedUpdate): Update;
  /** The updates not yet confirmed by a `getUpdates` offset. */
  readonly updates: readonly Update[];
  /** Sets (or, with `undefined`, removes) the bot's webhook, as another program using the bot would. */
  setWebhook(webhook: FakeWebhook | undefined): void;
  /** The bot's webhook as set, with the `secret_token` and `allowed_updates` it was set with. */
  readonly webhook: FakeWebhook | undefined;
  /** `answerCallbackQuery` calls, in order. */
  readonly callbackAnswers: readonly CallbackAnswer[];
  /** `setMyCommands` lists by language code (`''`: the default list). */
  readonly commands: ReadonlyMap<string, readonly { command: string; description: string }[]>;
  /** Sets a group's administrators (user ids), which `getChatAdministrators` returns. */
  setAdministrators(chatId: string, userIds: readonly number[]): void;
  injectFault(fault: TelegramFault): void;
  clearFaults(): void;
  /** Holds `sendMessage` requests until `release()`, for a test that must act at an exact step. */
  pause(options?: TelegramPauseOptions): TelegramPause;
  /** Stops the fake, dropping hung and held requests. */
  close(): Promise<void>;
}

export type { CallbackAnswer } from './commands.js';
export type { TelegramFault } from './faults.js';
export type { PausedMessage, TelegramPause, TelegramPauseOptions } from './pause.js';
export type { ReceivedMessage } from './send-message.js';
export type { FakeWebhook, SeedUpdate, Update } from './updates.js';

/** Default token: shaped like a token so validation passes, but unmistakably fake. */
export const FAKE_TELEGRAM_TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

async function readParams(request: IncomingMessage, url: URL): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const params: Params = Object.fromEntries(url.searchParams);
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/json') && body.length > 0) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) Object.assign(params, parsed);
    } catch {
      // Telegram ignores a body it cannot parse and then complains about the missing parameters.
    }
  } else if (type.includes('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  }
  return params;
}

function answer(response: ServerResponse, reply: Reply): void {
  response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
}

function refuse(response: ServerResponse, status: number, description: string, parameters?: object): void {
  answer(response, refusal(status, description, parameters));
}

/** Answers (or pointedly does not answer) a request the way the injected fault says. */
function playFault(fault: TelegramFault, request: IncomingMessage, response: ServerResponse): void {
  switch (fault.kind) {
    case 'rate-limit':
      refuse(response, 429, `Too Many Requests: retry after ${fault.retryAfter}`, {
        retry_after: fault.retryAfter,
      });
      return;
    case 'server-error': {
      const status = fault.status ?? 500;
      // Telegram's own 5xx are JSON; a 502/504 comes from the proxy in front of it, as an HTML page.
      if (status === 502 || status === 504) {
        response
          .writeHead(status, { 'content-type': 'text/html' })
          .end(`<html><body>${status}</body></html>`);
      } else {
        refuse(response, status, 'Internal Server Error');
      }
      return;
    }
    case 'hang':
      return;
    case 'reset':
      request.socket.destroy();
      return;
  }
}

/**
 * Starts a local stand-in for the Telegram Bot API (`sendMessage`, `getMe`, `getUpdates`,
 * `getWebhookInfo`, `setWebhook`, `deleteWebhook`, and for the chat commands `editMessageText`,
 * `answerCallbackQuery`, `getChatAdministrators`, `setMyCommands`, `deleteMyCommands`) that answers with
 * Telegram's JSON and error wording, validates entities like Telegram, and plays injected faults.
 */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? FAKE_TELEGRAM_TOKEN;
  const strictHtml = options.strictHtml ?? true;
  const bot: Bot = {
    id: Number(token.split(':')[0]) || 1,
    is_bot: true,
    first_name: 'Fake guard bot',
    username: 'fake_guard_bot',
  };
  const faults = new FaultQueue();
  const held = new HeldRequests();
  const pauses = new PauseGates<TelegramPauseOptions, PausedMessage>(() => true);
  let nextMessageId = 1;
  const queue = new UpdateQueue();
  for (const update of options.updates ?? []) queue.add(update);
  queue.webhook = options.webhook;
  const fake: FakeTelegram = {
    apiRoot: '', // set below, once the port is known
    token,
    messages: [],
    requests: 0,
    methods: [],
    addUpdate: (update) => queue.add(update),
    get updates() {
      return queue.updates;
    },
    setWebhook: (webhook) => {
      queue.webhook = webhook;
    },
    get webhook() {
      return queue.webhook;
    },
    get callbackAnswers() {
      return commandState.callbackAnswers;
    },
    get commands() {
      return commandState.commands;
    },
    setAdministrators: (chatId, userIds) => {
      commandState.admins.set(chatId, [...userIds]);
    },
    injectFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    pause: (pauseOptions = {}) => pauses.open(pauseOptions),
    close: () =>
      new Promise<void>((resolve, reject) => {
        pauses.close();
        held.dropAll();
        // Hung requests keep their sockets open; drop them so close() cannot wait forever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  const commandState = new CommandState(fake.messages);
  const mailbox: Mailbox = {
    bot,
    chats: options.chats,
    strictHtml,
    record: (message) => fake.messages.push(message),
    nextMessageId: () => nextMessageId++,
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    fake.requests++;
    const fault = faults.take();
    if (fault) return playFault(fault, request, response);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]*)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return refuse(response, 404, 'Not Found');
    if (match[1] !== token) return refuse(response, 401, 'Unauthorized');
    const params = await readParams(request, url);
    fake.methods.push(match[2] ?? '');
    // Method names are case-insensitive in the Bot API.
    const method = (match[2] ?? '').toLowerCase();
    if (method === 'getme') return answer(response, ok(bot));
    if (method === 'getupdates') return answer(response, queue.getUpdates(params));
    if (method === 'getwebhookinfo') return answer(response, queue.getWebhookInfo());
    if (method === 'setwebhook') return answer(response, queue.setWebhook(params));
    if (method === 'deletewebhook') return answer(response, queue.deleteWebhook(params));
    if (method === 'editmessagetext')
      return answer(response, commandState.editMessageText(params, strictHtml));
    if (method === 'answercallbackquery') return answer(response, commandState.answerCallbackQuery(params));
    if (method === 'getchatadministrators')
      return answer(response, commandState.getChatAdministrators(params));
    if (method === 'setmycommands') return answer(response, commandState.setMyCommands(params));
    if (method === 'deletemycommands') return answer(response, commandState.deleteMyCommands(params));
    if (method !== 'sendmessage') return refuse(response, 404, 'Not Found: method not found');
    const gate = pauses.take(messageOf(params));
    // Held before it is checked, a message whose client left meanwhile is never recorded.
    if (gate && !gate.options.deliverFirst && (await held.hold(response, gate.hold())) === 'gone') return;
    const reply = sendMessage(params, mailbox);
    if (gate?.options.deliverFirst && (await held.hold(response, gate.hold())) === 'gone') return;
    return answer(response, reply);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) refuse(response, 500, `Internal Server Error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  fake.apiRoot = `http://127.0.0.1:${port}`;
  return fake;
}
