import { GetInstancesCommand, GetRegionsCommand } from '@aws-sdk/client-lightsail';
import { afterEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, rejectionOf } from './testing.js';

let sim: LightsailSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('the SDK retry strategy against the simulator', () => {
  it('retries a throttled call and succeeds', async () => {
    sim = await startLightsailSimulator({ instances: [{ name: 'a', region: 'us-east-1' }] });
    sim.injectFault({ kind: 'throttle', times: 1 });

    const out = await clientFor(sim, 'us-east-1', { maxAttempts: 3 }).send(new GetInstancesCommand({}));

    expect(out.instances?.map((i) => i.name)).toEqual(['a']);
    expect(out.$metadata.attempts).toBe(2);
    expect(sim.stats()).toMatchObject({ calls: { GetInstances: 2 }, throttled: 1, faultsInjected: 1 });
  });

  it('retries a 500 ServiceException and succeeds', async () => {
    sim = await startLightsailSimulator();
    sim.injectFault({ kind: 'server-error', times: 2 });

    const out = await clientFor(sim, 'us-east-1', { maxAttempts: 3 }).send(new GetRegionsCommand({}));

    expect(out.$metadata.attempts).toBe(3);
    expect(out.regions).toHaveLength(15);
  });

  it('does not retry AccessDeniedException', async () => {
    sim = await startLightsailSimulator();
    sim.injectFault({ kind: 'access-denied', times: 1 });

    const err = await rejectionOf(
      clientFor(sim, 'us-east-1', { maxAttempts: 3 }).send(new GetRegionsCommand({})),
    );

    expect(err.name).toBe('AccessDeniedException');
    expect(err.$metadata?.attempts).toBe(1);
  });
});

describe('rate limiting', () => {
  it('throttles calls past the per-region burst with HTTP 400 ThrottlingException', async () => {
    sim = await startLightsailSimulator({ rateLimit: { perSecond: 1, burst: 2 } });
    const client = clientFor(sim, 'us-east-1');

    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => client.send(new GetRegionsCommand({}))),
    );
    const otherRegion = await clientFor(sim, 'eu-west-1').send(new GetRegionsCommand({}));

    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(rejected.map((e) => e.name)).toEqual(Array(3).fill('ThrottlingException'));
    expect(otherRegion.regions).toHaveLength(15);
    expect(sim.stats().throttled).toBe(3);
  });

  it('lets the SDK retry its way through the rate limit', async () => {
    sim = await startLightsailSimulator({ rateLimit: { perSecond: 20, burst: 1 } });
    const client = clientFor(sim, 'us-east-1', { maxAttempts: 10 });

    const results = await Promise.all(
      Array.from({ length: 3 }, () => client.send(new GetRegionsCommand({}))),
    );

    expect(results.every((r) => r.regions?.length === 15)).toBe(true);
    expect(Math.max(...results.map((r) => r.$metadata.attempts ?? 0))).toBeGreaterThan(1);
    expect(sim.stats().throttled).toBeGreaterThan(0);
  });
});
