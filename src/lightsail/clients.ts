import { LightsailClient } from '@aws-sdk/client-lightsail';

export interface LightsailClientSettings {
  /** Attempts per call, including the first; the SDK retries throttling and 5xx. */
  readonly maxAttempts: number;
}

/**
 * One client per region, built on first use and reused so that connections and the adaptive
 * retry mode's per-client rate limiter are shared by every call to that region. Endpoints stay
 * the SDK's own, so `AWS_ENDPOINT_URL_LIGHTSAIL` points every region at a compatible endpoint.
 */
export function lightsailClientFactory(
  settings: LightsailClientSettings,
): (region: string) => LightsailClient {
  const clients = new Map<string, LightsailClient>();
  return (region) => {
    let client = clients.get(region);
    if (client === undefined) {
      client = new LightsailClient({ region, maxAttempts: settings.maxAttempts, retryMode: 'adaptive' });
      clients.set(region, client);
    }
    return client;
  };
}
