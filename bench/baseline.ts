/**
 * The sequential baseline: the Python recipe's algorithm on the same SDK client. One call at a
 * time: the regions, then per region every GetInstances page, then per instance (running or not,
 * as the recipe does) NetworkIn and NetworkOut one after the other, and StopInstance when over.
 */

import { performance } from 'node:perf_hooks';
import {
  GetInstanceMetricDataCommand,
  GetInstancesCommand,
  GetRegionsCommand,
  type Instance,
  type LightsailClient,
  StopInstanceCommand,
} from '@aws-sdk/client-lightsail';
import { billingMonthOf } from '../src/core/billing-month.js';
import { usageWindow } from '../src/core/usage.js';
import type { BaselineRegion } from './job.js';

const QUOTA = 0.95;

export interface BaselineOptions {
  readonly clientFor: (region: string) => LightsailClient;
  readonly regions: readonly string[] | undefined;
  readonly homeRegion: string;
  /** Read metrics of at most this many instances per region. */
  readonly sample: number;
}

export interface BaselineOutcome {
  readonly stopped: number;
  readonly regions: Record<string, BaselineRegion>;
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineOutcome> {
  const { clientFor } = options;
  const now = new Date();
  const window = usageWindow(billingMonthOf(now), now);
  let regions = options.regions;
  if (regions === undefined) {
    const answer = await clientFor(options.homeRegion).send(new GetRegionsCommand({}));
    regions = (answer.regions ?? []).flatMap((region) => (region.name ? [region.name] : []));
  }
  const measured: Record<string, BaselineRegion> = {};
  let stopped = 0;
  for (const region of regions) {
    const client = clientFor(region);
    const instances: Instance[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.send(new GetInstancesCommand(pageToken ? { pageToken } : {}));
      instances.push(...(page.instances ?? []));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    const sampled = instances.slice(0, options.sample);
    const start = performance.now();
    for (const instance of sampled) {
      let bytes = 0;
      for (const metricName of ['NetworkIn', 'NetworkOut'] as const) {
        const answer = await client.send(
          new GetInstanceMetricDataCommand({
            instanceName: instance.name,
            metricName,
            period: window.periodSeconds,
            startTime: window.start,
            endTime: window.end,
            unit: 'Bytes',
            statistics: ['Sum'],
          }),
        );
        for (const point of answer.metricData ?? []) bytes += point.sum ?? 0;
      }
      const allowance = (instance.networking?.monthlyTransfer?.gbPerMonthAllocated ?? 0) * 1e9;
      if (instance.state?.name === 'running' && allowance > 0 && bytes >= QUOTA * allowance) {
        await client.send(new StopInstanceCommand({ instanceName: instance.name }));
        stopped += 1;
      }
    }
    measured[region] = {
      instances: instances.length,
      read: sampled.length,
      metricPhaseMs: performance.now() - start,
    };
  }
  return { stopped, regions: measured };
}
