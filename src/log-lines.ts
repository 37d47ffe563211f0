import type { LogEvent } from './engine/types.js';

/**
 * How both Lambda entry points log: one JSON object per line, with the time first, so that
 * CloudWatch Logs Insights queries fields without parsing text; errors to stderr, the rest to stdout.
 */

/** One log line: the event as JSON, stamped with `now`. */
export function logLine(event: LogEvent, now: Date): string {
  return JSON.stringify({ time: now.toISOString(), ...event });
}

/** Where a deployed function's log lines go: an error to stderr, the rest to stdout. */
export function writeToConsole(line: string, level: LogEvent['level']): void {
  if (level === 'error') console.error(line);
  else console.log(line);
}
