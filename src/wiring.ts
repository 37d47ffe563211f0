/**
 * What both entry points build the same way: Lightsail clients, the fleet, the channels.
 * `cli-main.ts` and `lambda.ts` differ only in where the token comes from, how long a run may last
 * and how the outcome is reported; everything else is built here, by one rule each.
 */

import { LightsailClient } from '@aws-sdk/client-lightsail';
import { SNSClient } from '@aws-sdk/client-sns';
import { accountSource } from './accounts/fleets.js';
import { stsEndpoint } from './accounts/sts.js';
import { type AwsSettings, clientOptions } from './aws-settings.js';
import { configuredChannels } from './channels.js';
import type { Config } from './config.js';
import { ENV } from './constants.js';
import type { Channel, ChannelName, Notifier } from './core/ports.js';
import type { RunDeadline } from './engine/deadline.js';
import type { LogEvent, RunDependencies } from './engine/types.js';
import type { Environment } from './env.js';
import { UsageError } from './errors.js';
import { DEFAULT_MAX_ATTEMPTS, lightsailClientFactory } from './lightsail/clients.js';
import { requireCredentials } from './lightsail/credentials.js';
import { createLightsailFleet, type LightsailFleet } from './lightsail/fleet.js';
import { createBarkChannel } from './push/bark.js';
import { createDingtalkChannel } from './push/dingtalk.js';
import { createFeishuChannel } from './push/feishu.js';
import { createServerchanChannel } from './push/serverchan.js';
import { createWebhookChannel } from './push/webhook.js';
import { createWecomChannel } from './push/wecom.js';
import { createSnsChannel, topicRegion } from './sns/channel.js';
import { telegramChannel } from './telegram/channel.js';
import { createTelegramNotifier } from './telegram/notifier.js';

/** The client of one region, built once and reused (see `lightsailClientFactory`). */
export type LightsailClients = (region: string) => LightsailClient;

/** Region used when neither `REGIONS` nor the AWS SDK names one: any Lightsail region lists them all. */
export const FALLBACK_HOME_REGION = 'us-east-1';

/** `aws`: credentials and endpoint given explicitly (the Lambda's tests); by default the SDK's own. */
export function lightsailClients(config: Pick<Config, 'pace'>, aws: AwsSettings = {}): LightsailClients {
  return lightsailClientFactory({ maxAttempts: DEFAULT_MAX_ATTEMPTS, pace: config.pace, aws });
}

/**
 * The region asked for `GetRegions`: the first of `REGIONS` (no call is made then, but it keeps one
 * rule), else the region the AWS SDK resolves (`AWS_REGION`, which Lambda sets, or the profile's
 * region, or the region `aws` gives), else us-east-1.
 */
export async function homeRegion(config: Pick<Config, 'regions'>, aws: AwsSettings = {}): Promise<string> {
  const configured = config.regions?.[0];
  if (configured !== undefined) return configured;
  try {
    const region = await new LightsailClient(clientOptions(aws, 'lightsail')).config.region();
    if (region) return region;
  } catch {
    // No region in the environment or the AWS config files.
  }
  return FALLBACK_HOME_REGION;
}

/**
 * The fleet over Lightsail (the guard's `Fleet`, and the `InstanceAdmin` of the CLI's instance
 * commands), once the AWS SDK has found credentials: without them every call would fail alike, so
 * this throws a `ConfigError` that says how to provide them instead.
 */
export async function guardFleet(
  config: Pick<Config, 'regions'>,
  clients: LightsailClients,
  aws: AwsSettings = {},
): Promise<LightsailFleet> {
  const home = await homeRegion(config, aws);
  await requireCredentials(clients(home));
  return createLightsailFleet({ clientFor: clients, homeRegion: home });
}

/**
 * With ACCOUNTS set, every account a run checks (the guard's own and each member's), found at the
 * start of each run; `undefined` without ACCOUNTS (the one `guardFleet` is then checked). `env`
 * gives `AWS_ENDPOINT_URL_STS`, as the SDK reads it. `only` is `--account`.
 */
export async function guardAccounts(
  config: Pick<Config, 'regions' | 'pace' | 'accounts' | 'externalId'>,
  env: Environment,
  clients: LightsailClients,
  aws: AwsSettings = {},
  only?: string,
): Promise<RunDependencies['accounts']> {
  if (config.accounts.length === 0) {
    if (only !== undefined) {
      throw new UsageError(`--account picks one of the accounts in ${ENV.accounts}, which is not set`);
    }
    return undefined;
  }
  const home = await homeRegion(config, aws);
  await requireCredentials(clients(home));
  return accountSource({
    accounts: config,
    pace: config.pace,
    own: (account) => createLightsailFleet({ clientFor: clients, homeRegion: home, account }),
    sts: {
      endpoint: aws.endpoints?.sts ?? stsEndpoint(env, home),
      region: home,
      credentials: () => clients(home).config.credentials(),
    },
    homeRegion: home,
    aws,
    only,
  }).fleets;
}

/** The Telegram notifier, its retries ending with the run's alert phase. */
export function telegramNotifier(
  config: Pick<Config, 'telegram'>,
  token: string,
  options: {
    readonly deadline?: RunDeadline | undefined;
    readonly maxTotalMs?: number;
    readonly log?: (event: LogEvent) => void;
  } = {},
): Notifier {
  const { log } = options;
  return createTelegramNotifier({
    token,
    chatId: config.telegram.chatId ?? '',
    apiRoot: config.telegram.apiRoot,
    ...(options.deadline ? { deadline: options.deadline.sendsEndAt } : {}),
    ...(options.maxTotalMs !== undefined ? { maxTotalMs: options.maxTotalMs } : {}),
    ...(log ? { onRetry: (retry) => log({ level: 'warn', msg: 'telegram retry', ...retry }) } : {}),
  });
}

/** How the channels of one run are built: the run's deadline, and where retries are logged. */
export interface ChannelOptions {
  /** The bot token, from the environment (CLI) or SSM (Lambda); Telegram is left out without one. */
  readonly telegramToken: string | undefined;
  readonly deadline?: RunDeadline | undefined;
  /** Longest time one message may take, retries included (the Lambda keeps it short). */
  readonly maxTotalMs?: number;
  readonly log?: (event: LogEvent) => void;
  /** The SNS client, built once per cold start by the Lambda; built here when not given. */
  readonly snsClient?: SNSClient;
}

/**
 * The client of the topic's region (Publish must go there), with the SDK's endpoint (or the one
 * `aws` gives) and retries.
 */
export function snsClientFor(topicArn: string, aws: AwsSettings = {}): SNSClient {
  return new SNSClient({ ...clientOptions(aws, 'sns'), region: topicRegion(topicArn) });
}

/** Retries of a push channel, as log lines. */
const logRetry =
  (log: (event: LogEvent) => void) =>
  (retry: { channel: string; attempt: number; waitMs: number; reason: string }): void =>
    log({ level: 'warn', msg: 'channel retry', ...retry });

/**
 * Every channel the configuration sets up, in `CHANNEL_NAMES` order: what `check` and `report`
 * deliver to (and what a test alert can go through). Their sends end with the run's alert phase.
 */
export function guardChannels(
  config: Pick<Config, 'telegram' | 'channels'>,
  options: ChannelOptions,
): Channel[] {
  const http = {
    ...(options.deadline ? { deadline: options.deadline.sendsEndAt } : {}),
    ...(options.maxTotalMs !== undefined ? { maxTotalMs: options.maxTotalMs } : {}),
    ...(options.log ? { onRetry: logRetry(options.log) } : {}),
  };
  const { channels } = config;
  /** Each channel from its settings; a record, so a channel added to `CHANNEL_NAMES` must be built here. */
  const build: Readonly<Record<ChannelName, () => Channel | undefined>> = {
    telegram: () =>
      options.telegramToken === undefined
        ? undefined
        : telegramChannel(telegramNotifier(config, options.telegramToken, options)),
    sns: () =>
      channels.sns &&
      createSnsChannel({
        client: options.snsClient ?? snsClientFor(channels.sns.topicArn),
        topicArn: channels.sns.topicArn,
        ...http,
      }),
    webhook: () => channels.webhook && createWebhookChannel(channels.webhook, http),
    feishu: () => channels.feishu && createFeishuChannel(channels.feishu, http),
    dingtalk: () => channels.dingtalk && createDingtalkChannel(channels.dingtalk, http),
    wecom: () => channels.wecom && createWecomChannel(channels.wecom, http),
    bark: () => channels.bark && createBarkChannel(channels.bark, http),
    serverchan: () => channels.serverchan && createServerchanChannel(channels.serverchan, http),
  };
  return configuredChannels(config).flatMap((name) => build[name]() ?? []);
}
