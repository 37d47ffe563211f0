import { GetRegionsCommand } from '@aws-sdk/client-lightsail';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from '../sim/lightsail/index.js';
import type { AwsSettings } from '../src/aws-settings.js';
import { lightsailClientFactory } from '../src/lightsail/clients.js';

describe('lightsailClientFactory', () => {
  let sim: LightsailSimulator;
  let aws: AwsSettings;
  beforeEach(async () => {
    sim = await startLightsailSimulator({ regions: ['us-east-1'], latencyMs: 1_000 });
    aws = {
      credentials: { accessKeyId: 'AKIDTESTNOTREAL', secretAccessKey: 'test-secret-not-real' },
      endpoints: { lightsail: sim.endpoint },
    };
  });
  afterEach(async () => {
    await sim.close();
  });

  it('gives up on a request that hangs instead of holding the run, after retrying it', async () => {
    const clientFor = lightsailClientFactory({ maxAttempts: 2, requestTimeoutMs: 100, aws });

    const call = clientFor('us-east-1').send(new GetRegionsCommand({}));

    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim.stats().calls.GetRegions).toBe(2);
  });

  it('builds one client per region and reuses it', () => {
    const clientFor = lightsailClientFactory({ maxAttempts: 2, aws });

    expect(clientFor('us-east-1')).toBe(clientFor('us-east-1'));
    expect(clientFor('eu-west-2')).not.toBe(clientFor('us-east-1'));
  });
});
