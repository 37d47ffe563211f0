const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/**
 * Exponential backoff with "equal jitter": at least half the step, so retries never bunch up at
 * zero, and at most the step, so several guards hitting one outage spread out.
 */
export function backoffMs(attempt: number, random: () => number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}
