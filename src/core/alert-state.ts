import { TAGS } from '../constants.js';

/**
 * The guard keeps its memory on the instance itself, as Lightsail tags, so that it needs no
 * database and a second run sends nothing new. Keys are per billing month (and per UTC day for
 * "unknown"), so state left from last month is simply ignored: a new month starts clean.
 */

/** The alert keys already delivered for `monthKey`, from the `alerted` tag. */
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

/** A user who restarted a stopped instance on purpose tags it `keep-running = YYYY-MM` for this month. */
export function keepRunningThisMonth(tags: Readonly<Record<string, string>>, monthKey: string): boolean {
  return tags[TAGS.keepRunning]?.trim() === monthKey;
}

/** Whether today's "usage unknown" alert for this instance was already delivered. */
export function unknownAlertedToday(tags: Readonly<Record<string, string>>, dayKey: string): boolean {
  return tags[TAGS.unknownAlerted] === dayKey;
}
