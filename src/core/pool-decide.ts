import { TAGS } from '../constants.js';
import { alertedTagValue, deliveredThisMonth, poolDeliveredThisMonth, poolKey } from './alert-keys.js';
import { keepRunningThisMonth } from './alert-state.js';
import { type Allowance, trustedCreation } from './allowance.js';
import type { BillingMonth } from './billing-month.js';
import {
  type AlertMemory,
  type Assessment,
  type Decision,
  type DueAlert,
  decide,
  type GuardPolicy,
} from './decide.js';
import type { Forecast } from './forecast.js';
import type { StopAhead } from './stop-ahead.js';
import type { HourlyUsage, Instance, UsageReading } from './types.js';

/**
 * `ALLOWANCE_SCOPE=pool`: the members of one pool (`pools.ts`) are judged together, as AWS bills
 * them: their usage added up, stopped members included (what they moved this month still counts),
 * against the sum of their (pro-rated) allowances. The warning levels, the forecast alert and the
 * threshold apply to that total; at the threshold (or ahead of it) every running member is stopped.
 * The decision is the one `assess` makes for a single instance, made once for the pool.
 */

/** One member as read: its usage and its own (pro-rated) allowance. */
export interface PoolMember {
  readonly instance: Instance;
  readonly usage: UsageReading;
  readonly allowance: Allowance;
  /** The member's own assessment: its owed stop alert (if any) still belongs to it. */
  readonly assessment: Assessment;
  /** ACTION=notify or its `action = notify` tag: it counts in the pool, and is never stopped. */
  readonly notifyOnly?: boolean;
}

/** The pool's figures, for the decision and for display. */
export interface PoolTotals {
  /** Known only when every member's usage is. */
  readonly usage: UsageReading;
  readonly allowance: Allowance;
  /**
   * Hour by hour, the running members' traffic: what the pool is moving now. A stopped member's
   * past hours would make the pace of a pool that just lost its busiest member look as fast as
   * before it was stopped.
   */
  readonly runningHourly: HourlyUsage | undefined;
  /** The earliest trusted creation among running members: the pool's pace is measured from there. */
  readonly observedFrom: Date;
}

/** Adds up a pool's members. Unknown usage of any member makes the pool's unknown, naming it. */
export function poolTotals(members: readonly PoolMember[], month: BillingMonth, now: Date): PoolTotals {
  const unknown = members.filter((member) => member.usage.kind === 'unknown');
  const full = members.reduce(
    (sum, member) => sum + (member.allowance.share > 0 ? member.allowance.bytes / member.allowance.share : 0),
    0,
  );
  const bytes = members.reduce((sum, member) => sum + member.allowance.bytes, 0);
  const allowance = { bytes, share: full > 0 ? bytes / full : 1 };
  const running = members.filter((member) => member.instance.state === 'running');
  const created = running
    .map((member) => trustedCreation(member.instance.createdAt, now).at?.getTime() ?? month.start.getTime())
    .reduce((earliest, at) => Math.min(earliest, at), Number.POSITIVE_INFINITY);
  const observedFrom = new Date(Math.max(month.start.getTime(), Number.isFinite(created) ? created : 0));
  if (unknown.length > 0) {
    const reason = `usage of ${unknown.map((member) => member.instance.name).join(', ')} unknown`;
    return { usage: { kind: 'unknown', reason }, allowance, runningHourly: undefined, observedFrom };
  }
  let inBytes = 0;
  let outBytes = 0;
  for (const member of members) {
    if (member.usage.kind !== 'known') continue;
    inBytes += member.usage.inBytes;
    outBytes += member.usage.outBytes;
  }
  return {
    usage: { kind: 'known', inBytes, outBytes },
    allowance,
    runningHourly: addHours(running.map((member) => member.usage)),
    observedFrom,
  };
}

/**
 * The hour-by-hour sum of these readings, when each has the same hours. Sample counts are the
 * fewest of any member's in each hour (present only when every member has them): the pool's
 * bytes then count over the time the least-covered member reaches, which can only make its pace
 * higher, the side stop ahead errs on.
 */
function addHours(usages: readonly UsageReading[]): HourlyUsage | undefined {
  const series = usages.map((usage) => (usage.kind === 'known' ? usage.hourly : undefined));
  const [first] = series;
  if (first === undefined) return undefined;
  const bytes = new Array<number>(first.bytes.length).fill(0);
  let samples: number[] | undefined = first.samples === undefined ? undefined : [...first.samples];
  for (const each of series) {
    if (each === undefined || each.startMs !== first.startMs || each.bytes.length !== bytes.length) {
      return undefined;
    }
    each.bytes.forEach((value, index) => {
      bytes[index] = (bytes[index] ?? 0) + value;
    });
    const counts = each.samples;
    samples =
      samples === undefined || counts === undefined
        ? undefined
        : samples.map((count, index) => Math.min(count, counts[index] ?? 0));
  }
  return samples === undefined
    ? { startMs: first.startMs, bytes }
    : { startMs: first.startMs, bytes, samples };
}

/** What the pool decision asks of each member, and what the pool itself announces. */
export interface PoolAssessment {
  /** The decision made once for the pool, as for one instance. */
  readonly pool: Decision;
  /**
   * What the pool was judged as: running while any member runs, with what its members remember
   * of the pool's own alerts, and kept running when every running member is.
   */
  readonly judgedAs: { readonly running: boolean; readonly memory: AlertMemory };
  /** Warnings, forecast and kept-running alerts of the pool: one message, owned by every member. */
  readonly due: readonly DueAlert[];
  /** Each member's assessment with the pool's decision in it, in the order given. */
  readonly members: readonly Assessment[];
}

/**
 * Decides about a pool whose usage is known: `decide` once for the pool (running while any member
 * runs; kept running when every running member is), then each running member that is not kept
 * running (nor notify-only) gets the pool's stop. Alert state is kept on every member under `pool-`
 * keys (`alert-keys.ts`), read as the union over the members, so that a member that joins the pool
 * later does not make the pool warn again.
 */
export function assessPool(input: {
  readonly members: readonly PoolMember[];
  readonly totals: PoolTotals;
  readonly policy: GuardPolicy;
  readonly month: BillingMonth;
  readonly now: Date;
  readonly forecast: Forecast | null;
  readonly ahead: StopAhead | undefined;
}): PoolAssessment {
  const { members, totals, policy, month, now } = input;
  const running = members.filter((member) => member.instance.state === 'running');
  const delivered = new Set(
    members.flatMap((member) => [...poolDeliveredThisMonth(member.instance.tags, month.key)]),
  );
  const allKept =
    running.length > 0 && running.every((member) => keepRunningThisMonth(member.instance.tags, month.key));
  // The pool owes no stop alert of its own (its members do) and its usage is known here.
  const memory: AlertMemory = {
    delivered,
    keptRunning: allKept,
    undeliveredStop: undefined,
    unknownAlertedToday: false,
  };
  const judgedAs = { running: running.length > 0, memory };
  const pool = decide({
    usage: totals.usage,
    allowance: totals.allowance,
    policy,
    month,
    now,
    ...judgedAs,
    forecast: input.forecast,
    ahead: input.ahead,
  });
  const stopDue = pool.due.find((due) => due.kind === 'stop');
  const poolKeys = [...deliveredThisMonth(pool.tagsOnDelivery, month.key)].map(poolKey);
  const memberAssessments = members.map((member): Assessment => {
    const own = member.assessment;
    const stop =
      pool.stop &&
      member.instance.state === 'running' &&
      member.notifyOnly !== true &&
      !keepRunningThisMonth(member.instance.tags, month.key);
    // What stays the member's own: a stop alert owed from an earlier run.
    const owed = own.due.filter((due) => due.kind === 'stop' && due.undeliveredSince !== undefined);
    const due: DueAlert[] = stop && stopDue !== undefined ? [stopDue] : stop ? [{ kind: 'stop' }] : owed;
    const tags: Record<string, string> = {};
    if (owed.length > 0) tags[TAGS.stopUnsent] = '';
    if (TAGS.alerted in pool.tagsOnDelivery) {
      const mine = deliveredThisMonth(member.instance.tags, month.key);
      tags[TAGS.alerted] = alertedTagValue(month.key, [...mine, ...poolKeys]);
    }
    const kept =
      member.instance.state === 'running' &&
      keepRunningThisMonth(member.instance.tags, month.key) &&
      (pool.stop || pool.keptRunning);
    const { stopReason: _ownReason, ...rest } = own;
    return {
      ...rest,
      stop,
      ...(stop && pool.stopReason !== undefined ? { stopReason: pool.stopReason } : {}),
      keptRunning: kept,
      due,
      tagsOnDelivery: tags,
    };
  });
  return {
    pool,
    judgedAs,
    due: pool.due.filter((due) => due.kind !== 'stop'),
    members: memberAssessments,
  };
}
