/**
 * When a guard that knew every instance's exact usage at every moment (no lag, no check interval)
 * would have stopped it: the moment its usage reaches the threshold, QUOTA_PERCENT of its allowance
 * (per instance), or of its pool's allowance with the pool's usage (per pool, where every running
 * member stops together). The month simulation measures the real guard's early stops against it.
 */

import { accrued } from '../../sim/traffic.js';
import { allowanceFor } from '../../src/core/allowance.js';
import type { BillingMonth } from '../../src/core/billing-month.js';
import { poolKeyOf } from '../../src/core/pools.js';
import type { AllowanceScope } from '../../src/engine/types.js';
import type { LiveInstance, MonthInstance } from './fleet.js';

/** Precise enough for hours of stop; a month is 2.6 million seconds, so about 30 halvings. */
const RESOLUTION_SECONDS = 1;

/**
 * Epoch ms at which each instance (by name) would have been stopped by a perfect guard, or
 * `undefined` when its usage (or its pool's) never reaches the threshold this month. Usage is
 * counted as if nothing had been stopped before: a perfect guard stops nothing earlier.
 */
export function perfectStops(
  instances: readonly MonthInstance[],
  policy: { readonly quotaPercent: number; readonly scope: AllowanceScope },
  month: BillingMonth,
): Map<string, number | undefined> {
  const groups = new Map<string, MonthInstance[]>();
  for (const each of instances) {
    const key = policy.scope === 'pool' ? poolKeyOf(each) : `${each.region}/${each.name}`;
    groups.set(key, [...(groups.get(key) ?? []), each]);
  }
  const stops = new Map<string, number | undefined>();
  for (const members of groups.values()) {
    const at = reachesAt(members, policy.quotaPercent, month);
    for (const each of members) stops.set(each.name, at);
  }
  return stops;
}

/** The first moment these instances' usage together reaches `percent` of their allowances. */
function reachesAt(
  members: readonly MonthInstance[],
  percent: number,
  month: BillingMonth,
): number | undefined {
  const start = month.start.getTime() / 1000;
  const allowance = members.reduce(
    (sum, each) =>
      sum + allowanceFor(each, month, { unit: 'GB', prorateNewInstances: true }, each.createdAt).bytes,
    0,
  );
  const threshold = (allowance * percent) / 100;
  const usedAt = (t: number): number =>
    members.reduce((sum, each) => {
      const moved = accrued(each.shape, [[each.createdAt.getTime() / 1000, undefined]], start, t);
      return sum + moved.inBytes + moved.outBytes;
    }, 0);
  let low = start;
  let high = month.end.getTime() / 1000;
  if (usedAt(high) < threshold) return undefined;
  // Usage only grows: halve the span until the crossing is pinned to a second.
  while (high - low > RESOLUTION_SECONDS) {
    const middle = (low + high) / 2;
    if (usedAt(middle) >= threshold) high = middle;
    else low = middle;
  }
  return high * 1000;
}

/**
 * Hours the guard stopped instances before a perfect guard would have, summed over instances: a
 * stop the perfect guard never makes counts until the month's end.
 */
export function hoursStoppedEarly(
  live: readonly LiveInstance[],
  perfect: ReadonlyMap<string, number | undefined>,
  month: BillingMonth,
): number {
  return live.reduce((sum, each) => {
    if (each.stoppedAtMs === undefined) return sum;
    const due = perfect.get(each.name) ?? month.end.getTime();
    return sum + Math.max(0, due - each.stoppedAtMs) / 3_600_000;
  }, 0);
}
