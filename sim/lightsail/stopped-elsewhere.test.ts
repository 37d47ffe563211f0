import {
  GetInstanceCommand,
  GetInstanceStateCommand,
  type LightsailClient,
  StopInstanceCommand,
} from '@aws-sdk/client-lightsail';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, rejectionOf } from './testing.js';

let sim: LightsailSimulator;
let client: LightsailClient;
beforeEach(async () => {
  sim = await startLightsailSimulator({
    instances: ['web-1', 'web-2'].map((name) => ({ name, region: 'us-east-1' })),
  });
  client = clientFor(sim);
});
afterEach(() => sim.close());

const stateOf = async (instanceName: string) =>
  (await client.send(new GetInstanceStateCommand({ instanceName }))).state;

describe('the stopped-elsewhere fault', () => {
  it('refuses the stop as for an instance that is stopping, and later reads report stopping', async () => {
    sim.injectFault({ kind: 'stopped-elsewhere' });

    const err = await rejectionOf(client.send(new StopInstanceCommand({ instanceName: 'web-1' })));
    const state = await stateOf('web-1');
    const { instance } = await client.send(new GetInstanceCommand({ instanceName: 'web-1' }));

    expect(err.name).toBe('InvalidInputException');
    expect(err.message).toContain("you can't stop instance web-1 while it is stopping");
    expect(state).toEqual({ code: 64, name: 'stopping' });
    expect(instance?.state).toEqual({ code: 64, name: 'stopping' });
    expect(sim.stats().faultsInjected).toBe(1);
  });

  it('with state stopped, refuses the stop and later reads report stopped', async () => {
    sim.injectFault({ kind: 'stopped-elsewhere', state: 'stopped' });

    const err = await rejectionOf(client.send(new StopInstanceCommand({ instanceName: 'web-1' })));

    expect(err.name).toBe('InvalidInputException');
    expect(err.message).toContain("you can't stop instance web-1 while it is stopped");
    expect(await stateOf('web-1')).toEqual({ code: 80, name: 'stopped' });
  });

  it('races only the stop of the named instance, as often as times says', async () => {
    sim.injectFault({ kind: 'stopped-elsewhere', instanceName: 'web-1', times: 1 });

    const before = await stateOf('web-1');
    await client.send(new StopInstanceCommand({ instanceName: 'web-2' }));
    const raced = await rejectionOf(client.send(new StopInstanceCommand({ instanceName: 'web-1' })));
    const forced = await client.send(new StopInstanceCommand({ instanceName: 'web-1', force: true }));

    expect(before).toEqual({ code: 16, name: 'running' });
    expect(sim.instance('us-east-1', 'web-2')?.state).toBe('stopped');
    expect(raced.name).toBe('InvalidInputException');
    expect(forced.operations?.[0]?.operationType).toBe('StopInstance');
    expect(sim.instance('us-east-1', 'web-1')?.state).toBe('stopped');
    expect(sim.stats().faultsInjected).toBe(1);
  });
});
