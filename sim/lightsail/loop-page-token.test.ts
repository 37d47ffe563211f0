import {
  GetInstanceCommand,
  GetInstancesCommand,
  type GetInstancesCommandOutput,
} from '@aws-sdk/client-lightsail';
import { afterEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor } from './testing.js';

let sim: LightsailSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Follows nextPageToken for at most `limit` pages, as a careful client would. */
async function follow(s: LightsailSimulator, region: string, limit: number) {
  const pages: GetInstancesCommandOutput[] = [];
  const sent: (string | undefined)[] = [];
  let pageToken: string | undefined;
  do {
    sent.push(pageToken);
    const page = await clientFor(s, region).send(new GetInstancesCommand({ pageToken }));
    pages.push(page);
    pageToken = page.nextPageToken;
  } while (pageToken && pages.length < limit);
  return { pages, sent, names: pages.map((p) => p.instances?.map((i) => i.name)) };
}

describe('the loop-page-token fault', () => {
  it('answers every page with the token it was sent, so following nextPageToken never ends', async () => {
    sim = await startLightsailSimulator({
      pageSize: 2,
      instances: ['a', 'b', 'c'].map((name) => ({ name, region: 'us-east-1' })),
    });
    sim.injectFault({ kind: 'loop-page-token' });

    const { pages, sent, names } = await follow(sim, 'us-east-1', 20);

    expect(pages).toHaveLength(20);
    expect(pages.slice(1).map((p) => p.nextPageToken)).toEqual(sent.slice(1));
    expect(new Set(pages.map((p) => p.nextPageToken)).size).toBe(1);
    expect(names).toEqual(Array(20).fill(['a', 'b']));
    expect(sim.stats().faultsInjected).toBe(20);
  });

  it('loops a region whose instances fit on one page, and only the region it names', async () => {
    sim = await startLightsailSimulator({
      instances: [
        { name: 'solo', region: 'eu-west-1' },
        { name: 'other', region: 'us-east-1' },
      ],
    });
    sim.injectFault({ kind: 'loop-page-token', region: 'eu-west-1' });

    const looped = await follow(sim, 'eu-west-1', 5);
    const elsewhere = await follow(sim, 'us-east-1', 5);

    expect(looped.names).toEqual(Array(5).fill(['solo']));
    expect(elsewhere.names).toEqual([['other']]);
    expect(elsewhere.pages[0]?.nextPageToken).toBeUndefined();
  });

  it('stops looping once times is spent, and the same token then pages normally to the end', async () => {
    sim = await startLightsailSimulator({
      pageSize: 2,
      instances: ['a', 'b', 'c'].map((name) => ({ name, region: 'us-east-1' })),
    });
    sim.injectFault({ kind: 'loop-page-token', times: 2 });

    const { names, pages } = await follow(sim, 'us-east-1', 20);

    expect(names).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b'], ['c']]);
    expect(pages.at(-1)?.nextPageToken).toBeUndefined();
    expect(sim.stats().faultsInjected).toBe(2);
  });

  it('is not spent by operations other than GetInstances', async () => {
    sim = await startLightsailSimulator({ instances: [{ name: 'a', region: 'us-east-1' }] });
    sim.injectFault({ kind: 'loop-page-token', times: 1 });

    await clientFor(sim).send(new GetInstanceCommand({ instanceName: 'a' }));
    const after = await follow(sim, 'us-east-1', 5);

    expect(after.names).toEqual([['a'], ['a']]);
  });
});
