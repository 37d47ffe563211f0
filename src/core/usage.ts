import { trustedCreation } from './allowance.js';
import type { BillingMonth } from './billing-month.js';
import { hourlyUsage } from './hourly.js';
import type { Instance, MetricPoint, MetricRead, UsageReading, UsageWindow } from './types.js';

/**
 * One bucket an hour: the month total and its shape (the pace) come from the same call. A 31-day
 * month is at most 744 datapoints, well under the 1,440 past which the real service answers 200
 * with no data. The query includes the current partial hour, so the sum runs up to `now`.
 */
export const USAGE_PERIOD_SECONDS = 3_600;

/** The real service answers a query for more datapoints than this with an empty `metricData`. */
export const MAX_DATAPOINTS = 1_440;

/**
 * A running instance observed this long with no datapoints at all is unreadable, not idle:
 * Lightsail reports network metrics every five minutes, so an hour without any is not silence.
 */
export const NO_DATA_GRACE_MS = 60 * 60 * 1000;

/** A reading whose bytes are known. */
export type KnownUsage = Extract<UsageReading, { readonly kind: 'known' }>;

/**
 * The bytes that count against the allowance: inbound and outbound together, as AWS bills them.
 * `null` when the usage is unknown or was not read: unknown is never 0.
 */
export function usedBytes(usage: KnownUsage): number;
export function usedBytes(usage: UsageReading | undefined): number | null;
export function usedBytes(usage: UsageReading | undefined): number | null {
  return usage?.kind === 'known' ? usage.inBytes + usage.outBytes : null;
}

/** The metric query for the month so far: 00:00 UTC on the 1st to now. */
export function usageWindow(month: BillingMonth, now: Date): UsageWindow {
  return { start: month.start, end: now, periodSeconds: USAGE_PERIOD_SECONDS };
}

/** One metric read as the engine saw it: an answer, or the error the call threw. */
export type MetricOutcome = MetricRead | { readonly kind: 'error'; readonly message: string };

/**
 * Turns two metric answers into month-to-date usage. Anything that could be a silent zero (an
 * error, a missing `metricData`, no datapoints from an instance that has been running for an hour,
 * a non-finite value) makes the usage unknown, with the reason, so that it is never read as 0%.
 */
export function interpretUsage(input: {
  readonly instance: Pick<Instance, 'state' | 'createdAt'>;
  readonly window: UsageWindow;
  readonly inbound: MetricOutcome;
  readonly outbound: MetricOutcome;
}): UsageReading {
  // An untrusted creation time must not widen the grace for "no data": observe from the 1st then.
  const created = trustedCreation(input.instance.createdAt, input.window.end).at ?? input.window.start;
  const observedSince = Math.max(input.window.start.getTime(), created.getTime());
  const observedMs = input.window.end.getTime() - observedSince;
  const expectData = input.instance.state === 'running' && observedMs >= NO_DATA_GRACE_MS;
  const reasons: string[] = [];
  const total = (name: string, outcome: MetricOutcome): number => {
    if (outcome.kind === 'error') {
      reasons.push(`${name}: ${outcome.message}`);
      return 0;
    }
    if (outcome.kind === 'absent') {
      reasons.push(`${name}: the answer had no metricData`);
      return 0;
    }
    if (outcome.points.length === 0 && expectData) {
      const hours = (observedMs / 3_600_000).toFixed(1);
      reasons.push(`${name}: no datapoints for a running instance observed for ${hours} h`);
      return 0;
    }
    const sum = outcome.points.reduce((acc, point) => acc + point.sum, 0);
    if (!Number.isFinite(sum) || outcome.points.some((point) => point.sum < 0)) {
      reasons.push(`${name}: a datapoint was not a finite, non-negative number`);
      return 0;
    }
    return sum;
  };
  const inBytes = total('NetworkIn', input.inbound);
  const outBytes = total('NetworkOut', input.outbound);
  if (reasons.length === 0) {
    const hourly = hourlyUsage(input.window, [pointsOf(input.inbound), pointsOf(input.outbound)]);
    return hourly === undefined
      ? { kind: 'known', inBytes, outBytes }
      : { kind: 'known', inBytes, outBytes, hourly };
  }
  // Both metrics usually fail the same way: say it once.
  const [first, second] = reasons.map((reason) => reason.replace(/^Network(In|Out): /, ''));
  const reason =
    reasons.length === 2 && first === second ? `NetworkIn and NetworkOut: ${first}` : reasons.join('; ');
  return { kind: 'unknown', reason };
}

function pointsOf(outcome: MetricOutcome): readonly MetricPoint[] {
  return outcome.kind === 'datapoints' ? outcome.points : [];
}
