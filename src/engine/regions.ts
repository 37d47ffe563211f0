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

/** The regions to check: the configured ones, or every region `GetRegions` lists. */
export async function regionsToCheck(
  fleet: Fleet,
  configured: readonly string[] | undefined,
  deadline: RunDeadline | undefined,
): Promise<{ regions: readonly string[]; problem?: string; event?: AlertEvent }> {
  if (configured !== undefined) return { regions: configured };
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

/** One region's monitored instances, or the region's error (named, never an empty fleet). */
export async function monitoredInstances(
  fleet: Fleet,
  region: string,
  wanted: ReadonlySet<string> | undefined,
  deadline: RunDeadline | undefined,
): Promise<{ instances: readonly Instance[] } | { failure: RegionError }> {
  try {
    const instances = await fleet.listInstances(region, deadline?.reads);
    return { instances: wanted ? instances.filter((instance) => wanted.has(instance.name)) : instances };
  } catch (error) {
    return { failure: { region, error: failureReason(error, deadline) } };
  }
}
