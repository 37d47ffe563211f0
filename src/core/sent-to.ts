import { TAGS } from '../constants.js';
import type { DueAlert } from './decide.js';

/**
 * Delivery state per channel. The guard's alert state (`alerted`, `unknown-alerted`,
 * `stop-unsent`) moves on only once every configured channel took an instance's alerts. Until
 * then the same alerts are due again at the next check, and the `sent-to` tag says which channels
 * already took which of them, so that those channels are skipped: a channel that failed gets the
 * alert again, a channel that took it never gets it twice.
 *
 * The value is space-separated `<alert key>=<channel>+<channel>` items, e.g.
 * `2026-11.80=telegram+webhook stop.2026-11-20T10:00:00.000Z=telegram`: only characters a
 * Lightsail tag value allows (letters, digits, spaces and `_ . : / = + - @`). Each key carries
 * its own scope (a billing month, a UTC day, a stop's time), so an item left from an earlier
 * month or stop matches no alert due now and is simply ignored.
 */

/** Alert key → channels that took it. */
export type SentTo = ReadonlyMap<string, ReadonlySet<string>>;

/** Lightsail's limit on a tag value. */
export const TAG_VALUE_LIMIT = 256;

const KEY = /^[A-Za-z0-9_.:/@-]+$/;
const CHANNEL = /^[a-z]+$/;

/** The key of a due alert: what must not be delivered twice to one channel. */
export function dueAlertKey(
  due: DueAlert,
  scope: { readonly monthKey: string; readonly dayKey: string; readonly stopAt: string },
): string {
  switch (due.kind) {
    case 'warn':
      return `${scope.monthKey}.${due.level}`;
    case 'kept-running':
      return `${scope.monthKey}.override`;
    case 'not-stopped':
      return `${scope.monthKey}.notified`;
    case 'forecast':
      return `${scope.monthKey}.forecast`;
    case 'unknown':
      return `unknown.${scope.dayKey}`;
    case 'stop':
      return `stop.${due.undeliveredSince ?? scope.stopAt}`;
  }
}

/** Which channels took which alerts, from the instance's tags; malformed items are ignored. */
export function sentToOf(tags: Readonly<Record<string, string>>): SentTo {
  const sent = new Map<string, Set<string>>();
  for (const item of (tags[TAGS.sentTo] ?? '').split(' ')) {
    const at = item.lastIndexOf('=');
    if (at <= 0) continue;
    const key = item.slice(0, at);
    const channels = item
      .slice(at + 1)
      .split('+')
      .filter((channel) => CHANNEL.test(channel));
    if (!KEY.test(key) || channels.length === 0) continue;
    sent.set(key, new Set([...(sent.get(key) ?? []), ...channels]));
  }
  return sent;
}

/**
 * The `sent-to` tag value for these keys and channels, in a stable order; `''` (the tag cleared)
 * when nothing is recorded. Undefined when it would pass Lightsail's 256 characters, which eight
 * channels and the two alerts an instance can have at once never reach: the caller then records
 * nothing, and the channels that took the alerts may get them once more.
 */
export function sentToTagValue(sent: SentTo): string | undefined {
  const items = [...sent]
    .filter(([key, channels]) => KEY.test(key) && channels.size > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, channels]) => `${key}=${[...channels].sort().join('+')}`);
  const value = items.join(' ');
  return value.length > TAG_VALUE_LIMIT ? undefined : value;
}
