/**
 * Every channel, once. The configuration's channel settings, which channels are complete (one rule
 * for the CLI, `test-alert` and the Lambda), the channels a run sends through, the secret settings
 * the Lambda may read from SSM, the stack's "at least one channel" and `--help` are all derived
 * from `CHANNELS`. Adding a channel is one module and one line here.
 */

import { DEPLOY_SETTINGS_FILE, ENV } from '../constants.js';
import type { Language } from '../core/i18n/catalogue.js';
import type { Channel } from '../core/ports.js';
import type { Environment } from '../env.js';
import { ConfigError } from '../errors.js';
import { bark } from './bark.js';
import type { ChannelDescriptor, Missing, Reader, RunOptions } from './descriptor.js';
import { dingtalk } from './dingtalk.js';
import { discord } from './discord.js';
import { feishu } from './feishu.js';
import { ntfy } from './ntfy.js';
import { serverchan } from './serverchan.js';
import { slack } from './slack.js';
import { sns } from './sns.js';
import { telegram } from './telegram.js';
import { webhook } from './webhook.js';
import { wecom } from './wecom.js';

/** Every channel the guard can deliver to, in the order they are built, listed and reported. */
export const CHANNELS = [
  telegram,
  sns,
  webhook,
  feishu,
  dingtalk,
  wecom,
  bark,
  serverchan,
  discord,
  slack,
  ntfy,
] as const;

type Registered = (typeof CHANNELS)[number];

export type ChannelName = Registered['name'];

/** Each channel's settings, `undefined` where it is not in use; derived from the descriptors. */
export type ChannelSettings = {
  readonly [D in Registered as D['name']]: Exclude<ReturnType<D['parse']>, undefined> | undefined;
};

/** The same list, each descriptor over settings it alone reads (`settingsOf`). */
const ALL: readonly ChannelDescriptor[] = CHANNELS;

export const CHANNEL_NAMES: readonly ChannelName[] = CHANNELS.map((channel) => channel.name);

/** The settings of one channel, as its own descriptor parsed them. */
const settingsOf = (settings: ChannelSettings, name: string): unknown =>
  (settings as Readonly<Record<string, unknown>>)[name];

/** The name a person reads for a channel's id; the id itself for one no longer known. */
export function channelLabel(name: string): string {
  return ALL.find((channel) => channel.name === name)?.label ?? name;
}

/** Parses every channel's settings; throws `ConfigError` naming the variable. Nothing is printed whole. */
export function parseChannelSettings(env: Environment): ChannelSettings {
  return Object.freeze(
    Object.fromEntries(ALL.map((channel) => [channel.name, channel.parse(env)])),
  ) as ChannelSettings;
}

/** What the channel part of the configuration holds, for what reads nothing else (`test-alert`). */
export interface ChannelConfig {
  readonly channels: ChannelSettings;
  readonly language: Language;
  readonly channelLanguages: Readonly<Partial<Record<string, Language>>>;
}

/** What the one rule says of a channel. */
export interface ChannelState {
  readonly descriptor: ChannelDescriptor;
  /** Its settings, `undefined` when it is not in use. */
  readonly settings: unknown;
  /** What it needs where the settings are read: all of it unset, it is not in use. */
  readonly needs: readonly Missing[];
  readonly inUse: boolean;
  /** What it still lacks (a channel in use is complete when this is empty). */
  readonly missing: readonly Missing[];
}

/**
 * The one rule of every entry point: which channels are in use and what each still lacks where
 * the settings are read. Throws `ConfigError` for a malformed setting of a channel in use, before
 * anything is sent through any channel.
 */
export function channelStates(config: Pick<ChannelConfig, 'channels'>, reader: Reader): ChannelState[] {
  return ALL.map((descriptor) => {
    const settings = settingsOf(config.channels, descriptor.name);
    const needs = descriptor.needs?.(reader) ?? descriptor.variables.map((variable) => ({ variable }));
    if (settings === undefined) return { descriptor, settings, needs, inUse: false, missing: needs };
    descriptor.check?.(settings);
    return {
      descriptor,
      settings,
      needs,
      inUse: true,
      missing: descriptor.missing?.(settings, reader) ?? [],
    };
  });
}

/** Names joined as a person reads them: `A and B`. */
export const variablesText = (missing: readonly Missing[]): string =>
  missing.map((item) => item.variable).join(' and ');

/** What a run that sends can use, as `--help` and errors list it. */
export const CHANNEL_SETTINGS = ALL.map((channel) =>
  variablesText(channel.needs?.('cli') ?? channel.variables.map((variable) => ({ variable }))),
).join(', ');

/**
 * The channel settings that are secrets: a webhook or push URL carries its own credential, and a
 * signing secret is one. The Lambda can read them from the SSM parameter CHANNEL_SECRETS_PARAMETER.
 */
export const SECRET_CHANNEL_SETTINGS: readonly string[] = ALL.flatMap((channel) => channel.secrets);

/**
 * Whether an environment (the stack's) puts any channel in use by its variables alone, without
 * parsing them: the stack's values may be CloudFormation tokens.
 */
export function setsAChannel(environment: Readonly<Record<string, string | undefined>>): boolean {
  return ALL.some((channel) => channel.variables.some((name) => environment[name] !== undefined));
}

/** CHANNEL_SECRETS_PARAMETER as configured: the CLI names it when it finds no channel. */
interface ChannelSecretsSetting {
  readonly channelSecretsParameter: string | undefined;
}

/**
 * A command that sends needs at least one channel, and every channel it has set up whole; throws a
 * `ConfigError` naming what is missing. The CLI's rule: it sends with the bot token itself.
 */
export function requireChannels(
  config: Pick<ChannelConfig, 'channels'> & ChannelSecretsSetting,
  command: string,
): void {
  const states = channelStates(config, 'cli');
  const incomplete = states.find((state) => state.inUse && state.missing.length > 0);
  if (incomplete !== undefined) {
    const { missing } = incomplete;
    const notes = missing.flatMap((item) => (item.note === undefined ? [] : [item.note]));
    throw new ConfigError(
      `${command} sends ${incomplete.descriptor.label} messages and needs ${variablesText(missing)}; set ${missing.length === 1 ? 'it' : 'them'}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}, or use --dry-run to see what would be sent.`,
    );
  }
  if (!states.some((state) => state.inUse)) {
    // A Lambda reads the parameter before parsing; anything else that sees it unread is the CLI.
    const lambdaOnly =
      config.channelSecretsParameter === undefined
        ? ''
        : ` (${ENV.channelSecretsParameter} is read by the Lambda only: on the command line, set the variables themselves)`;
    throw new ConfigError(
      `${command} sends alerts and needs a channel: ${CHANNEL_SETTINGS}; set one${lambdaOnly}, or use --dry-run to see what would be sent.`,
    );
  }
}

/**
 * The Lambda's rule, the same one read where a deployed function reads it: it must never hold the
 * bot token in its environment, so it names the token parameter and where the stack sets it.
 */
export function requireLambdaChannels(config: Pick<ChannelConfig, 'channels'>): void {
  const states = channelStates(config, 'lambda');
  const incomplete = states.find((state) => state.inUse && state.missing.length > 0);
  if (incomplete === undefined && states.some((state) => state.inUse)) return;
  // Nothing in use: what the first channel, Telegram, needs, or another channel.
  const shown = incomplete?.missing ?? states[0]?.needs ?? [];
  const needs = shown.map((item) =>
    item.note === undefined ? item.variable : `${item.variable} (${item.note})`,
  );
  const other = incomplete === undefined ? ', or another channel (docs/channels.md),' : '';
  throw new ConfigError(
    `the Lambda sends alerts and needs ${needs.join(' and ')}${other} in its environment. ` +
      `The CDK stack sets them: put "telegramChatId" (and "botTokenParameterName", if not the default) in ${DEPLOY_SETTINGS_FILE} and run npm run deploy again. ` +
      'On a function created in the console, set them under Configuration > Environment variables. ' +
      'Never put the token itself in the environment of a deployed function.',
  );
}

/**
 * Every channel the configuration sets up, in `CHANNELS` order: what `check` and `report` deliver
 * to (and what a test alert goes through). Their sends end with the run's alert phase.
 */
export function buildChannels(config: Pick<ChannelConfig, 'channels'>, run: RunOptions): Channel[] {
  return ALL.flatMap((descriptor) => {
    const settings = settingsOf(config.channels, descriptor.name);
    if (settings === undefined) return [];
    const variable = descriptor.endpoint ?? descriptor.variables[0];
    return descriptor.build(settings, { ...run, reach: { ...run.reach, variable } }) ?? [];
  });
}
