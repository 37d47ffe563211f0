import { TAGS } from '../constants.js';

/**
 * The guard keeps its memory on the instance itself, as Lightsail tags, so that it needs no
 * database and a second run sends nothing new. Keys are per billing month (and per UTC day for
 * "unknown"), so state left from last month is simply ignored: a new month starts clean. The keys
 * of the `alerted` and `sent-to` tags are built and read in `alert-keys.ts`.
 */

/** A user who restarted a stopped instance on purpose tags it `keep-running = YYYY-MM` for this month. */
export function keepRunningThisMonth(tags: Readonly<Record<string, string>>, monthKey: string): boolean {
  return tags[TAGS.keepRunning]?.trim() === monthKey;
}

/** Whether today's "usage unknown" alert for this instance was already delivered. */
export function unknownAlertedToday(tags: Readonly<Record<string, string>>, dayKey: string): boolean {
  return tags[TAGS.unknownAlerted] === dayKey;
}
