/**
 * The chat commands' test world: the Lightsail simulator, the fake Bot API and a webhook channel
 * (to see announcements) on loopback, and a webhook handler built over them as the Function URL's.
 */

import type { SimInstanceSpec } from '../../sim/lightsail/index.js';
import {
  buttonPress,
  chatMessage,
  functionUrlEvent,
  type ReceivedMessage,
} from '../../sim/telegram/index.js';
import type { LogEvent } from '../../src/engine/types.js';
import { webhookSecret } from '../../src/telegram/commands/secret.js';
import { createTelegramWebhookHandler } from '../../src/telegram-webhook.js';
import { CHAT_ID, startWorld, type World } from '../e2e/harness.js';
import { type LocalServer, startLocalServer } from '../support/http-server.js';

export { CHAT_ID };
export const ALICE = { id: 5_550_001, first_name: 'Alice', username: 'alice' };
export const BOB = { id: 5_550_002, first_name: 'Bob' };
export const GROUP = { id: Number(CHAT_ID), type: 'supergroup' as const, title: 'Proxy alerts' };

export interface CommandWorld extends World {
  readonly announcements: LocalServer;
  readonly logs: LogEvent[];
  readonly secret: string;
  handler: ReturnType<typeof createTelegramWebhookHandler>;
  /** A fresh handler, as a new container would build (forgets the updates it saw). */
  coldHandler(env?: Record<string, string>): ReturnType<typeof createTelegramWebhookHandler>;
  /** Posts an update as Telegram would, with the right secret. */
  post(update: unknown): ReturnType<ReturnType<typeof createTelegramWebhookHandler>>;
  /** `text` sent in the group by `from`; resolves once answered. */
  say(
    text: string,
    from?: typeof ALICE | typeof BOB,
  ): ReturnType<ReturnType<typeof createTelegramWebhookHandler>>;
  /** Presses the button of the bot's message `messageId`. */
  press(
    messageId: number,
    data: string,
    from?: typeof ALICE | typeof BOB,
  ): ReturnType<ReturnType<typeof createTelegramWebhookHandler>>;
  /** The bot's replies since the test began. */
  replies(): ReceivedMessage[];
}

/** Starts the world; Alice administers the group. `env` adds or overrides settings. */
export async function startCommandWorld(
  instances: SimInstanceSpec[],
  env: Record<string, string> = {},
): Promise<CommandWorld> {
  const world = await startWorld(instances);
  const announcements = await startLocalServer();
  world.telegram.setAdministrators(CHAT_ID, [ALICE.id]);
  const logs: LogEvent[] = [];
  const fullEnv = {
    ...world.env,
    WEBHOOK_URL: `${announcements.root}/hook`,
    REGIONS: 'us-east-1,eu-west-2,ap-south-1',
    ...env,
  };
  const coldHandler = (more: Record<string, string> = {}) =>
    createTelegramWebhookHandler({ env: { ...fullEnv, ...more }, log: (event) => logs.push(event) });
  const secret = webhookSecret(world.telegram.token);
  const built: CommandWorld = {
    ...world,
    announcements,
    logs,
    secret,
    handler: coldHandler(),
    coldHandler,
    post: (update) => built.handler(functionUrlEvent(update, secret)),
    say: (text, from = ALICE) => built.post(chatMessage(GROUP, from, text)),
    press: (messageId, data, from = ALICE) => built.post(buttonPress(GROUP.id, messageId, from, data)),
    replies: () => world.telegram.messages,
    close: async () => {
      await Promise.all([world.close(), announcements.close()]);
    },
  };
  return built;
}

/** The callback data of a message's one inline button. */
export function buttonOf(message: { replyMarkup?: unknown } | undefined): string {
  const markup = message?.replyMarkup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  const data = markup?.inline_keyboard?.[0]?.[0]?.callback_data;
  if (data === undefined) throw new Error('the message has no button');
  return data;
}
