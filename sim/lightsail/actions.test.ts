import {
  GetInstanceCommand,
  GetInstanceStateCommand,
  GetInstancesCommand,
  StartInstanceCommand,
  StopInstanceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-lightsail';
import { afterEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, type SimInstanceSpec, startLightsailSimulator } from './index.js';
import { clientFor, rejectionOf, TEST_NOW } from './testing.js';

let sim: LightsailSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function withInstance(spec: Partial<SimInstanceSpec> = {}): Promise<LightsailSimulator> {
  sim = await startLightsailSimulator({
    now: () => TEST_NOW,
    instances: [{ name: 'web-1', region: 'eu-central-1', ...spec }],
  });
  return sim;
}

describe('StopInstance and StartInstance', () => {
  it('stops a running instance and reports a finished StopInstance operation', async () => {
    const s = await withInstance();
    const client = clientFor(s, 'eu-central-1');

    const { operations } = await client.send(new StopInstanceCommand({ instanceName: 'web-1' }));
    const { instance } = await client.send(new GetInstanceCommand({ instanceName: 'web-1' }));

    expect(operations).toEqual([
      expect.objectContaining({
        id: expect.any(String),
        resourceName: 'web-1',
        resourceType: 'Instance',
        operationType: 'StopInstance',
        status: 'Succeeded',
        createdAt: TEST_NOW,
        location: { availabilityZone: 'eu-central-1a', regionName: 'eu-central-1' },
      }),
    ]);
    expect(instance?.state).toEqual({ code: 80, name: 'stopped' });
    expect(s.instance('eu-central-1', 'web-1')?.state).toBe('stopped');
  });

  it('starts a stopped instance with a new dynamic public IP address', async () => {
    const s = await withInstance({ state: 'stopped' });
    const client = clientFor(s, 'eu-central-1');
    const before = await client.send(new GetInstanceCommand({ instanceName: 'web-1' }));

    const { operations } = await client.send(new StartInstanceCommand({ instanceName: 'web-1' }));
    const after = await client.send(new GetInstanceCommand({ instanceName: 'web-1' }));

    expect(operations?.[0]?.operationType).toBe('StartInstance');
    expect(after.instance?.state).toEqual({ code: 16, name: 'running' });
    expect(after.instance?.publicIpAddress).not.toBe(before.instance?.publicIpAddress);
  });

  it('refuses to stop an instance that is already stopped, and to start one that is running', async () => {
    const s = await withInstance({ state: 'stopped' });
    const client = clientFor(s, 'eu-central-1');

    const stop = await rejectionOf(client.send(new StopInstanceCommand({ instanceName: 'web-1' })));
    await client.send(new StartInstanceCommand({ instanceName: 'web-1' }));
    const start = await rejectionOf(client.send(new StartInstanceCommand({ instanceName: 'web-1' })));

    expect(stop.name).toBe('InvalidInputException');
    expect(start.name).toBe('InvalidInputException');
    expect(s.instance('eu-central-1', 'web-1')?.state).toBe('running');
  });

  it('stops an instance stuck in stopping only with force', async () => {
    const s = await withInstance({ state: 'stopping' });
    const client = clientFor(s, 'eu-central-1');

    const plain = await rejectionOf(client.send(new StopInstanceCommand({ instanceName: 'web-1' })));
    await client.send(new StopInstanceCommand({ instanceName: 'web-1', force: true }));

    expect(plain.name).toBe('InvalidInputException');
    expect(s.instance('eu-central-1', 'web-1')?.state).toBe('stopped');
  });

  it('answers NotFoundException for an instance of another region', async () => {
    const s = await withInstance();

    const err = await rejectionOf(
      clientFor(s, 'eu-west-1').send(new StopInstanceCommand({ instanceName: 'web-1' })),
    );

    expect(err.name).toBe('NotFoundException');
    expect(s.instance('eu-central-1', 'web-1')?.state).toBe('running');
  });
});

describe('GetInstanceState', () => {
  it.each([
    ['pending', 0],
    ['running', 16],
    ['stopping', 64],
    ['stopped', 80],
  ] as const)('answers a %s instance with state code %i', async (state, code) => {
    const s = await withInstance({ state });

    const out = await clientFor(s, 'eu-central-1').send(
      new GetInstanceStateCommand({ instanceName: 'web-1' }),
    );

    expect(out.state).toEqual({ code, name: state });
  });

  it('answers NotFoundException for an instance it does not have', async () => {
    const s = await withInstance();

    const err = await rejectionOf(
      clientFor(s, 'eu-central-1').send(new GetInstanceStateCommand({ instanceName: 'ghost' })),
    );

    expect(err.name).toBe('NotFoundException');
  });
});

describe('TagResource and UntagResource', () => {
  it('adds and overwrites tags, which come back on GetInstances, and removes them', async () => {
    const s = await withInstance({ tags: { team: 'ops', keep: 'me' } });
    const client = clientFor(s, 'eu-central-1');

    const tagged = await client.send(
      new TagResourceCommand({
        resourceName: 'web-1',
        tags: [
          { key: 'team', value: 'web' },
          { key: 'lightsail-guard:alerted', value: '2026-11:80' },
        ],
      }),
    );
    await client.send(new UntagResourceCommand({ resourceName: 'web-1', tagKeys: ['keep', 'never-set'] }));
    const { instances } = await client.send(new GetInstancesCommand({}));

    expect(tagged.operations?.[0]?.operationType).toBe('TagResource');
    expect(instances?.[0]?.tags).toEqual([
      { key: 'team', value: 'web' },
      { key: 'lightsail-guard:alerted', value: '2026-11:80' },
    ]);
    expect(s.instance('eu-central-1', 'web-1')?.tags).toEqual({
      team: 'web',
      'lightsail-guard:alerted': '2026-11:80',
    });
  });

  it('allows 50 tags and refuses a 51st without changing the tags', async () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const s = await withInstance({ tags: fifty });
    const client = clientFor(s, 'eu-central-1');

    await client.send(
      new TagResourceCommand({ resourceName: 'web-1', tags: [{ key: 'k0', value: 'overwritten' }] }),
    );
    const err = await rejectionOf(
      client.send(new TagResourceCommand({ resourceName: 'web-1', tags: [{ key: 'k50', value: 'v' }] })),
    );

    expect(err.name).toBe('InvalidInputException');
    expect(Object.keys(s.instance('eu-central-1', 'web-1')?.tags ?? {})).toHaveLength(50);
    expect(s.instance('eu-central-1', 'web-1')?.tags.k0).toBe('overwritten');
  });

  it.each([
    ['a 129-character key', { key: 'k'.repeat(129), value: 'v' }],
    ['a 257-character value', { key: 'k', value: 'v'.repeat(257) }],
    ['an empty key', { key: '', value: 'v' }],
  ])('refuses %s', async (_, tag) => {
    const s = await withInstance();

    const err = await rejectionOf(
      clientFor(s, 'eu-central-1').send(new TagResourceCommand({ resourceName: 'web-1', tags: [tag] })),
    );

    expect(err.name).toBe('InvalidInputException');
    expect(s.instance('eu-central-1', 'web-1')?.tags).toEqual({});
  });

  it('accepts a key of 128 and a value of 256 characters', async () => {
    const s = await withInstance();

    await clientFor(s, 'eu-central-1').send(
      new TagResourceCommand({
        resourceName: 'web-1',
        tags: [{ key: 'k'.repeat(128), value: 'v'.repeat(256) }],
      }),
    );

    expect(s.instance('eu-central-1', 'web-1')?.tags['k'.repeat(128)]).toHaveLength(256);
  });
});
