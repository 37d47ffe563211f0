import { LightsailClient } from '@aws-sdk/client-lightsail';
import type { LightsailSimulator } from '../../sim/lightsail/index.js';
import { createLightsailFleet, type LightsailFleet } from '../../src/lightsail/fleet.js';

/** The real fleet adapter and SDK client over a running simulator, with obviously fake credentials. */
export function simulatorFleet(sim: LightsailSimulator): LightsailFleet {
  const endpoint = sim.endpoint;
  return createLightsailFleet({
    clientFor: (region) =>
      new LightsailClient({
        region,
        endpoint,
        credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'x' },
      }),
    homeRegion: 'us-east-1',
  });
}
