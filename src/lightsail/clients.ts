import { setTimeout as sleep } from 'node:timers/promises';
import { LightsailClient } from '@aws-sdk/client-lightsail';
import { type AwsSettings, clientOptions } from '../aws-settings.js';
import { type Pace, pacer } from './pacing.js';

/** Attempts per call, including the first. Chosen in BENCHMARKS.md: room for harder throttling than modelled. */
export const DEFAULT_MAX_ATTEMPTS = 8;

export interface LightsailClientSettings {
  /** Attempts per call, including the first; the SDK retries throttling and 5xx. */
  readonly maxAttempts: number;
  /** Requests per second per region, retries included; `undefined`: as fast as concurrency allows. */
  readonly pace?: Pace;
  /** One attempt's limit; a request that hangs is retried instead of holding the run. Default 20 s. */
  readonly requestTimeoutMs?: number;
  /** Credentials and endpoint given explicitly; unset, the SDK's own (the region is each client's). */
  readonly aws?: AwsSettings;
}

/**
 * One client per region, built on first use and reused so that connections and the adaptive
 * retry mode's per-client rate limiter are shared by every call to that region. Endpoints stay
 * the SDK's own unless `aws` names one, so `AWS_ENDPOINT_URL_LIGHTSAIL` points every region at a
 * compatible endpoint.
 */
export function lightsailClientFactory(
  settings: LightsailClientSettings,
): (region: string) => LightsailClient {
  const clients = new Map<string, LightsailClient>();
  return (region) => {
    let client = clients.get(region);
    if (client === undefined) {
      client = new LightsailClient({
        ...clientOptions(settings.aws ?? {}, 'lightsail'),
        region,
        maxAttempts: settings.maxAttempts,
        retryMode: 'adaptive',
        // The SDK's defaults wait forever; a hung request would hold a scheduled run until its timeout.
        requestHandler: {
          connectionTimeout: 5_000,
          requestTimeout: settings.requestTimeoutMs ?? 20_000,
          throwOnRequestTimeout: true,
        },
      });
      if (settings.pace !== undefined) {
        const slot = pacer(settings.pace);
        client.middlewareStack.add(
          (next) => async (args) => {
            const wait = slot();
            if (wait > 0) await sleep(wait);
            return next(args);
          },
          // After the retry middleware: each attempt is paced, not each command.
          { step: 'finalizeRequest', priority: 'low', name: 'lightsailGuardPace' },
        );
      }
      clients.set(region, client);
    }
    return client;
  };
}
