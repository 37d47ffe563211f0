import {
  GetInstanceMetricDataCommand,
  GetInstancesCommand,
  GetRegionsCommand,
  type LightsailClient,
  type Instance as LightsailInstance,
  StopInstanceCommand,
  TagResourceCommand,
} from '@aws-sdk/client-lightsail';
import type { Fleet } from '../core/ports.js';
import type { Instance, MetricRead } from '../core/types.js';

export interface LightsailFleetOptions {
  /** The client for a region; the caller decides how clients are built and cached. */
  readonly clientFor: (region: string) => LightsailClient;
  /** Region whose endpoint answers `GetRegions` (any Lightsail region lists them all). */
  readonly homeRegion: string;
}

/** Reduces a `GetInstances` entry to what the guard needs. A missing allowance stays NaN: never 0. */
export function toInstance(raw: LightsailInstance, region: string): Instance {
  return {
    name: raw.name ?? '',
    region: raw.location?.regionName ?? region,
    state: raw.state?.name ?? 'unknown',
    bundleId: raw.bundleId ?? '',
    createdAt: raw.createdAt ?? new Date(0),
    allowanceGb: raw.networking?.monthlyTransfer?.gbPerMonthAllocated ?? Number.NaN,
    tags: Object.fromEntries((raw.tags ?? []).map((tag) => [tag.key ?? '', tag.value ?? ''])),
  };
}

/** The `Fleet` over Lightsail's API: one `GetInstances` per page, two metric reads per instance, no other reads. */
export function createLightsailFleet(options: LightsailFleetOptions): Fleet {
  const { clientFor, homeRegion } = options;
  return {
    async listRegions() {
      const answer = await clientFor(homeRegion).send(new GetRegionsCommand({}));
      return (answer.regions ?? []).flatMap((region) => (region.name ? [region.name] : []));
    },

    async listInstances(region) {
      // The JS SDK has no paginator for GetInstances: follow nextPageToken by hand.
      const client = clientFor(region);
      const instances: Instance[] = [];
      let pageToken: string | undefined;
      do {
        const page = await client.send(new GetInstancesCommand(pageToken ? { pageToken } : {}));
        for (const raw of page.instances ?? []) instances.push(toInstance(raw, region));
        pageToken = page.nextPageToken || undefined;
      } while (pageToken);
      return instances;
    },

    async readMetric(instance, metric, window): Promise<MetricRead> {
      const answer = await clientFor(instance.region).send(
        new GetInstanceMetricDataCommand({
          instanceName: instance.name,
          metricName: metric,
          period: window.periodSeconds,
          startTime: window.start,
          endTime: window.end,
          unit: 'Bytes',
          statistics: ['Sum'],
        }),
      );
      if (answer.metricData === undefined) return { kind: 'absent' };
      // A datapoint without `sum` becomes NaN, which the core reads as unknown rather than 0.
      return { kind: 'datapoints', sums: answer.metricData.map((point) => point.sum ?? Number.NaN) };
    },

    async stopInstance(instance) {
      await clientFor(instance.region).send(new StopInstanceCommand({ instanceName: instance.name }));
    },

    async tagInstance(instance, tags) {
      await clientFor(instance.region).send(
        new TagResourceCommand({
          resourceName: instance.name,
          tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
        }),
      );
    },
  };
}
