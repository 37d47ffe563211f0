import { GetInstancesCommand, type LightsailClient, StopInstanceCommand } from '@aws-sdk/client-lightsail';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, rejectionOf, until } from './testing.js';

let sim: LightsailSimulator;
let open: LightsailSimulator | undefined;
let client: LightsailClient;
beforeEach(async () => {
  sim = await startLightsailSimulator({
    instances: ['web-1', 'web-2'].map((name) => ({ name, region: 'us-east-1' })),
  });
  open = sim;
  client = clientFor(sim);
});
afterEach(() => open?.close());

describe('the hang fault', () => {
  it('leaves the request unanswered until the client gives up', async () => {
    sim.injectFault({ kind: 'hang' });

    const t0 = performance.now();
    const err = await rejectionOf(
      client.send(new GetInstancesCommand({}), { abortSignal: AbortSignal.timeout(300) }),
    );
    const waited = performance.now() - t0;

    expect(err.name).toBe('AbortError');
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(sim.stats()).toMatchObject({ calls: { GetInstances: 1 }, faultsInjected: 1 });
  });

  it('hangs only the matching requests, never applies them, and answers again once times is spent', async () => {
    sim.injectFault({ kind: 'hang', op: 'StopInstance', instanceName: 'web-1', times: 1 });
    const stop = (instanceName: string) =>
      client.send(new StopInstanceCommand({ instanceName }), { abortSignal: AbortSignal.timeout(300) });

    const hung = await rejectionOf(stop('web-1'));
    const stateAfterHang = sim.instance('us-east-1', 'web-1')?.state;
    const other = await stop('web-2');
    const listed = await client.send(new GetInstancesCommand({}));
    const retried = await stop('web-1');

    expect(hung.name).toBe('AbortError');
    expect(stateAfterHang).toBe('running');
    expect(other.operations?.[0]?.operationType).toBe('StopInstance');
    expect(listed.instances).toHaveLength(2);
    expect(retried.operations?.[0]?.resourceName).toBe('web-1');
    expect(sim.stats().faultsInjected).toBe(1);
  });

  it('does not keep close() waiting, and the client sees its connection drop', async () => {
    sim.injectFault({ kind: 'hang' });
    const pending = client.send(new GetInstancesCommand({})).catch((e: unknown) => e);
    await until(() => sim.stats().total === 1);

    const t0 = performance.now();
    open = undefined;
    await sim.close();
    const closing = performance.now() - t0;

    expect(closing).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
