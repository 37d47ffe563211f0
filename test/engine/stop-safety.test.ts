import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { runGuard } from '../../src/engine/run.js';
import { exitCodeOf } from '../../src/output.js';
import { telegramChannel } from '../../src/telegram/channel.js';
import { anInstance, GB, guardSettings } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { NOW, run, TEN_MINUTES_LATER } from '../support/scenario.js';

/** One running instance at 97% of 100 GB: due a stop at the default 95%. */
function oneHot(tags: Record<string, string> = {}, state = 'running') {
  return inMemoryFleet({
    regions: ['us-east-1'],
    instances: [anInstance({ name: 'hot', allowanceGb: 100, tags, state })],
    traffic: { hot: { inBytes: 7 * GB, outBytes: 90 * GB } },
  });
}

describe('write-ahead stop record', () => {
  it('records in one call, before StopInstance, that a stop alert is owed and the month the guard stopped it', async () => {
    const fleet = oneHot();

    await run(fleet, recordingNotifier());

    expect(fleet.calls.order.slice(0, 2)).toEqual(['tag hot', 'stop hot']);
    expect(fleet.calls.tagInstance[0]).toEqual({
      instance: 'hot',
      tags: { [TAGS.stopUnsent]: NOW.toISOString(), [TAGS.stopped]: '2026-11' },
    });
  });

  it('clears the record only once the stop alert was delivered', async () => {
    const fleet = oneHot();
    const notifier = recordingNotifier();

    await run(fleet, notifier);

    expect(notifier.sent).toHaveLength(1);
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('');
    expect(fleet.calls.order).toEqual(['tag hot', 'stop hot', 'tag hot']);
  });

  it('leaves the record in place when the alert is lost, so the next check sends it once', async () => {
    const fleet = oneHot();
    const notifier = recordingNotifier();
    notifier.failWith = new Error('process about to die');

    await run(fleet, notifier);

    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe(NOW.toISOString());
    // No write after the failed send: the record made before the stop is what carries the debt.
    expect(fleet.calls.order).toEqual(['tag hot', 'stop hot']);

    notifier.failWith = undefined;
    await run(fleet, notifier, { now: TEN_MINUTES_LATER });
    await run(fleet, notifier, { now: new Date(TEN_MINUTES_LATER.getTime() + 600_000) });

    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('Stopped at 2026-11-20 10:00 UTC; this alert was not delivered then.');
  });

  it('stops again, and announces it, an instance whose run died between its record and its stop', async () => {
    const fleet = oneHot({ [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z' });
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('<b>Stopped</b> <code>hot</code>');
    expect(notifier.sent[0]).toContain('Stop call succeeded.');
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('');
    expect(exitCodeOf(result)).toBe(0);
  });

  it('tells the owner of an owed stop alert when the instance runs again, without stopping it', async () => {
    const keep = { [TAGS.keepRunning]: '2026-11', [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z' };
    const fleet = oneHot(keep);
    const notifier = recordingNotifier();

    await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(notifier.sent.join('\n')).toContain('Stopped at 2026-11-20 09:50 UTC');
    expect(notifier.sent.join('\n')).toContain('It is running now');
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('');
  });

  it('still stops when the record cannot be written, and says so in the alert and as a problem', async () => {
    const fleet = oneHot();
    fleet.failures.tagInstance.set('hot', new Error('AccessDeniedException: not allowed'));
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(fleet.instance('hot').state).toBe('stopped');
    expect(notifier.sent[0]).toContain(
      'The stop could not be recorded first (AccessDeniedException: not allowed)',
    );
    expect(result.problems).toContain(
      'hot (us-east-1): stopped without a record that its alert is owed: AccessDeniedException: not allowed',
    );
    expect(exitCodeOf(result)).toBe(1);
  });
});

describe('a refused stop', () => {
  it('counts an instance that is already stopping as stopped, and the alert says so', async () => {
    const fleet = oneHot();
    fleet.failures.stopInstance.set('hot', new Error("InvalidInputException: can't stop while stopping"));
    fleet.update('hot', {}); // listed as running; the owner stops it before the guard does
    const notifier = recordingNotifier();
    const stopping = { ...fleet };
    stopping.instanceState = async (instance) => {
      fleet.calls.order.push(`state ${instance.name}`);
      return 'stopping';
    };

    const result = await runGuard(
      { fleet: stopping, channels: [telegramChannel(notifier)], now: () => NOW },
      guardSettings(),
      {
        command: 'check',
        dryRun: false,
      },
    );

    expect(fleet.calls.order).toEqual(['tag hot', 'stop hot', 'state hot', 'tag hot']);
    expect(result.rows[0]).toMatchObject({ action: 'stopped', state: 'stopped' });
    expect(notifier.sent[0]).toContain('It was already stopping');
    expect(notifier.sent[0]).not.toContain('STOP FAILED');
    expect(result.problems).toEqual([]);
  });

  it('is a failure when the instance is still running', async () => {
    const fleet = oneHot();
    fleet.failures.stopInstance.set('hot', new Error('ServiceException: try later'));
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.instanceState).toEqual(['hot']);
    expect(notifier.sent[0]).toContain('STOP FAILED');
    expect(result.problems).toContain('hot (us-east-1): stop failed: ServiceException: try later');
  });

  it('is a failure when the state cannot be read either', async () => {
    const fleet = oneHot();
    fleet.failures.stopInstance.set('hot', new Error('ServiceException: try later'));
    fleet.failures.instanceState.set('hot', new Error('ServiceException: still down'));

    const result = await run(fleet, recordingNotifier());

    expect(result.rows[0]).toMatchObject({ action: 'stop-failed' });
    expect(exitCodeOf(result)).toBe(1);
  });
});

describe('an untrusted creation time', () => {
  it.each([
    [
      'in the future',
      new Date('2026-11-29T20:00:00.000Z'),
      'its creation time 2026-11-29T20:00:00.000Z lies in the future',
    ],
    ['missing', new Date(Number.NaN), 'GetInstances gave no creation time'],
  ])(
    'counts an instance whose creation time is %s against its full allowance, named as a problem',
    async (_what, createdAt, reason) => {
      const fleet = inMemoryFleet({
        regions: ['us-east-1'],
        instances: [anInstance({ name: 'odd', allowanceGb: 100, createdAt })],
        traffic: { odd: { inBytes: 5 * GB, outBytes: 5 * GB } },
      });

      const result = await run(fleet, recordingNotifier());

      expect(result.rows[0]).toMatchObject({ percent: 10, allowanceShare: 1, action: 'none' });
      expect(result.problems).toEqual([`odd (us-east-1): ${reason}; its full monthly allowance is used`]);
      expect(fleet.calls.stopInstance).toEqual([]);
    },
  );
});
