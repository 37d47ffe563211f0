/** What a check of a fleet must cost at least: the lower bound of calls and the critical path of round trips. */

import { type FleetShape, HOME_REGION, roleCounts } from './fleet.js';

export interface LowerBound {
  /** Reads and stops the target counts: GetRegions, GetInstances pages, metric reads, stops. */
  readonly calls: number;
  /**
   * TagResource calls, reported apart from the bound: the write-ahead record before each stop, and
   * the state saved after delivery.
   */
  readonly tagWrites: number;
  readonly stops: number;
}

export interface RunModel {
  readonly shape: FleetShape;
  readonly pageSize: number;
  /** `REGIONS` unset: one GetRegions first. */
  readonly listRegions: boolean;
  readonly latencyMs: (region: string) => number;
  readonly concurrency: number;
}

function pages(perRegion: number, pageSize: number): number {
  return Math.max(1, Math.ceil(perRegion / pageSize));
}

/** The fewest calls `check` can make on this fleet (running instances only need usage). */
export function lowerBound(model: RunModel): LowerBound {
  const counts = roleCounts(model.shape.perRegion);
  const regions = model.shape.regions.length;
  const running = model.shape.perRegion - counts.stopped;
  const calls =
    (model.listRegions ? 1 : 0) +
    regions * (pages(model.shape.perRegion, model.pageSize) + 2 * running + counts.over);
  return { calls, tagWrites: regions * (2 * counts.over + counts.warn), stops: regions * counts.over };
}

/**
 * The chain of dependent round trips: GetRegions, then per region (in parallel) its pages one
 * after another, ceil(running / concurrency) rounds of metric reads (the two reads of an instance
 * go together), and a stop after its write-ahead record; the slowest region decides. Tag writes after delivery are not in it
 * (the definition); `tagTailMs` is what they add when sent `concurrency` at a time.
 */
export function criticalPath(model: RunModel): { ms: number; tagTailMs: number } {
  const counts = roleCounts(model.shape.perRegion);
  const running = model.shape.perRegion - counts.stopped;
  const perRegion = model.shape.regions.map((region) => {
    const latency = model.latencyMs(region);
    const rounds = pages(model.shape.perRegion, model.pageSize) + Math.ceil(running / model.concurrency);
    return (rounds + (counts.over > 0 ? 2 : 0)) * latency;
  });
  const ms = (model.listRegions ? model.latencyMs(HOME_REGION) : 0) + Math.max(...perRegion);
  const { tagWrites } = lowerBound(model);
  const meanLatency =
    model.shape.regions.reduce((sum, region) => sum + model.latencyMs(region), 0) /
    model.shape.regions.length;
  return { ms, tagTailMs: Math.ceil(tagWrites / model.concurrency) * meanLatency };
}

/** Calls the recipe's algorithm makes: every page, two metric reads for every instance, a stop per instance over. */
export function baselineCalls(shape: FleetShape, pageSize: number, listRegions: boolean): number {
  const counts = roleCounts(shape.perRegion);
  return (
    (listRegions ? 1 : 0) +
    shape.regions.length * (pages(shape.perRegion, pageSize) + 2 * shape.perRegion + counts.over)
  );
}
