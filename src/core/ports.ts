import type { EventData } from './event-data.js';
import type { Language } from './i18n/catalogue.js';
import type { Measure } from './pack.js';
import type { Instance, MetricRead, TrafficMetric, UsageWindow } from './types.js';

/**
 * Where instances live. The Lightsail adapter implements it over the AWS SDK; tests and the
 * benchmark may implement it over anything. Every method may throw; the engine turns a throw into
 * a named problem, never into a zero. `signal` ends a call (retries and waits included) when the
 * run's phase is over: the call then throws.
 */
export interface Fleet {
  listRegions(signal?: AbortSignal): Promise<readonly string[]>;
  /** Every instance of one region, all pages. */
  listInstances(region: string, signal?: AbortSignal): Promise<readonly Instance[]>;
  readMetric(
    instance: Instance,
    metric: TrafficMetric,
    window: UsageWindow,
    signal?: AbortSignal,
  ): Promise<MetricRead>;
  stopInstance(instance: Instance, signal?: AbortSignal): Promise<void>;
  /** Starts a stopped instance (a new month's restart, or `keep-running --start`). */
  startInstance(instance: Instance, signal?: AbortSignal): Promise<void>;
  /** The instance's `state.name` now (`running`, `stopping`, `stopped`, ...). */
  instanceState(instance: Instance, signal?: AbortSignal): Promise<string>;
  /** Adds or replaces these tags on the instance (the guard's alert state). */
  tagInstance(
    instance: Instance,
    tags: Readonly<Record<string, string>>,
    signal?: AbortSignal,
  ): Promise<void>;
}

/**
 * What the CLI's instance commands (`keep-running`, `hold`, `set-quota`, `untag-all`, ...) need: find
 * an instance, change its tags, start or stop it. The Lightsail fleet implements it too.
 */
export interface InstanceAdmin
  extends Pick<Fleet, 'listRegions' | 'listInstances' | 'tagInstance' | 'startInstance' | 'stopInstance'> {
  /** Removes these tag keys from the instance (`UntagResource`). */
  untagInstance(instance: Instance, keys: readonly string[], signal?: AbortSignal): Promise<void>;
}

/** Delivers one text to Telegram (HTML). `send` resolves once the message was delivered, or throws. */
export interface Notifier {
  send(text: string): Promise<void>;
}

/** One message of a run, in every form a channel may need. */
export interface OutgoingMessage {
  /** Alerts of a check, (a part of) the daily report, or the message of `test-alert`. */
  readonly type: 'alerts' | 'report' | 'test';
  readonly language: Language;
  /** One line, plain text, no control characters (an email subject, a push title). */
  readonly subject: string;
  /** Telegram's HTML subset (`<b>`, `<code>`), every dynamic value escaped. */
  readonly html: string;
  /** The same text for channels without markup. */
  readonly text: string;
  /**
   * The message in at most 1,600 characters (`SMS_MAX_CHARS`), plain and without emoji, for SMS
   * (`src/core/sms.ts`): what an SNS topic's phone numbers get instead of `text`.
   */
  readonly sms: string;
  /** What the text says, as data, for webhooks (`src/core/event-data.ts`). */
  readonly events: readonly EventData[];
}

/** How a channel measures the body it sends, and how much one message may hold. */
export interface ChannelFormat {
  /** Which form of the message the channel sends as its body. */
  readonly body: 'html' | 'text';
  /** The largest body one message may hold, in `measure` units. */
  readonly limit: number;
  /**
   * Characters (UTF-16 code units, as Telegram counts), UTF-8 bytes (WeCom, ...), or UTF-8 bytes
   * once written inside a JSON string (SNS, whose Message is a JSON structure).
   */
  readonly measure: Measure;
}

/**
 * Somewhere alerts and reports go: Telegram, Amazon SNS, a webhook, a push service. `send`
 * resolves once the channel took the message, or throws an error whose message names no secret
 * (a bot token, a webhook key): it ends up in problems and logs.
 */
export interface Channel {
  /** Stable id, lower case: recorded in the `sent-to` tag and named in problems. */
  readonly name: ChannelName;
  /** The name a person reads, e.g. `Amazon SNS`. */
  readonly label: string;
  readonly format: ChannelFormat;
  send(message: OutgoingMessage): Promise<void>;
}

/** A channel's stable id, e.g. `telegram`; `src/channels/registry.ts` lists them. */
export type ChannelName = string;
