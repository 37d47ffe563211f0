/**
 * What a month cost, computed the way AWS bills it: per pool (region and bundle, IPv4 and IPv6 plans
 * of one size together), the members' traffic adds up against the sum of their allowances, and once
 * that is used, every byte out is billable. Traffic is integrated minute by minute over where each
 * instance actually ran, so a stop ends its traffic at the second it happened.
 */

import { accrued } from '../../sim/traffic.js';
import { allowanceFor } from '../../src/core/allowance.js';
import type { BillingMonth } from '../../src/core/billing-month.js';
import { poolKeyOf } from '../../src/core/pools.js';
import type { LiveInstance } from './fleet.js';

export interface MonthBill {
  /** Bytes out past the pooled allowance, over every pool. */
  readonly overageBytes: number;
  /**
   * At the first stop of the month: the pooled allowance of that instance's pool not yet used, in
   * bytes (what the stop left on the table). `undefined` when nothing was stopped.
   */
  readonly unusedAtStopBytes: number | undefined;
  /** Hours instances spent stopped by the guard until the month's end, summed. */
  readonly hoursStopped: number;
}

const STEP_SECONDS = 60;

export function billOf(live: readonly LiveInstance[], month: BillingMonth): MonthBill {
  const pools = new Map<string, LiveInstance[]>();
  for (const each of live) pools.set(poolKeyOf(each), [...(pools.get(poolKeyOf(each)) ?? []), each]);
  const start = month.start.getTime() / 1000;
  const end = month.end.getTime() / 1000;
  const firstStop = live
    .filter((each) => each.stoppedAtMs !== undefined)
    .sort((a, b) => (a.stoppedAtMs ?? 0) - (b.stoppedAtMs ?? 0))[0];
  let overageBytes = 0;
  let unusedAtStopBytes: number | undefined;
  for (const members of pools.values()) {
    // The guard's reading of the allowance (10^9-byte GB, pro-rated from creation): the safe side.
    const allowance = members.reduce(
      (sum, each) =>
        sum + allowanceFor(each, month, { unit: 'GB', prorateNewInstances: true }, each.createdAt).bytes,
      0,
    );
    if (firstStop?.stoppedAtMs !== undefined && members.includes(firstStop)) {
      const stopAt = firstStop.stoppedAtMs / 1000;
      const usedThen = members.reduce((sum, each) => {
        const moved = accrued(each.shape, each.runs, start, stopAt);
        return sum + moved.inBytes + moved.outBytes;
      }, 0);
      unusedAtStopBytes = allowance - usedThen;
    }
    let used = 0;
    for (let t = start; t < end; t += STEP_SECONDS) {
      let total = 0;
      let out = 0;
      for (const each of members) {
        const moved = accrued(each.shape, each.runs, t, t + STEP_SECONDS);
        total += moved.inBytes + moved.outBytes;
        out += moved.outBytes;
      }
      const past = used + total - Math.max(allowance, used);
      if (past > 0 && total > 0) overageBytes += out * Math.min(1, past / total);
      used += total;
    }
  }
  const hoursStopped = live.reduce(
    (sum, each) =>
      sum + (each.stoppedAtMs === undefined ? 0 : (month.end.getTime() - each.stoppedAtMs) / 3_600_000),
    0,
  );
  return { overageBytes, unusedAtStopBytes, hoursStopped };
}
