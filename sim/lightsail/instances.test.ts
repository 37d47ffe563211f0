import { GetInstanceCommand, GetInstancesCommand, GetRegionsCommand } from '@aws-sdk/client-lightsail';
import { afterEach, describe, expect, it } from 'vitest';
import { LIGHTSAIL_REGIONS, type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, rejectionOf, TEST_NOW } from './testing.js';

let sim: LightsailSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
}

describe('GetInstances', () => {
  it('pages 60 instances as 25, 25 and 10 with opaque tokens, the last page without nextPageToken', async () => {
    sim = await startLightsailSimulator({
      now: () => TEST_NOW,
      instances: names('web', 60).map((name) => ({ name, region: 'us-east-1' })),
    });
    const client = clientFor(sim);

    const pages = [];
    let pageToken: string | undefined;
    do {
      const page = await client.send(new GetInstancesCommand({ pageToken }));
      pages.push(page);
      pageToken = page.nextPageToken;
    } while (pageToken);

    expect(pages.map((p) => p.instances?.length)).toEqual([25, 25, 10]);
    expect(pages.flatMap((p) => p.instances?.map((i) => i.name))).toEqual(names('web', 60));
    expect(pages[0]?.nextPageToken).not.toMatch(/25/);
    expect(pages[2]?.nextPageToken).toBeUndefined();
  });

  it('honours the pageSize option', async () => {
    sim = await startLightsailSimulator({
      pageSize: 7,
      instances: names('db', 8).map((name) => ({ name, region: 'us-east-1' })),
    });

    const first = await clientFor(sim).send(new GetInstancesCommand({}));

    expect(first.instances).toHaveLength(7);
    expect(first.nextPageToken).toEqual(expect.any(String));
  });

  it('answers only the instances of the region in the credential scope', async () => {
    sim = await startLightsailSimulator({
      instances: [
        { name: 'virginia', region: 'us-east-1' },
        { name: 'dublin-1', region: 'eu-west-1' },
        { name: 'dublin-2', region: 'eu-west-1' },
      ],
    });

    const dublin = await clientFor(sim, 'eu-west-1').send(new GetInstancesCommand({}));
    const virginia = await clientFor(sim, 'us-east-1').send(new GetInstancesCommand({}));
    const missing = await rejectionOf(
      clientFor(sim, 'eu-west-1').send(new GetInstanceCommand({ instanceName: 'virginia' })),
    );

    expect(dublin.instances?.map((i) => [i.name, i.location?.regionName])).toEqual([
      ['dublin-1', 'eu-west-1'],
      ['dublin-2', 'eu-west-1'],
    ]);
    expect(virginia.instances?.map((i) => i.name)).toEqual(['virginia']);
    expect(missing.name).toBe('NotFoundException');
    expect(missing.$metadata?.httpStatusCode).toBe(404);
  });

  it('refuses a page token it did not issue, or one issued for another region', async () => {
    sim = await startLightsailSimulator({
      pageSize: 1,
      instances: [
        { name: 'a', region: 'us-east-1' },
        { name: 'b', region: 'us-east-1' },
      ],
    });
    const { nextPageToken } = await clientFor(sim).send(new GetInstancesCommand({}));

    const forged = await rejectionOf(
      clientFor(sim).send(new GetInstancesCommand({ pageToken: 'bm90LWEtdG9rZW4' })),
    );
    const foreign = await rejectionOf(
      clientFor(sim, 'eu-west-1').send(new GetInstancesCommand({ pageToken: nextPageToken })),
    );

    expect(forged.name).toBe('InvalidInputException');
    expect(foreign.name).toBe('InvalidInputException');
  });

  it('shapes an instance as the service model does, with the allowance, state code and tags', async () => {
    const createdAt = new Date('2026-03-04T05:06:07Z');
    sim = await startLightsailSimulator({
      instances: [
        {
          name: 'shop',
          region: 'ap-south-1',
          state: 'stopped',
          bundleId: 'micro_3_0',
          gbPerMonthAllocated: 1536,
          createdAt,
          tags: { env: 'prod' },
        },
      ],
    });

    const { instance } = await clientFor(sim, 'ap-south-1').send(
      new GetInstanceCommand({ instanceName: 'shop' }),
    );

    expect(instance).toMatchObject({
      name: 'shop',
      arn: expect.stringMatching(/^arn:aws:lightsail:ap-south-1:\d{12}:Instance\//),
      supportCode: expect.any(String),
      createdAt,
      location: { availabilityZone: 'ap-south-1a', regionName: 'ap-south-1' },
      resourceType: 'Instance',
      tags: [{ key: 'env', value: 'prod' }],
      blueprintId: expect.any(String),
      bundleId: 'micro_3_0',
      isStaticIp: false,
      privateIpAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      publicIpAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      hardware: { cpuCount: 2, ramSizeInGb: 1 },
      networking: { monthlyTransfer: { gbPerMonthAllocated: 1536 }, ports: [] },
      state: { code: 80, name: 'stopped' },
    });
  });

  it('defaults an instance to running, nano_3_0, 1024 GB and created 90 days before now', async () => {
    sim = await startLightsailSimulator({
      now: () => TEST_NOW,
      instances: [{ name: 'x', region: 'us-east-1' }],
    });

    const { instance } = await clientFor(sim).send(new GetInstanceCommand({ instanceName: 'x' }));

    expect(instance?.state).toEqual({ code: 16, name: 'running' });
    expect(instance?.bundleId).toBe('nano_3_0');
    expect(instance?.networking?.monthlyTransfer?.gbPerMonthAllocated).toBe(1024);
    expect(instance?.createdAt).toEqual(new Date(TEST_NOW.getTime() - 90 * 86_400_000));
  });

  it('refuses a second instance of the same name in a region, and an unsimulated region', async () => {
    sim = await startLightsailSimulator({
      regions: ['us-east-1'],
      instances: [{ name: 'a', region: 'us-east-1' }],
    });
    const running = sim;

    expect(() => running.addInstance({ name: 'a', region: 'us-east-1' })).toThrow(/already exists/);
    expect(() => running.addInstance({ name: 'a', region: 'eu-west-1' })).toThrow(/not simulated/);
  });
});

describe('GetRegions', () => {
  it('lists the real Lightsail regions, without zones unless asked', async () => {
    sim = await startLightsailSimulator();
    const client = clientFor(sim);

    const plain = await client.send(new GetRegionsCommand({}));
    const zoned = await client.send(new GetRegionsCommand({ includeAvailabilityZones: true }));

    expect(plain.regions?.map((r) => r.name)).toEqual([...LIGHTSAIL_REGIONS]);
    expect(LIGHTSAIL_REGIONS).toHaveLength(15);
    expect(plain.regions?.find((r) => r.name === 'eu-west-2')).toMatchObject({
      displayName: 'London',
      continentCode: 'EU',
      description: expect.any(String),
      availabilityZones: [],
    });
    expect(zoned.regions?.[0]?.availabilityZones?.[0]).toEqual({
      zoneName: 'us-east-1a',
      state: 'available',
    });
  });

  it('lists only the configured regions', async () => {
    sim = await startLightsailSimulator({ regions: ['eu-north-1', 'ca-central-1'] });

    const { regions } = await clientFor(sim, 'eu-north-1').send(new GetRegionsCommand({}));

    expect(regions?.map((r) => r.name)).toEqual(['eu-north-1', 'ca-central-1']);
  });
});

describe('requests the service would not answer', () => {
  it('refuses every call signed for a region outside the simulated ones, without SDK retries', async () => {
    sim = await startLightsailSimulator({ regions: ['us-east-1'] });

    const err = await rejectionOf(
      clientFor(sim, 'sa-east-1', { maxAttempts: 3 }).send(new GetRegionsCommand({})),
    );

    expect(err.name).toBe('UnrecognizedClientException');
    expect(err.$metadata?.httpStatusCode).toBe(403);
    expect(err.$metadata?.attempts).toBe(1);
    expect(sim.stats().callsByRegion).toEqual({ 'sa-east-1': 1 });
  });

  it('answers an unknown operation with HTTP 400 UnknownOperationException', async () => {
    sim = await startLightsailSimulator();

    const res = await fetch(sim.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Lightsail_20161128.LaunchRockets',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDFAKE/20261127/us-east-1/lightsail/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
    });

    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
