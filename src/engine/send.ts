/** Sending composed messages to channels, and what a run reports about them; shared by alerts and the report. */

import { networkCure } from '../channels/errors.js';
import type { Composed } from '../core/compose.js';
import { type Catalogue, catalogueFor } from '../core/i18n/index.js';
import { TELEGRAM_TEXT_LIMIT } from '../core/pack.js';
import type { Channel, ChannelFormat, OutgoingMessage } from '../core/ports.js';
import { describeError } from '../errors.js';
import type { GuardSettings, MessageResult, RunDependencies } from './types.js';

export interface Delivery {
  readonly messages: MessageResult[];
  readonly problems: string[];
}

/** A message composed for one channel, and whether it arrived. */
export interface Sent<T> {
  readonly channel: Channel;
  readonly composed: Composed<T>;
  readonly error: string | undefined;
}

/** What a dry run shows: the messages as Telegram would get them, the first channel there was. */
export const PREVIEW_FORMAT: ChannelFormat = { body: 'html', limit: TELEGRAM_TEXT_LIMIT, measure: 'chars' };

/** The body as the channel sent it, for `--json` and the terminal. */
const bodyOf = (channel: Channel, message: OutgoingMessage): string =>
  channel.format.body === 'html' ? message.html : message.text;

/** The catalogue a channel is written in: its own language if it has one, else the run's. */
export function catalogueOf(settings: GuardSettings, channel: Channel): Catalogue {
  return catalogueFor(settings.channelLanguages?.[channel.name] ?? settings.language);
}

/** Renders per language, once each: most runs have one, a run with `telegram:en` two. */
export function inLanguages<T>(render: (catalogue: Catalogue) => T): (catalogue: Catalogue) => T {
  const rendered = new Map<Catalogue, T>();
  return (catalogue) => {
    const found = rendered.get(catalogue) ?? render(catalogue);
    rendered.set(catalogue, found);
    return found;
  };
}

/** Sends one channel's messages in order; a failure is recorded with its error and the rest are still sent. */
export async function sendAll<T>(
  deps: RunDependencies,
  channel: Channel,
  messages: readonly Composed<T>[],
): Promise<Sent<T>[]> {
  const results: Sent<T>[] = [];
  for (const composed of messages) {
    try {
      await channel.send(composed.message);
      results.push({ channel, composed, error: undefined });
    } catch (error) {
      const cure = networkCure(error);
      const message = `${describeError(error)}${cure === undefined ? '' : `. ${cure}`}`;
      deps.log?.({ level: 'error', msg: 'message not delivered', channel: channel.name, error: message });
      results.push({ channel, composed, error: message });
    }
  }
  return results;
}

/** The channels of a run that sends; a run that sends with none is a wiring mistake. */
export function channelsOf(deps: RunDependencies): readonly Channel[] {
  if (deps.channels.length === 0) throw new Error('no channel configured for a run that sends messages');
  return deps.channels;
}

/** What `--json` and the terminal show of each message, and a problem for each that did not arrive. */
export function results<T>(what: string, sent: readonly Sent<T>[]): Delivery {
  const messages: MessageResult[] = sent.map(({ channel, composed, error }) => ({
    channel: channel.name,
    subject: composed.message.subject,
    text: bodyOf(channel, composed.message),
    status: error === undefined ? 'sent' : 'failed',
    ...(error === undefined ? {} : { error }),
  }));
  const problems = sent.flatMap((one) => {
    if (one.error === undefined) return [];
    const ofChannel = sent.filter((other) => other.channel === one.channel);
    const number = ofChannel.indexOf(one) + 1;
    return [
      `${one.channel.label}: ${what} message ${number} of ${ofChannel.length} not delivered: ${one.error}`,
    ];
  });
  return { messages, problems };
}

/** Messages composed for a dry run: shown, never sent. */
export function preview<T>(
  deps: RunDependencies,
  compose: (format: ChannelFormat) => Composed<T>[],
): Delivery {
  const channel = deps.channels.map((candidate) => candidate.name).join(',');
  const messages: MessageResult[] = compose(PREVIEW_FORMAT).map(({ message }) => ({
    channel,
    subject: message.subject,
    text: message.html,
    status: 'dry-run',
  }));
  return { messages, problems: [] };
}
