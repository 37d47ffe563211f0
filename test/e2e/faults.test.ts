import { afterEach, describe, expect, it } from 'vitest';
import { instanceAt, runInProcess, startWorld, type World } from './harness.js';

describe('check when Lightsail misbehaves', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('ends within --timeout when one region’s metric reads hang, announcing the healthy region’s stop', async () => {
    world = await startWorld([
      instanceAt('stuck_1', 'ap-south-1', 0.5),
      instanceAt('stuck_2', 'ap-south-1', 0.2),
      instanceAt('hot_1', 'eu-west-2', 0.99),
    ]);
    world.lightsail.injectFault({ kind: 'hang', op: 'GetInstanceMetricData', region: 'ap-south-1' });
    const started = Date.now();

    const run = await runInProcess(world, ['check', '--timeout', '4']);

    expect(Date.now() - started).toBeLessThan(4_000);
    expect(run.code).toBe(1);
    expect(world.lightsail.instance('eu-west-2', 'hot_1')?.state).toBe('stopped');
    const alert = world.telegram.messages.map((message) => message.text).join('\n');
    expect(alert).toContain('<b>Stopped</b> <code>hot_1</code> in eu-west-2');
    expect(alert).toContain('<b>Usage unknown</b> <code>stuck_1</code>');
    expect(alert).toContain('<b>Usage unknown</b> <code>stuck_2</code>');
    expect(run.stdout).toContain(
      "stuck_1 (ap-south-1): usage unknown: NetworkIn and NetworkOut: no answer before the run's 4 s deadline",
    );
    expect(world.lightsail.instance('eu-west-2', 'hot_1')?.tags['lightsail-guard:stop-unsent']).toBe('');
  });

  it('names a region whose GetInstances repeats its page token, instead of following it forever', async () => {
    world = await startWorld([
      instanceAt('web_1', 'ap-south-1', 0.5),
      instanceAt('web_2', 'eu-west-2', 0.99),
    ]);
    world.lightsail.injectFault({ kind: 'loop-page-token', region: 'ap-south-1' });

    const run = await runInProcess(world, ['check']);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'ap-south-1: could not list instances: PagingError: GetInstances gave page 2 a page token it had already given',
    );
    expect(world.lightsail.stats().calls.GetInstances).toBeLessThan(10);
    expect(world.lightsail.instance('eu-west-2', 'web_2')?.state).toBe('stopped');
    expect(world.telegram.messages[0]?.text).toContain('<b>Region not checked</b> ap-south-1');
  });

  it('counts a refused stop of an instance its owner just stopped as a stop, and says it was already stopping', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.99)]);
    world.lightsail.injectFault({ kind: 'stopped-elsewhere', instanceName: 'web_1' });

    const run = await runInProcess(world, ['check']);

    expect(run.code).toBe(0);
    expect(world.lightsail.stats().calls.GetInstanceState).toBe(1);
    const alert = world.telegram.messages[0]?.text ?? '';
    expect(alert).toContain('<b>Stopped</b> <code>web_1</code>');
    expect(alert).toContain('It was already stopping');
    expect(alert).not.toContain('STOP FAILED');
  });
});
