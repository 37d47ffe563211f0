import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { exitCodeOf } from '../../src/output.js';
import { anInstance, at, GB } from '../support/builders.js';
import { type InMemoryFleet, inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { run } from '../support/scenario.js';

/** `proxy` at 97% of 100 GB in us-east-1: due a stop at the default 95%. */
function oneHot(): InMemoryFleet {
  return inMemoryFleet({
    regions: ['us-east-1'],
    instances: [anInstance({ name: 'proxy', allowanceGb: 100 })],
    traffic: { proxy: { inBytes: 7 * GB, outBytes: 90 * GB } },
  });
}

/** Fails the first tag write (the stop's write-ahead call) and lets the later ones through. */
function failFirstTagWrite(fleet: InMemoryFleet): void {
  let tagCalls = 0;
  const tag = fleet.tagInstance.bind(fleet);
  fleet.tagInstance = async (instance, tags, signal) => {
    tagCalls += 1;
    if (tagCalls === 1) throw new Error('ThrottlingException: slow down');
    return tag(instance, tags, signal);
  };
}

describe('the stop record', () => {
  it('is written on every stop the guard makes, in the write-ahead call before StopInstance', async () => {
    const fleet = oneHot();

    await run(fleet, recordingNotifier(), { now: at('2026-11-30T23:59:59.000Z') });

    expect(fleet.calls.order.slice(0, 2)).toEqual(['tag proxy', 'stop proxy']);
    expect(fleet.calls.tagInstance[0]?.tags[TAGS.stopped]).toBe('2026-11');
    expect(fleet.instance('proxy').tags[TAGS.stopped]).toBe('2026-11');
  });

  it('is written after delivery when the write-ahead call failed, with the alert state', async () => {
    const fleet = oneHot();
    failFirstTagWrite(fleet);

    const result = await run(fleet, recordingNotifier());

    expect(fleet.instance('proxy')).toMatchObject({ state: 'stopped', tags: { [TAGS.stopped]: '2026-11' } });
    // The failed write-ahead call is not in the fleet's log: only the stop and the write after delivery.
    expect(fleet.calls.order).toEqual(['stop proxy', 'tag proxy']);
    expect(fleet.calls.tagInstance[0]?.tags[TAGS.stopped]).toBe('2026-11');
    expect(exitCodeOf(result)).toBe(1);
  });

  it('is written with the owed-alert record when the write-ahead call failed and the alert was lost', async () => {
    const fleet = oneHot();
    failFirstTagWrite(fleet);
    const notifier = recordingNotifier();
    notifier.failWith = new Error('Telegram is down');

    await run(fleet, notifier);

    expect(fleet.calls.tagInstance[0]?.tags).toEqual({
      [TAGS.stopped]: '2026-11',
      [TAGS.stopUnsent]: '2026-11-20T10:00:00.000Z',
    });
  });
});
