import {
  GetInstanceMetricDataCommand,
  GetInstanceStateCommand,
  GetInstancesCommand,
  GetRegionsCommand,
  type LightsailClient,
  type Instance as LightsailInstance,
  StartInstanceCommand,
  StopInstanceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-lightsail';
import type { Fleet, InstanceAdmin } from '../core/ports.js';
import type { AccountRef, Instance, MetricRead } from '../core/types.js';
import { untilAborted } from './abort.js';

/**
 * More `GetInstances` pages than any account has: Lightsail's default quota is about 20 instances
 * per region, and each page holds dozens. Past it, the listing is looping, not long.
 */
export const MAX_PAGES = 200;

/** `GetInstances` paging went wrong: a page token came back again, or the pages never ended. */
export class PagingError extends Error {
  override readonly name = 'PagingError';
}

/** The region asked for `GetRegions` when the home region cannot answer: one that always exists. */
export const REGIONS_FALLBACK = 'us-east-1';

export interface LightsailFleetOptions {
  /** The client for a region; the caller decides how clients are built and cached. */
  readonly clientFor: (region: string) => LightsailClient;
  /** Region whose endpoint answers `GetRegions` (any Lightsail region lists them all). */
  readonly homeRegion: string;
  /** The account the clients' credentials are in, when several are checked: its instances carry it. */
  readonly account?: AccountRef;
}

/**
 * Reduces a `GetInstances` entry to what the guard needs. A missing allowance stays NaN (never 0),
 * and a missing creation time an invalid date, which the core refuses to pro-rate from.
 */
export function toInstance(raw: LightsailInstance, region: string): Instance {
  return {
    name: raw.name ?? '',
    region: raw.location?.regionName ?? region,
    state: raw.state?.name ?? 'unknown',
    bundleId: raw.bundleId ?? '',
    createdAt: raw.createdAt ?? new Date(Number.NaN),
    allowanceGb: raw.networking?.monthlyTransfer?.gbPerMonthAllocated ?? Number.NaN,
    tags: Object.fromEntries((raw.tags ?? []).map((tag) => [tag.key ?? '', tag.value ?? ''])),
    ...(raw.isStaticIp === true && raw.publicIpAddress ? { staticIp: raw.publicIpAddress } : {}),
  };
}

/** Both ports over one set of clients: the guard's runs and the CLI's instance commands. */
export type LightsailFleet = Fleet & InstanceAdmin;

/**
 * The `Fleet` over Lightsail's API: one `GetInstances` per page, two metric reads per instance, no
 * other reads except `GetInstanceState` after a refused stop. Every call takes the run's signal.
 */
export function createLightsailFleet(options: LightsailFleetOptions): LightsailFleet {
  const { clientFor, homeRegion, account } = options;
  return {
    async listRegions(signal) {
      const ask = async (region: string): Promise<string[]> => {
        const answer = await untilAborted(
          clientFor(region).send(new GetRegionsCommand({}), { abortSignal: signal }),
          signal,
        );
        return (answer.regions ?? []).flatMap((each) => (each.name ? [each.name] : []));
      };
      try {
        return await ask(homeRegion);
      } catch (error) {
        // The home region is the first of REGIONS when set, and a mistyped one (us-east-9) has no
        // endpoint to answer: any Lightsail region lists them all, so ask the fallback once.
        if (homeRegion === REGIONS_FALLBACK || signal?.aborted) throw error;
        return await ask(REGIONS_FALLBACK).catch(() => {
          throw error;
        });
      }
    },

    async listInstances(region, signal) {
      // The JS SDK has no paginator for GetInstances: follow nextPageToken by hand, and refuse to
      // follow a token twice, so a service that answers the same page forever cannot hold the run.
      const client = clientFor(region);
      const instances: Instance[] = [];
      const seen = new Set<string>();
      let pageToken: string | undefined;
      for (let pages = 1; ; pages++) {
        const page = await untilAborted(
          client.send(new GetInstancesCommand(pageToken ? { pageToken } : {}), { abortSignal: signal }),
          signal,
        );
        for (const raw of page.instances ?? []) {
          const instance = toInstance(raw, region);
          instances.push(account === undefined ? instance : { ...instance, account });
        }
        pageToken = page.nextPageToken || undefined;
        if (pageToken === undefined) return instances;
        if (seen.has(pageToken)) {
          throw new PagingError(`GetInstances gave page ${pages} a page token it had already given`);
        }
        if (pages >= MAX_PAGES) throw new PagingError(`GetInstances did not end within ${MAX_PAGES} pages`);
        seen.add(pageToken);
      }
    },

    async readMetric(instance, metric, window, signal): Promise<MetricRead> {
      const answer = await untilAborted(
        clientFor(instance.region).send(
          new GetInstanceMetricDataCommand({
            instanceName: instance.name,
            metricName: metric,
            period: window.periodSeconds,
            startTime: window.start,
            endTime: window.end,
            unit: 'Bytes',
            // SampleCount rides along in the same call: it tells how far each bucket reaches
            // (core/coverage.ts), so the lag is measured rather than assumed.
            statistics: ['Sum', 'SampleCount'],
          }),
          { abortSignal: signal },
        ),
        signal,
      );
      if (answer.metricData === undefined) return { kind: 'absent' };
      // A datapoint without `sum` becomes NaN, which the core reads as unknown rather than 0; one
      // without `timestamp` still counts in the total, but cannot be placed in an hour. One without
      // `sampleCount` leaves the lag to be assumed.
      return {
        kind: 'datapoints',
        points: answer.metricData.map((point) => ({
          timestampMs: point.timestamp?.getTime() ?? Number.NaN,
          sum: point.sum ?? Number.NaN,
          ...(point.sampleCount !== undefined ? { samples: point.sampleCount } : {}),
        })),
      };
    },

    async stopInstance(instance, signal) {
      await untilAborted(
        clientFor(instance.region).send(new StopInstanceCommand({ instanceName: instance.name }), {
          abortSignal: signal,
        }),
        signal,
      );
    },

    async startInstance(instance, signal) {
      await untilAborted(
        clientFor(instance.region).send(new StartInstanceCommand({ instanceName: instance.name }), {
          abortSignal: signal,
        }),
        signal,
      );
    },

    async instanceState(instance, signal) {
      const answer = await untilAborted(
        clientFor(instance.region).send(new GetInstanceStateCommand({ instanceName: instance.name }), {
          abortSignal: signal,
        }),
        signal,
      );
      return answer.state?.name ?? 'unknown';
    },

    async tagInstance(instance, tags, signal) {
      await untilAborted(
        clientFor(instance.region).send(
          new TagResourceCommand({
            resourceName: instance.name,
            tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
          }),
          { abortSignal: signal },
        ),
        signal,
      );
    },

    async untagInstance(instance, keys, signal) {
      await untilAborted(
        clientFor(instance.region).send(
          new UntagResourceCommand({ resourceName: instance.name, tagKeys: [...keys] }),
          { abortSignal: signal },
        ),
        signal,
      );
    },
  };
}
