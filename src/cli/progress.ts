/**
 * What a person at a terminal sees while a channel is retried: one line per wait, so that a run
 * waiting out an outage never looks hung. Written to stderr, and only when stderr is a terminal:
 * piped output and logs stay as they were.
 */

import type { RetryInfo } from '../channels/delivery.js';

const seconds = (ms: number): string => `${Math.max(1, Math.round(ms / 1000))} s`;

/**
 * One retry as a line, e.g. `Telegram: connection refused: connect ECONNREFUSED 127.0.0.1:9;
 * trying again in 2 s (attempt 2; gives up within 24 s)…`. `reason` is already free of secrets.
 */
export function retryLine(info: RetryInfo): string {
  return (
    `${info.channel}: ${info.reason}; trying again in ${seconds(info.waitMs)} ` +
    `(attempt ${info.attempt + 1}; gives up within ${seconds(info.waitMs + info.leftMs)})…`
  );
}
