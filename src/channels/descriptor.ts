/**
 * What a channel is to the rest of the guard: one descriptor per channel, listed once in
 * `registry.ts`. Config parsing, the completeness rule of every entry point, the wiring, `test-alert`,
 * the secrets parameter, the stack's "at least one channel" rule and `--help` are all read from it.
 */

import type { SNSClient } from '@aws-sdk/client-sns';
import type { Channel, ChannelFormat } from '../core/ports.js';
import type { Environment } from '../env.js';
import type { Reach } from '../net/failure.js';
import type { RetryInfo } from './delivery.js';

/**
 * Who reads the settings: the CLI sends with `TELEGRAM_BOT_TOKEN` itself, the Lambda reads the
 * token from the SSM parameter `TELEGRAM_BOT_TOKEN_PARAMETER` names.
 */
export type Reader = 'cli' | 'lambda';

/** How the channels of one run are built: the run's deadline, and where retries are logged. */
export interface RunOptions {
  /** Epoch ms by which every send must have ended: the run's alert phase (`sendsEndAt`). */
  readonly deadline?: number | undefined;
  /** Longest time one message may take, retries included (the Lambda keeps it short). */
  readonly maxTotalMs?: number;
  /** Called before each wait of a retry; `reason` never holds a secret. */
  readonly onRetry?: (info: RetryInfo) => void;
  /** The bot token the Lambda read from SSM; the CLI's is in the Telegram settings. */
  readonly telegramToken?: string | undefined;
  /** The SNS client, built once per cold start by the Lambda; built by the channel when not given. */
  readonly snsClient?: SNSClient;
  /**
   * What a network failure's cure names: the environment (its proxy settings) from the entry point,
   * the channel's `endpoint` setting from the registry.
   */
  readonly reach?: Reach;
}

/** A setting a channel in use still lacks, and a few words on it where they help. */
export interface Missing {
  readonly variable: string;
  /** E.g. `lightsail-guard find-chat-id prints the chat id`; shown in parentheses. */
  readonly note?: string;
}

/**
 * One channel. `Settings` is what `parse` makes of the environment; `undefined` from `parse` means
 * the channel is not in use. Adding a channel is one module exporting one of these, and one line
 * in `registry.ts`.
 */
export interface ChannelDescriptor<Name extends string = string, Settings = unknown> {
  /** Stable id, lower case letters: recorded in the `sent-to` tag and used in `ALERT_LANGUAGE`. */
  readonly name: Name;
  /** The name a person reads, in problems and on the terminal, e.g. `Amazon SNS`. */
  readonly label: string;
  /** Where its reader sits: in a chat (Telegram, the chat bots), or elsewhere (email, a push). */
  readonly place: 'chat' | 'here';
  /** Its limits: which form of the message it sends, and how much one message may hold. */
  readonly format: ChannelFormat;
  /** The variables that put it in use, in the order a person sets them (optional ones not counted). */
  readonly variables: readonly string[];
  /**
   * The setting that says where its requests go, named when the network fails (default: the first
   * of `variables`), e.g. `TELEGRAM_API_ROOT`.
   */
  readonly endpoint?: string;
  /** Its settings that are credentials: what CHANNEL_SECRETS_PARAMETER may hold for it. */
  readonly secrets: readonly string[];
  /** Its settings, or `undefined` when none is set; throws `ConfigError` naming a malformed one. */
  parse(env: Environment): Settings | undefined;
  /** Checks what only matters once something is sent (Telegram's token and chat id shapes). */
  check?(settings: Settings): void;
  /**
   * What it needs to be used, where the settings are read (default `variables`), as `--help`,
   * errors and `test-alert` name them.
   */
  needs?(reader: Reader): readonly Missing[];
  /** What a channel in use still lacks where the settings are read (default nothing). */
  missing?(settings: Settings, reader: Reader): readonly Missing[];
  /** Where its messages go, safe to print (never a secret), e.g. `chat -1001234567890`. */
  destination(settings: Settings): string;
  /** The channel, or `undefined` when this run cannot send through it (the CLI's dry run without a token). */
  build(settings: Settings, run: RunOptions): Channel | undefined;
  /** What a person can do about a failed send, when the channel knows. */
  hint?(error: unknown): string | undefined;
}

/** A descriptor with its name as a literal type, so the registry can derive its settings record. */
export function defineChannel<const Name extends string, Settings>(
  descriptor: ChannelDescriptor<Name, Settings>,
): ChannelDescriptor<Name, Settings> {
  return descriptor;
}
