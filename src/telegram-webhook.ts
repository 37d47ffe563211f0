/**
 * The second Lambda entry point: the chat commands' webhook, behind a Function URL (payload format
 * 2.0), deployed only with the `telegramCommands` setting. A separate function from the scheduled
 * check (whose reserved concurrency of 1 would throttle a command while a check runs). Like
 * `lambda.ts`, it reads the environment and builds its clients itself; `createTelegramWebhookHandler`
 * takes them, so tests build one without touching `process.env`.
 */

import type { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { snsClientFor } from './channels/sns.js';
import { type Config, checkTelegram, parseConfig } from './config.js';
import { parseChannelSecrets, withChannelSecrets } from './config-secrets.js';
import { ENV } from './constants.js';
import type { ChatChange } from './core/chat-commands.js';
import { htmlToPlain } from './core/html.js';
import { commandsCatalogueFor } from './core/i18n/commands.js';
import type { Channel } from './core/ports.js';
import type { LogEvent } from './engine/types.js';
import { type Environment, setting } from './env.js';
import { ConfigError, describeError } from './errors.js';
import { logLine, writeToConsole } from './log-lines.js';
import { readBotTokenParameter } from './ssm/bot-token.js';
import { readSecureString } from './ssm/parameter.js';
import { createCommandBot } from './telegram/commands/bot.js';
import type { CommandFleet } from './telegram/commands/operations.js';
import type { FunctionUrlEvent, FunctionUrlResult } from './telegram/commands/update.js';
import { createWebhookHandler } from './telegram/commands/webhook.js';
import { guardChannels, guardFleet, lightsailClients } from './wiring.js';

/** One JSON object per line, as the scheduled function logs. */
function log(event: LogEvent): void {
  writeToConsole(logLine(event, new Date()), event.level);
}

/** `TELEGRAM_ADMIN_IDS`: comma-separated Telegram user ids, or unset. */
export function parseAdminIds(env: Environment): readonly number[] | undefined {
  const raw = setting(env, ENV.telegramAdminIds);
  if (raw === undefined) return undefined;
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => !/^\d{1,20}$/.test(item))) {
    throw new ConfigError(
      `${ENV.telegramAdminIds} must be comma-separated Telegram user ids such as 123456789,987654321; got "${raw}"`,
    );
  }
  return Object.freeze(items.map(Number));
}

export interface WebhookOptions {
  readonly env: Environment;
  /** The SSM client for the token and channel secrets; built on first use when not given. */
  readonly ssm?: () => SSMClient;
  readonly snsClient?: SNSClient;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => Date;
  readonly log?: (event: LogEvent) => void;
}

/** The secret channel settings of CHANNEL_SECRETS_PARAMETER, as the scheduled function reads them. */
async function environmentWithSecrets(env: Environment, ssm: () => SSMClient): Promise<Environment> {
  const parameter = setting(env, ENV.channelSecretsParameter);
  if (parameter === undefined) return env;
  const text = await readSecureString(ssm(), parameter, 'channel settings');
  return withChannelSecrets(env, parseChannelSecrets(text, parameter), parameter);
}

/** A change, said on one channel in its language (the chat hears it as the command's reply). */
function announcer(config: Config, channels: readonly Channel[], logTo: (event: LogEvent) => void) {
  return async (change: ChatChange): Promise<void> => {
    const others = channels.filter((channel) => channel.name !== 'telegram');
    await Promise.all(
      others.map(async (channel) => {
        const catalogue = commandsCatalogueFor(config.channelLanguages?.[channel.name] ?? config.language);
        const html = catalogue.change(change);
        const text = htmlToPlain(html);
        try {
          await channel.send({
            type: 'alerts',
            language: catalogue.language,
            subject: catalogue.changeSubject(change),
            html,
            text,
            sms: text.slice(0, 1_600),
            events: [
              { kind: `owner-${change.kind}`, name: change.name, region: change.region, by: change.by, text },
            ],
          });
        } catch (error) {
          logTo({
            level: 'error',
            msg: 'announcement not delivered',
            channel: channel.name,
            error: describeError(error),
          });
        }
      }),
    );
  };
}

/** Builds the webhook handler; configuration and the token are read once per container. */
export function createTelegramWebhookHandler(
  options: WebhookOptions,
): (event: FunctionUrlEvent) => Promise<FunctionUrlResult> {
  const logTo = options.log ?? log;
  const now = options.now ?? (() => new Date());
  let client: SSMClient | undefined;
  const ssm = options.ssm ?? (() => (client ??= new SSMClient({})));

  async function build() {
    const config = parseConfig(await environmentWithSecrets(options.env, ssm));
    checkTelegram(config.telegram);
    const chatId = config.telegram.chatId;
    if (chatId === undefined) throw new ConfigError(`the chat commands need ${ENV.telegramChatId}`);
    const token =
      config.telegram.token ?? (await readBotTokenParameter(ssm(), config.telegram.tokenParameter ?? ''));
    const sns = config.channels.sns;
    const channels = guardChannels(config, {
      telegramToken: token,
      maxTotalMs: 10_000,
      log: logTo,
      ...(options.snsClient
        ? { snsClient: options.snsClient }
        : sns
          ? { snsClient: snsClientFor(sns.topicArn) }
          : {}),
    });
    // Lightsail is reached only once a command was authorised: built on first use.
    let fleet: Promise<CommandFleet> | undefined;
    return createWebhookHandler({
      config,
      token,
      chatId,
      adminIds: parseAdminIds(options.env),
      bot: createCommandBot({
        token,
        apiRoot: config.telegram.apiRoot,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
      catalogue: commandsCatalogueFor(config.channelLanguages?.telegram ?? config.language),
      fleet: () => {
        fleet ??= guardFleet(config, lightsailClients(config)).catch((error: unknown) => {
          fleet = undefined;
          throw error;
        });
        return fleet;
      },
      chatChannel: channels.find((channel) => channel.name === 'telegram'),
      announce: announcer(config, channels, logTo),
      now,
      // A command is answered while Telegram waits (it resends after about a minute without one).
      signal: () => AbortSignal.timeout(25_000),
      log: logTo,
    });
  }

  let handler: ReturnType<typeof build> | undefined;
  return async (event) => {
    handler ??= build().catch((error: unknown) => {
      handler = undefined; // a fixed parameter or setting is picked up by the next invocation
      throw error;
    });
    return (await handler)(event);
  };
}

/** The Function URL's handler (`telegram-webhook.handler`). */
export const handler = createTelegramWebhookHandler({ env: process.env });
