/** The simulated accounts the benchmark checks: which regions, which instances, how far each is into its allowance. */

import type { SimInstanceSpec } from '../sim/lightsail/index.js';
import { trafficAt } from '../sim/sample-account.js';

/** The eight regions of the multi-region runs: near, European and far ones, as a real account spreads. */
export const EIGHT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-south-1',
  'ap-southeast-2',
] as const;

/** The region that answers `GetRegions` (the CLI's default home region). */
export const HOME_REGION = 'us-east-1';

/**
 * Round-trip times from a client in us-east-1 (where the Lambda runs by default) to each region's
 * Lightsail endpoint, rounded from public inter-region ping tables: tens of ms in North America,
 * 70-110 ms to Europe, 230-260 ms to Mumbai and Sydney.
 */
export const REALISTIC_LATENCY_MS: Readonly<Record<string, number>> = {
  'us-east-1': 25,
  'us-east-2': 35,
  'us-west-2': 70,
  'eu-west-1': 85,
  'eu-west-2': 90,
  'eu-central-1': 105,
  'ap-south-1': 230,
  'ap-southeast-2': 260,
};

/** What one fleet holds, counted as the lower bound and the critical path need it. */
export interface FleetShape {
  readonly regions: readonly string[];
  readonly perRegion: number;
}

/** One instance's role, chosen by its index so that every fleet size gets the same shares. */
export type Role = 'stopped' | 'over' | 'warn' | 'normal';

/**
 * 10% stopped (no metric reads needed by `check`), 5% at 97% of the allowance (stopped by the
 * guard at the default 95% threshold), 5% at 85% (a warning, hence a tag write), the rest at
 * 5-75%. Index 7 is the first one over, so even a 10-instance fleet has one stop.
 */
export function roleOf(index: number): Role {
  if (index % 10 === 3) return 'stopped';
  if (index % 20 === 7) return 'over';
  if (index % 20 === 12) return 'warn';
  return 'normal';
}

/** The simulator's instances for `shape`. */
export function fleetSpecs(shape: FleetShape): SimInstanceSpec[] {
  return shape.regions.flatMap((region) =>
    Array.from({ length: shape.perRegion }, (_, index): SimInstanceSpec => {
      const role = roleOf(index);
      const share = role === 'over' ? 0.97 : role === 'warn' ? 0.85 : 0.05 + ((index * 37) % 71) / 100;
      return {
        name: `bench-${region}-${String(index).padStart(4, '0')}`,
        region,
        state: role === 'stopped' ? 'stopped' : 'running',
        gbPerMonthAllocated: 1024,
        traffic: trafficAt(share, 1024),
      };
    }),
  );
}

/** How many instances of each role one region holds. */
export function roleCounts(perRegion: number): Record<Role, number> {
  const counts: Record<Role, number> = { stopped: 0, over: 0, warn: 0, normal: 0 };
  for (let index = 0; index < perRegion; index++) counts[roleOf(index)] += 1;
  return counts;
}
