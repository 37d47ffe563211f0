import { GetInstanceCommand, GetInstancesCommand, GetRegionsCommand } from '@aws-sdk/client-lightsail';
import { afterEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, rejectionOf } from './testing.js';

let sim: LightsailSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('latency', () => {
  it('delays every answer by latencyMs, errors included', async () => {
    sim = await startLightsailSimulator({ latencyMs: 200 });
    const client = clientFor(sim);

    const t0 = performance.now();
    await client.send(new GetRegionsCommand({}));
    const t1 = performance.now();
    await rejectionOf(client.send(new GetInstanceCommand({ instanceName: 'ghost' })));
    const t2 = performance.now();

    expect(t1 - t0).toBeGreaterThanOrEqual(195);
    expect(t2 - t1).toBeGreaterThanOrEqual(195);
  });

  it('asks a latency function with the region and operation of each call', async () => {
    const asked: string[] = [];
    sim = await startLightsailSimulator({
      latencyMs: (region, op) => {
        asked.push(`${region} ${op}`);
        return region === 'ap-southeast-2' ? 250 : 0;
      },
    });

    const t0 = performance.now();
    await clientFor(sim, 'ap-southeast-2').send(new GetInstancesCommand({}));
    const elapsed = performance.now() - t0;
    await clientFor(sim, 'us-east-2').send(new GetRegionsCommand({}));

    expect(elapsed).toBeGreaterThanOrEqual(245);
    expect(asked).toEqual(['ap-southeast-2 GetInstances', 'us-east-2 GetRegions']);
  });
});

describe('stats', () => {
  it('counts calls per operation and per region, and the total', async () => {
    sim = await startLightsailSimulator({ instances: [{ name: 'a', region: 'eu-west-3' }] });

    await clientFor(sim, 'eu-west-3').send(new GetInstancesCommand({}));
    await clientFor(sim, 'eu-west-3').send(new GetInstanceCommand({ instanceName: 'a' }));
    await clientFor(sim, 'eu-north-1').send(new GetInstancesCommand({}));

    expect(sim.stats()).toEqual({
      calls: { GetInstances: 2, GetInstance: 1 },
      callsByRegion: { 'eu-west-3': 2, 'eu-north-1': 1 },
      total: 3,
      peakInFlight: 1,
      throttled: 0,
      faultsInjected: 0,
    });
  });

  it('records the peak of concurrent requests, injected latency included', async () => {
    sim = await startLightsailSimulator({ latencyMs: 300 });
    const client = clientFor(sim);

    await Promise.all(Array.from({ length: 8 }, () => client.send(new GetRegionsCommand({}))));

    expect(sim.stats().peakInFlight).toBe(8);
    expect(sim.stats().total).toBe(8);
  });

  it('starts counting afresh after resetStats', async () => {
    sim = await startLightsailSimulator();
    await clientFor(sim).send(new GetRegionsCommand({}));

    sim.resetStats();
    await clientFor(sim).send(new GetInstancesCommand({}));

    expect(sim.stats()).toMatchObject({ calls: { GetInstances: 1 }, total: 1 });
  });
});
