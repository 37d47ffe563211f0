import { afterEach, describe, expect, it } from 'vitest';
import { instanceAt, runInProcess, startWorld, type World } from './harness.js';

describe('BURST_MBPS against the Lightsail simulator', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  it('stops a 1 TB instance inside a 1 Gbps reserve, alerts why, and says so in --json', async () => {
    // The simulator's metrics arrive at once, and the guard measures that from their sample counts:
    // the reserve is what 1 Gbps moves in the 10 minutes to the next check, 75 GB (92.68% of 1 TB).
    world = await startWorld([
      instanceAt('near_1', 'us-east-1', 0.93),
      instanceAt('far_1', 'us-east-1', 0.7),
    ]);

    const run = await runInProcess(world, ['check', '--json'], { BURST_MBPS: '1000' });

    expect(run.code).toBe(0);
    expect(world.lightsail.instance('us-east-1', 'near_1')?.state).toBe('stopped');
    expect(world.lightsail.instance('us-east-1', 'far_1')?.state).toBe('running');
    const rows = (JSON.parse(run.stdout) as { instances: Record<string, unknown>[] }).instances;
    expect(rows.find((row) => row.name === 'near_1')).toMatchObject({
      action: 'stopped',
      reason: 'ahead',
      burst: true,
    });
    expect(rows.find((row) => row.name === 'far_1')?.burstStopPercent).toBeCloseTo(92.676, 3);
    expect(rows.find((row) => row.name === 'far_1')?.metrics).toMatchObject({
      source: 'measured',
      lagMinutes: 0,
    });
    expect(world.telegram.messages.map((message) => message.text).join('\n')).toContain(
      'A burst at 1.00 Gbps (BURST_MBPS) could pass 100% of the allowance within 10 minutes (10 to the next check, 0 of metric lag, measured)',
    );
  });

  it('leaves the same instance running without it', async () => {
    world = await startWorld([instanceAt('near_1', 'us-east-1', 0.93)]);

    const run = await runInProcess(world, ['check']);

    expect(run.code).toBe(0);
    expect(world.lightsail.instance('us-east-1', 'near_1')?.state).toBe('running');
  });

  it('refuses a reserve with stop ahead turned off before any call (exit 2)', async () => {
    world = await startWorld([instanceAt('near_1', 'us-east-1', 0.85)]);

    const run = await runInProcess(world, ['check'], { BURST_MBPS: '1000', STOP_AHEAD: 'false' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BURST_MBPS is a reserve kept by stop ahead');
    expect(world.lightsail.stats().calls).toEqual({});
  });
});
