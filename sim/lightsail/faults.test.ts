import { GetInstancesCommand, type LightsailClient, StopInstanceCommand } from '@aws-sdk/client-lightsail';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, metricQuery, rejectionOf, TEST_NOW } from './testing.js';

let sim: LightsailSimulator;
let client: LightsailClient;
beforeEach(async () => {
  sim = await startLightsailSimulator({
    now: () => TEST_NOW,
    instances: ['web-1', 'web-2'].map((name) => ({
      name,
      region: 'us-east-1',
      traffic: { inBytes: 1e9, outBytes: 1e9 },
    })),
  });
  client = clientFor(sim);
});
afterEach(() => sim.close());

const metricOf = (instanceName: string) => metricQuery({ instanceName });

describe('injected faults', () => {
  it.each([
    ['throttle', 'ThrottlingException', 400],
    ['server-error', 'ServiceException', 500],
    ['access-denied', 'AccessDeniedException', 403],
  ] as const)('answers a %s fault with %s (HTTP %i) as err.name', async (kind, name, status) => {
    sim.injectFault({ kind });

    const err = await rejectionOf(client.send(new GetInstancesCommand({})));

    expect(err.name).toBe(name);
    expect(err.$metadata?.httpStatusCode).toBe(status);
    expect(sim.stats().faultsInjected).toBe(1);
  });

  it('answers an empty-metric fault with 200 and an empty metricData', async () => {
    sim.injectFault({ kind: 'empty-metric' });

    const out = await client.send(metricOf('web-1'));

    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.metricData).toEqual([]);
  });

  it('answers an absent-metric fault with 200 and no metricData member at all', async () => {
    sim.injectFault({ kind: 'absent-metric' });

    const out = await client.send(metricOf('web-1'));

    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.metricName).toBe('NetworkOut');
    expect(out).not.toHaveProperty('metricData');
  });

  it('applies a fault only to the named instance', async () => {
    sim.injectFault({ kind: 'empty-metric', instanceName: 'web-2' });
    sim.injectFault({ kind: 'access-denied', instanceName: 'web-2', op: 'StopInstance' });

    const one = await client.send(metricOf('web-1'));
    const two = await client.send(metricOf('web-2'));
    await client.send(new StopInstanceCommand({ instanceName: 'web-1' }));
    const denied = await rejectionOf(client.send(new StopInstanceCommand({ instanceName: 'web-2' })));

    expect(one.metricData).toHaveLength(27);
    expect(two.metricData).toEqual([]);
    expect(denied.name).toBe('AccessDeniedException');
    expect(sim.instance('us-east-1', 'web-2')?.state).toBe('running');
  });

  it('applies a fault only to the named operation and region', async () => {
    sim.injectFault({ kind: 'server-error', op: 'StopInstance' });
    sim.injectFault({ kind: 'throttle', region: 'eu-west-1' });

    const listed = await client.send(new GetInstancesCommand({}));
    const elsewhere = await rejectionOf(clientFor(sim, 'eu-west-1').send(new GetInstancesCommand({})));
    const stop = await rejectionOf(client.send(new StopInstanceCommand({ instanceName: 'web-1' })));

    expect(listed.instances).toHaveLength(2);
    expect(elsewhere.name).toBe('ThrottlingException');
    expect(stop.name).toBe('ServiceException');
  });

  it('counts times down and then answers normally', async () => {
    sim.injectFault({ kind: 'server-error', times: 2 });

    const first = await rejectionOf(client.send(new GetInstancesCommand({})));
    const second = await rejectionOf(client.send(new GetInstancesCommand({})));
    const third = await client.send(new GetInstancesCommand({}));

    expect([first.name, second.name]).toEqual(['ServiceException', 'ServiceException']);
    expect(third.instances).toHaveLength(2);
    expect(sim.stats().faultsInjected).toBe(2);
  });

  it('does not spend a metric fault on other operations', async () => {
    sim.injectFault({ kind: 'absent-metric', times: 1 });

    await client.send(new GetInstancesCommand({}));
    const first = await client.send(metricOf('web-1'));
    const second = await client.send(metricOf('web-1'));

    expect(first.metricData).toBeUndefined();
    expect(second.metricData).toHaveLength(27);
  });

  it('stops every fault on clearFaults', async () => {
    sim.injectFault({ kind: 'access-denied' });
    sim.injectFault({ kind: 'empty-metric' });

    sim.clearFaults();
    const listed = await client.send(new GetInstancesCommand({}));
    const metric = await client.send(metricOf('web-1'));

    expect(listed.instances).toHaveLength(2);
    expect(metric.metricData).toHaveLength(27);
  });
});
