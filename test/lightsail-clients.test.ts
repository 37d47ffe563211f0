import { GetRegionsCommand } from '@aws-sdk/client-lightsail';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from '../sim/lightsail/index.js';
import { lightsailClientFactory } from '../src/lightsail/clients.js';

describe('lightsailClientFactory', () => {
  let sim: LightsailSimulator;
  let saved: NodeJS.ProcessEnv;
  beforeEach(async () => {
    saved = { ...process.env };
    sim = await startLightsailSimulator({ regions: ['us-east-1'], latencyMs: 1_000 });
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_LIGHTSAIL: sim.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDTESTNOTREAL',
      AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
    });
  });
  afterEach(async () => {
    process.env = saved;
    await sim.close();
  });

  it('gives up on a request that hangs instead of holding the run, after retrying it', async () => {
    const clientFor = lightsailClientFactory({ maxAttempts: 2, requestTimeoutMs: 100 });

    const call = clientFor('us-east-1').send(new GetRegionsCommand({}));

    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim.stats().calls.GetRegions).toBe(2);
  });

  it('builds one client per region and reuses it', () => {
    const clientFor = lightsailClientFactory({ maxAttempts: 2 });

    expect(clientFor('us-east-1')).toBe(clientFor('us-east-1'));
    expect(clientFor('eu-west-2')).not.toBe(clientFor('us-east-1'));
  });
});
