import { type Forecast, forecastUsage, windowOf } from '../core/forecast.js';
import { instancePolicy } from '../core/instance-policy.js';
import { percentUsed } from '../core/percent.js';
import { assessPool, type PoolMember, type PoolTotals, poolTotals } from '../core/pool-decide.js';
import { poolBundleOf, poolKeyOf } from '../core/pools.js';
import { type StopAhead, stopAheadOf } from '../core/stop-ahead.js';
import { type AccountRef, type Instance, instanceKey } from '../core/types.js';
import { usedBytes } from '../core/usage.js';
import { actOn } from './act.js';
import { actionWithoutStop, assessInstance, paces, stopAheadSettings } from './assess.js';
import { mapWithLimit } from './concurrency.js';
import type { InstanceOutcome, PoolOutcome, RunContext } from './types.js';

/**
 * Assesses one region's instances and acts on them (`actOn`). With `ALLOWANCE_SCOPE=instance` each
 * instance is acted on as soon as it is assessed, as always. With `pool`, an instance alone in its
 * pool is too; the members of a pool of two or more are all read first (stopped ones included:
 * their traffic counts), then judged together (`assessPool`) and the running ones stopped together.
 * Until every member can be read, each is judged on its own allowance, the stricter reading: unknown
 * usage is never taken for 0. Every pool of two or more is returned for display, in either scope.
 * Outcomes come back in the order of `instances`.
 */
export async function assessRegion(
  ctx: RunContext,
  instances: readonly Instance[],
): Promise<{ outcomes: InstanceOutcome[]; pools: PoolOutcome[] }> {
  // An instance tagged `action = ignore` is not monitored: like one left out of INSTANCES_TO_MONITOR,
  // it is left out of its pool (and never read).
  const monitored = instances.filter(
    (instance) => instancePolicy(instance.tags, ctx.settings).action !== 'ignore',
  );
  const inPool = new Set(monitored.map(instanceKey));
  const poolSizes = groupByPool(monitored, (instance) => instance);
  const judgedTogether = (instance: Instance): boolean =>
    ctx.settings.allowanceScope === 'pool' &&
    inPool.has(instanceKey(instance)) &&
    (poolSizes.get(poolKeyOf(instance))?.length ?? 0) > 1;
  const assessed = await mapWithLimit(instances, ctx.settings.concurrency, async (instance) => {
    if (!judgedTogether(instance)) return actOn(ctx, await assessInstance(ctx, instance));
    // A check reads stopped members too when the pool has a running one: their traffic counts.
    const members = poolSizes.get(poolKeyOf(instance)) ?? [];
    const alwaysRead = members.some((member) => member.state === 'running');
    return assessInstance(ctx, instance, { alwaysRead });
  });
  const pools: PoolOutcome[] = [];
  const decided: InstanceOutcome[] = [];
  const groups = groupByPool(
    assessed.filter((outcome) => inPool.has(instanceKey(outcome.instance))),
    (outcome) => outcome.instance,
  );
  for (const [key, members] of groups) {
    const [first] = members;
    if (first === undefined || members.length < 2) continue;
    if (!judgedTogether(first.instance)) {
      pools.push(displayPool(ctx, key, members));
      continue;
    }
    const judged = judgePool(ctx, key, members);
    pools.push(judged.pool);
    decided.push(...judged.members);
  }
  // Members judged as a pool are acted on now, all together, bounded as the reads were.
  const acted = await mapWithLimit(decided, ctx.settings.concurrency, (outcome) => actOn(ctx, outcome));
  const final = new Map(acted.map((outcome) => [instanceKey(outcome.instance), outcome]));
  const latest = (outcome: InstanceOutcome): InstanceOutcome =>
    final.get(instanceKey(outcome.instance)) ?? outcome;
  return {
    outcomes: assessed.map(latest),
    pools: pools.map((pool) => ({ ...pool, members: pool.members.map(latest) })),
  };
}

/** `items` by the pool of their instance (`poolKeyOf`), in the order given. */
function groupByPool<T>(items: readonly T[], instanceOf: (item: T) => Instance): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = poolKeyOf(instanceOf(item));
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/** The members of `outcomes` as `poolTotals` takes them; `undefined` when one was not read. */
function membersOf(outcomes: readonly InstanceOutcome[]): PoolMember[] | undefined {
  const members: PoolMember[] = [];
  for (const outcome of outcomes) {
    if (outcome.assessment === undefined) return undefined;
    members.push({
      instance: outcome.instance,
      usage: outcome.assessment.usage,
      allowance: outcome.allowance,
      assessment: outcome.assessment,
      notifyOnly: outcome.policy?.action === 'notify',
    });
  }
  return members;
}

/** A pool shown but not judged (`ALLOWANCE_SCOPE=instance`), or one with a member not read. */
function displayPool(ctx: RunContext, key: string, outcomes: readonly InstanceOutcome[]): PoolOutcome {
  const members = membersOf(outcomes);
  const totals = members === undefined ? undefined : poolTotals(members, ctx.month, ctx.now);
  return {
    key,
    ...labelOf(outcomes),
    members: outcomes,
    totals,
    forecast: totals === undefined ? null : poolForecast(ctx, totals, 0).forecast,
    due: [],
    judged: false,
  };
}

/** Judges a pool in pool scope; falls back to each member's own assessment while one is unknown. */
function judgePool(
  ctx: RunContext,
  key: string,
  outcomes: readonly InstanceOutcome[],
): { pool: PoolOutcome; members: InstanceOutcome[] } {
  const members = membersOf(outcomes);
  const label = labelOf(outcomes);
  const totals = members === undefined ? undefined : poolTotals(members, ctx.month, ctx.now);
  if (members === undefined || totals === undefined || totals.usage.kind !== 'known') {
    const pool = { key, ...label, members: outcomes, totals, forecast: null, due: [], judged: false };
    return { pool, members: [...outcomes] };
  }
  const running = members.filter((member) => member.instance.state === 'running').length;
  const { forecast, ahead } = poolForecast(ctx, totals, running);
  const decision = assessPool({
    members,
    totals,
    policy: ctx.settings.policy,
    month: ctx.month,
    now: ctx.now,
    forecast,
    ahead,
  });
  const used = usedBytes(totals.usage);
  const figures = {
    ...label,
    instances: outcomes.map((outcome) => outcome.instance.name),
    usedBytes: used,
    allowanceBytes: totals.allowance.bytes,
    percent: percentUsed(used, totals.allowance.bytes),
  };
  const decided = new Map(
    decision.members.map((assessment) => [instanceKey(assessment.instance), assessment]),
  );
  const judged = outcomes.map((outcome): InstanceOutcome => {
    const assessment = decided.get(instanceKey(outcome.instance)) ?? outcome.assessment;
    if (assessment === undefined) return outcome;
    return { ...outcome, assessment, action: actionWithoutStop(ctx.command, assessment), pool: figures };
  });
  return {
    pool: { key, ...label, members: judged, totals, forecast, due: decision.due, judged: true },
    members: judged,
  };
}

function labelOf(outcomes: readonly InstanceOutcome[]): {
  region: string;
  bundleId: string;
  account?: AccountRef;
} {
  const first = outcomes[0]?.instance;
  return {
    region: first?.region ?? '',
    bundleId: poolBundleOf(first?.bundleId ?? ''),
    ...(first?.account !== undefined ? { account: first.account } : {}),
  };
}

/**
 * The pool's forecast and stop-ahead verdict, from its `running` members' hours; each of them could
 * burst at once, so the burst reserve counts every one.
 */
function poolForecast(
  ctx: RunContext,
  totals: PoolTotals,
  running: number,
): { forecast: Forecast | null; ahead: StopAhead | undefined } {
  if (totals.usage.kind !== 'known') return { forecast: null, ahead: undefined };
  const { foresight, policy } = ctx.settings;
  const { runningHourly } = totals;
  const measured =
    runningHourly === undefined
      ? undefined
      : windowOf(runningHourly, totals.observedFrom.getTime(), ctx.now, foresight.metricDelayMinutes);
  const used = usedBytes(totals.usage);
  const forecast =
    runningHourly === undefined || measured === undefined
      ? null
      : forecastUsage({
          usedBytes: used,
          allowanceBytes: totals.allowance.bytes,
          hourly: runningHourly,
          window: measured.window,
          monthEndMs: ctx.month.end.getTime(),
          thresholdPercent: policy.quotaPercent,
        });
  // Without the running members' hours there is no pace to see, but the burst reserve still holds.
  const ahead =
    running === 0
      ? undefined
      : stopAheadOf({
          usedBytes: used,
          allowanceBytes: totals.allowance.bytes,
          quotaPercent: policy.quotaPercent,
          ...paces(runningHourly, measured, foresight),
          settings: stopAheadSettings(foresight, running, ctx.now, measured?.coverage, ctx.month.end),
        });
  return { forecast, ahead };
}
