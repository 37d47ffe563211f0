import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetInstanceStateCommand,
  GetInstancesCommand,
  type LightsailClient,
  StopInstanceCommand,
} from '@aws-sdk/client-lightsail';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, rejectionOf } from './testing.js';

let sim: LightsailSimulator;
let open: LightsailSimulator | undefined;
let client: LightsailClient;
let child: ChildProcess | undefined;
beforeEach(async () => {
  sim = await startLightsailSimulator({
    instances: ['web-1', 'web-2'].map((name) => ({ name, region: 'us-east-1' })),
  });
  open = sim;
  client = clientFor(sim);
});
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await open?.close();
});

const stop = (instanceName: string, signal?: AbortSignal) =>
  client.send(new StopInstanceCommand({ instanceName }), signal ? { abortSignal: signal } : {});
const stateOf = (instanceName: string) => sim.instance('us-east-1', instanceName)?.state;
/** Long enough for the simulator to act on a release: it waits one turn of its event loop. */
const afterRelease = () => sleep(100);

/** A separate Node process that sends one StopInstance to the simulator, like the guard's CLI. */
function stopFromChildProcess(endpoint: string, instanceName: string): ChildProcess {
  const script = `
    import { LightsailClient, StopInstanceCommand } from '@aws-sdk/client-lightsail';
    const client = new LightsailClient({
      region: 'us-east-1', endpoint: ${JSON.stringify(endpoint)}, maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
    });
    await client.send(new StopInstanceCommand({ instanceName: ${JSON.stringify(instanceName)} }));`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
}

describe('pause gates', () => {
  it('holds a matching StopInstance unapplied until release, then applies and answers it', async () => {
    const pause = sim.pause({ op: 'StopInstance' });

    const pending = stop('web-1');
    const arrived = await pause.arrived;
    const stateWhileHeld = stateOf('web-1');
    const listedWhileHeld = await client.send(new GetInstancesCommand({}));
    pause.release();
    const answered = await pending;
    const later = await stop('web-2');

    expect(arrived).toEqual({ op: 'StopInstance', region: 'us-east-1', instanceName: 'web-1' });
    expect(stateWhileHeld).toBe('running');
    expect(listedWhileHeld.instances).toHaveLength(2);
    expect(answered.operations?.[0]?.resourceName).toBe('web-1');
    expect(stateOf('web-1')).toBe('stopped');
    expect(later.operations?.[0]?.resourceName).toBe('web-2');
  });

  it('never applies a held request whose client went away before release', async () => {
    const pause = sim.pause({ op: 'StopInstance', instanceName: 'web-1' });
    const abort = new AbortController();

    const pending = rejectionOf(stop('web-1', abort.signal));
    await pause.arrived;
    abort.abort();
    const err = await pending;
    pause.release();
    await afterRelease();

    expect(err.name).toBe('AbortError');
    expect(stateOf('web-1')).toBe('running');
  });

  it('never applies the StopInstance of a client process killed with SIGKILL while it was held', async () => {
    const pause = sim.pause({ op: 'StopInstance' });
    child = stopFromChildProcess(sim.endpoint, 'web-1');

    const arrived = await pause.arrived;
    child.kill('SIGKILL');
    await once(child, 'exit');
    pause.release();
    await afterRelease();

    expect(arrived.instanceName).toBe('web-1');
    expect(stateOf('web-1')).toBe('running');
    expect(sim.stats().calls.StopInstance).toBe(1);
  });

  it('with applyFirst, stops the instance before holding the answer, so the client can miss it', async () => {
    const pause = sim.pause({ op: 'StopInstance', applyFirst: true });
    const abort = new AbortController();

    const pending = rejectionOf(stop('web-1', abort.signal));
    await pause.arrived;
    const stateWhileHeld = stateOf('web-1');
    abort.abort();
    const err = await pending;
    pause.release();
    await afterRelease();

    expect(stateWhileHeld).toBe('stopped');
    expect(err.name).toBe('AbortError');
    expect(stateOf('web-1')).toBe('stopped');
  });

  it('holds only as many matching requests as times says', async () => {
    const pause = sim.pause({ op: 'GetInstanceState', times: 1 });
    const read = () => client.send(new GetInstanceStateCommand({ instanceName: 'web-1' }));

    let firstAnswered = false;
    const first = read().then((out) => {
      firstAnswered = true;
      return out;
    });
    await pause.arrived;
    const second = await read();
    const heldAfterSecond = !firstAnswered;
    pause.release();

    expect(second.state?.name).toBe('running');
    expect(heldAfterSecond).toBe(true);
    expect((await first).state?.name).toBe('running');
  });

  it('drops held requests on close without waiting, and fails an arrived that never came', async () => {
    const holding = sim.pause({ op: 'GetInstances' });
    const idle = sim.pause({ op: 'StartInstance' });
    const pending = client.send(new GetInstancesCommand({})).catch((e: unknown) => e);
    await holding.arrived;

    const t0 = performance.now();
    open = undefined;
    await sim.close();
    const closing = performance.now() - t0;

    expect(closing).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
    await expect(idle.arrived).rejects.toThrow(/closed before a request reached the pause/);
  });
});
