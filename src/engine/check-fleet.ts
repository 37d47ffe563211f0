import type { AlertEvent } from '../core/alerts.js';
import { assessRegion } from './region.js';
import { monitoredInstances, regionsToCheck } from './regions.js';
import type { InstanceOutcome, PoolOutcome, RegionError, RunContext } from './types.js';

/** What steps 1–3 of a run found in one fleet (one account): regions, outcomes, pools, failures. */
export interface FleetChecked {
  readonly regions: readonly string[];
  readonly regionErrors: readonly RegionError[];
  readonly outcomes: readonly InstanceOutcome[];
  readonly pools: readonly PoolOutcome[];
  /** Regions or their instances that could not be listed, named. */
  readonly problems: readonly string[];
  readonly events: readonly AlertEvent[];
  /** The list of regions itself could not be read: nothing of this fleet was checked. */
  readonly regionsFailed: boolean;
}

/**
 * Steps 1–3 over `ctx.fleet`: list the regions, and in each region (all in parallel) its monitored
 * instances; assess each instance and act on it (`region.ts`). A region that cannot be listed is a
 * named problem and an alert, never an empty region.
 */
export async function checkFleet(ctx: RunContext): Promise<FleetChecked> {
  const { fleet, settings, deadline } = ctx;
  const problems: string[] = [];
  const events: AlertEvent[] = [];
  const listed = await regionsToCheck(fleet, settings.regions, deadline);
  if (listed.problem !== undefined) problems.push(listed.problem);
  if (listed.event !== undefined) events.push(listed.event);
  const wanted = settings.instances === undefined ? undefined : new Set(settings.instances);
  const perRegion = await Promise.all(
    listed.regions.map(async (region) => {
      const found = await monitoredInstances(fleet, region, wanted, deadline, listed.lightsail);
      return 'failure' in found ? found : assessRegion(ctx, found.instances);
    }),
  );
  const regionErrors = perRegion.flatMap((region) => ('failure' in region ? [region.failure] : []));
  for (const { region, error } of regionErrors) {
    problems.push(`${region}: could not list instances: ${error}`);
    events.push({ kind: 'region-failed', region, error });
  }
  return {
    regions: listed.regions,
    regionErrors,
    outcomes: perRegion.flatMap((region) => ('outcomes' in region ? region.outcomes : [])),
    pools: perRegion.flatMap((region) => ('pools' in region ? region.pools : [])),
    problems,
    events,
    regionsFailed: listed.problem !== undefined,
  };
}
