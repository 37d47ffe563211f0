import type { AlertEvent } from '../core/alerts.js';
import type { Fleet } from '../core/ports.js';
import { failureText } from '../core/reasons.js';
import type { Instance } from '../core/types.js';
import { describeError } from '../errors.js';
import { deadlineFailure, type RunDeadline } from './deadline.js';
import type { RegionError } from './types.js';

/** Why a Lightsail call failed, saying so plainly when the run's deadline cut it off. */
export function failureReason(error: unknown, deadline: RunDeadline | undefined): string {
  return deadline?.reads.aborted ? failureText(deadlineFailure('no-answer', deadline)) : describeError(error);
}

/** What `GetRegions` lists, asked at most once per run, or `undefined` when it cannot answer. */
export type LightsailRegions = () => Promise<readonly string[] | undefined>;

/**
 * The regions to check: the configured ones, or every region `GetRegions` lists. With configured
 * ones, `lightsail` asks `GetRegions` only if one of them fails, to tell a mistyped `REGIONS`
 * entry (`us-east-9`) from a region that is down; a run whose regions all answer never calls it.
 */
export async function regionsToCheck(
  fleet: Fleet,
  configured: readonly string[] | undefined,
  deadline: RunDeadline | undefined,
): Promise<{
  regions: readonly string[];
  lightsail?: LightsailRegions;
  problem?: string;
  event?: AlertEvent;
}> {
  if (configured !== undefined) {
    let asked: Promise<readonly string[] | undefined> | undefined;
    const lightsail: LightsailRegions = () => {
      asked ??= fleet.listRegions(deadline?.reads).catch(() => undefined);
      return asked;
    };
    return { regions: configured, lightsail };
  }
  try {
    return { regions: await fleet.listRegions(deadline?.reads) };
  } catch (error) {
    const message = failureReason(error, deadline);
    return {
      regions: [],
      problem: `could not list regions: ${message}`,
      event: { kind: 'regions-failed', error: message },
    };
  }
}

/**
 * One region's monitored instances, or the region's error (named, never an empty fleet): for a
 * region that `lightsail` (what `GetRegions` lists) does not hold, that it is not a Lightsail region.
 */
export async function monitoredInstances(
  fleet: Fleet,
  region: string,
  wanted: ReadonlySet<string> | undefined,
  deadline: RunDeadline | undefined,
  lightsail?: LightsailRegions,
): Promise<{ instances: readonly Instance[] } | { failure: RegionError }> {
  try {
    const instances = await fleet.listInstances(region, deadline?.reads);
    return { instances: wanted ? instances.filter((instance) => wanted.has(instance.name)) : instances };
  } catch (error) {
    const listed = deadline?.reads.aborted ? undefined : await lightsail?.();
    if (listed !== undefined && listed.length > 0 && !listed.includes(region)) {
      const reason = `not a Lightsail region (REGIONS; GetRegions lists ${listed.join(', ')})`;
      return { failure: { region, error: reason } };
    }
    return { failure: { region, error: failureReason(error, deadline) } };
  }
}
