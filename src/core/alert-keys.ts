import { TAGS } from '../constants.js';

/**
 * The alert vocabulary: every key the guard writes in the `alerted` and `sent-to` tags of users'
 * instances, built here and parsed here. These strings are a contract with every instance already
 * tagged: a key spelled differently after an upgrade reads as "not delivered" (a duplicate alert),
 * and two alerts sharing a key read as one (a lost alert). `test/core/alert-keys.test.ts` pins
 * every spelling; change none of them.
 *
 * Lightsail tag values allow letters, digits, spaces and `_ . : / = + - @` only, hence `/` and
 * not `,` between keys.
 */

// The `alerted` tag: `YYYY-MM:<key>/<key>/...`, the alerts of that billing month already delivered
// to every channel. Keys are per month, so last month's value is simply ignored.

/** The `alerted` key of the kept-running alert: at or over the threshold, tagged to keep running. */
export const KEPT_RUNNING_KEY = 'override';

/** The `alerted` key of the month's "over threshold, not stopped (notify only)" alert. */
export const NOTIFIED_KEY = 'notified';

/** The `alerted` key of the forecast alert: once per instance (or pool) per billing month. */
export const FORECAST_KEY = 'forecast';

/**
 * A pool's own alerts (`ALLOWANCE_SCOPE=pool`) are recorded on every member under this prefix
 * (`pool-80`, `pool-forecast`, `pool-override`), apart from the member's own alerts of the same
 * level.
 */
export const POOL_KEY_PREFIX = 'pool-';

/** The alerts sent at most once a billing month, as keys know them (`DueAlert` in decide.ts). */
export type MonthlyAlert =
  | { readonly kind: 'warn'; readonly level: number }
  | { readonly kind: 'kept-running' | 'not-stopped' | 'forecast' };

/** Every alert with a delivery key, as keys know them (`DueAlert` in decide.ts). */
export type KeyedAlert =
  | MonthlyAlert
  | { readonly kind: 'unknown' }
  | { readonly kind: 'stop'; readonly undeliveredSince?: string | undefined };

/** A warning level's `alerted` key: the level as written, `80` or `62.5`. */
export function warnKey(level: number): string {
  return String(level);
}

/** A monthly alert's key in the `alerted` tag. */
export function alertedKey(due: MonthlyAlert): string {
  switch (due.kind) {
    case 'warn':
      return warnKey(due.level);
    case 'kept-running':
      return KEPT_RUNNING_KEY;
    case 'not-stopped':
      return NOTIFIED_KEY;
    case 'forecast':
      return FORECAST_KEY;
  }
}

/** A pool's `alerted` key for one of its own alerts' keys: `80` becomes `pool-80`. */
export function poolKey(key: string): string {
  return `${POOL_KEY_PREFIX}${key}`;
}

/** The alert keys already delivered for `monthKey`, from the `alerted` tag (pool keys included). */
export function deliveredThisMonth(
  tags: Readonly<Record<string, string>>,
  monthKey: string,
): ReadonlySet<string> {
  const value = tags[TAGS.alerted];
  if (value === undefined) return new Set();
  const [month, list = ''] = value.split(':', 2);
  if (month !== monthKey) return new Set();
  return new Set(list.split('/').filter((key) => key !== ''));
}

/** The keys of a pool's own alerts delivered for `monthKey`, read from one member's tags, unprefixed. */
export function poolDeliveredThisMonth(
  tags: Readonly<Record<string, string>>,
  monthKey: string,
): ReadonlySet<string> {
  return new Set(
    [...deliveredThisMonth(tags, monthKey)]
      .filter((key) => key.startsWith(POOL_KEY_PREFIX))
      .map((key) => key.slice(POOL_KEY_PREFIX.length)),
  );
}

/** The `alerted` tag value recording `keys` for `monthKey`, in a stable order. */
export function alertedTagValue(monthKey: string, keys: Iterable<string>): string {
  const sorted = [...new Set(keys)].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    // Levels in numeric order, then named keys (forecast, override) in alphabetical order.
    if (Number.isNaN(na) && Number.isNaN(nb)) return a.localeCompare(b);
    if (Number.isNaN(na) || Number.isNaN(nb)) return Number.isNaN(na) ? 1 : -1;
    return na - nb;
  });
  return `${monthKey}:${sorted.join('/')}`;
}

// The `sent-to` tag: per-channel delivery state. The guard's alert state (`alerted`,
// `unknown-alerted`, `stop-unsent`) moves on only once every configured channel took an
// instance's alerts. Until then the same alerts are due again at the next check, and the `sent-to`
// tag says which channels already took which of them, so that those channels are skipped: a
// channel that failed gets the alert again, a channel that took it never gets it twice.
//
// The value is space-separated `<alert key>=<channel>+<channel>` items, e.g.
// `2026-11.80=telegram+webhook stop.2026-11-20T10:00:00.000Z=telegram`. Each key carries its own
// scope (a billing month, a UTC day, a stop's time), so an item left from an earlier month or stop
// matches no alert due now and is simply ignored.

/** Alert key → channels that took it. */
export type SentTo = ReadonlyMap<string, ReadonlySet<string>>;

/** Lightsail's limit on a tag value. */
export const TAG_VALUE_LIMIT = 256;

const KEY = /^[A-Za-z0-9_.:/@-]+$/;
const CHANNEL = /^[a-z]+$/;

/** What scopes a delivery key: the billing month, the UTC day, and the time of this run's stop. */
export interface KeyScope {
  readonly monthKey: string;
  readonly dayKey: string;
  readonly stopAt: string;
}

/**
 * The delivery key of a due alert: what must not be delivered twice to one channel. A monthly
 * alert's is its `alerted` key in its month (`2026-11.80`), an unknown-usage alert's its UTC day,
 * a stop's the time it was made (or, for one owed, first made).
 */
export function dueAlertKey(due: KeyedAlert, scope: KeyScope): string {
  switch (due.kind) {
    case 'unknown':
      return `unknown.${scope.dayKey}`;
    case 'stop':
      return `stop.${due.undeliveredSince ?? scope.stopAt}`;
    default:
      return `${scope.monthKey}.${alertedKey(due)}`;
  }
}

/** The delivery key of a pool's own alert, apart from a member's own of the same level: `2026-11.pool-80`. */
export function poolAlertKey(due: MonthlyAlert, monthKey: string): string {
  return `${monthKey}.${poolKey(alertedKey(due))}`;
}

/** The delivery key of the alert about malformed setting tags, once per UTC day. */
export function badTagAlertKey(dayKey: string): string {
  return `bad-tag.${dayKey}`;
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
