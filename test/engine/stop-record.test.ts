import { describe, expect, it } from 'vitest';
import { telegramChannel } from '../../src/channels/telegram.js';
import { TAGS } from '../../src/constants.js';
import type { Fleet } from '../../src/core/ports.js';
import { runGuard } from '../../src/engine/run.js';
import { exitCodeOf } from '../../src/output.js';
import { at, guardSettings } from '../support/builders.js';
import type { InMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { hotFleet, NOW, run, TEN_MINUTES_LATER } from '../support/scenario.js';

// A stop is recorded before it is made (`stop-unsent`: its alert is owed; `stopped`: the month the
// guard stopped it), so that a run killed anywhere leaves the debt, and only a delivered alert clears it.

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

describe('the write-ahead stop record', () => {
  it('records in one call, before StopInstance, that a stop alert is owed and the month the guard stopped it', async () => {
    const fleet = hotFleet(['hot']);

    await run(fleet, recordingNotifier());

    expect(fleet.calls.order.slice(0, 2)).toEqual(['tag hot', 'stop hot']);
    expect(fleet.calls.tagInstance[0]).toEqual({
      instance: 'hot',
      tags: { [TAGS.stopUnsent]: NOW.toISOString(), [TAGS.stopped]: '2026-11' },
    });
  });

  it('clears the record only once the stop alert was delivered', async () => {
    const fleet = hotFleet(['hot']);
    const notifier = recordingNotifier();

    await run(fleet, notifier);

    expect(notifier.sent).toHaveLength(1);
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('');
    expect(fleet.calls.order).toEqual(['tag hot', 'stop hot', 'tag hot']);
  });

  it('leaves the record in place when the alert is lost, so the next check sends it once', async () => {
    const fleet = hotFleet(['hot']);
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
    const fleet = hotFleet(['hot'], { tags: { [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z' } });
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
    const fleet = hotFleet(['hot'], { tags: keep });
    const notifier = recordingNotifier();

    await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(notifier.sent.join('\n')).toContain('Stopped at 2026-11-20 09:50 UTC');
    expect(notifier.sent.join('\n')).toContain('It is running now');
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('');
  });

  it('still stops when the record cannot be written, and says so in the alert and as a problem', async () => {
    const fleet = hotFleet(['hot']);
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

  it('is written on every stop the guard makes, in the write-ahead call before StopInstance', async () => {
    const fleet = hotFleet(['proxy']);

    await run(fleet, recordingNotifier(), { now: at('2026-11-30T23:59:59.000Z') });

    expect(fleet.calls.order.slice(0, 2)).toEqual(['tag proxy', 'stop proxy']);
    expect(fleet.calls.tagInstance[0]?.tags[TAGS.stopped]).toBe('2026-11');
    expect(fleet.instance('proxy').tags[TAGS.stopped]).toBe('2026-11');
  });

  it('is written after delivery when the write-ahead call failed, with the alert state', async () => {
    const fleet = hotFleet(['proxy']);
    failFirstTagWrite(fleet);

    const result = await run(fleet, recordingNotifier());

    expect(fleet.instance('proxy')).toMatchObject({ state: 'stopped', tags: { [TAGS.stopped]: '2026-11' } });
    // The failed write-ahead call is not in the fleet's log: only the stop and the write after delivery.
    expect(fleet.calls.order).toEqual(['stop proxy', 'tag proxy']);
    expect(fleet.calls.tagInstance[0]?.tags[TAGS.stopped]).toBe('2026-11');
    expect(exitCodeOf(result)).toBe(1);
  });

  it('is written with the owed-alert record when the write-ahead call failed and the alert was lost', async () => {
    const fleet = hotFleet(['proxy']);
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

describe('a stop without its write-ahead record', () => {
  /** The first tag write (the record) is refused; later writes go through. */
  function recordRefused(fleet: InMemoryFleet): Fleet {
    let refused = false;
    return {
      ...fleet,
      async tagInstance(instance, tags, signal) {
        if (!refused) {
          refused = true;
          fleet.calls.order.push(`tag ${instance.name} (refused)`);
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        }
        return fleet.tagInstance(instance, tags, signal);
      },
    };
  }

  it('writes the record after the send when the alert was lost, so the next check still sends it', async () => {
    const fleet = hotFleet(['hot']);
    const notifier = recordingNotifier();
    notifier.failWith = new Error('Telegram is down');

    const first = await runGuard(
      { fleet: recordRefused(fleet), channels: [telegramChannel(notifier)], now: () => NOW },
      guardSettings(),
      {
        command: 'check',
        dryRun: false,
      },
    );

    expect(fleet.calls.order).toEqual(['tag hot (refused)', 'stop hot', 'tag hot']);
    expect(fleet.calls.tagInstance).toEqual([
      { instance: 'hot', tags: { [TAGS.stopped]: '2026-11', [TAGS.stopUnsent]: NOW.toISOString() } },
    ]);
    expect(first.problems).toContain(
      'hot (us-east-1): stopped without a record that its alert is owed: ThrottlingException: Rate exceeded',
    );

    notifier.failWith = undefined;
    await runGuard(
      { fleet, channels: [telegramChannel(notifier)], now: () => TEN_MINUTES_LATER },
      guardSettings(),
      {
        command: 'check',
        dryRun: false,
      },
    );

    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('Stopped at 2026-11-20 10:00 UTC; this alert was not delivered then.');
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('');
  });

  it('writes no record afterwards for a stop that failed: no stop alert is owed, the next check stops again', async () => {
    const fleet = hotFleet(['hot']);
    fleet.failures.stopInstance.set('hot', new Error('ServiceException: try later'));
    const notifier = recordingNotifier();
    notifier.failWith = new Error('Telegram is down');

    const result = await runGuard(
      { fleet: recordRefused(fleet), channels: [telegramChannel(notifier)], now: () => NOW },
      guardSettings(),
      {
        command: 'check',
        dryRun: false,
      },
    );

    expect(result.rows[0]).toMatchObject({ action: 'stop-failed', state: 'running' });
    expect(fleet.calls.order).toEqual(['tag hot (refused)', 'stop hot', 'state hot']);
    expect(fleet.instance('hot').tags).not.toHaveProperty(TAGS.stopUnsent);
  });

  it('writes the alert state and the month of the stop, and no stop-unsent tag, once the alert was delivered', async () => {
    const fleet = hotFleet(['hot']);
    const notifier = recordingNotifier();

    await runGuard(
      { fleet: recordRefused(fleet), channels: [telegramChannel(notifier)], now: () => NOW },
      guardSettings(),
      {
        command: 'check',
        dryRun: false,
      },
    );

    expect(notifier.sent).toHaveLength(1);
    expect(fleet.calls.tagInstance).toEqual([
      { instance: 'hot', tags: { [TAGS.stopped]: '2026-11', [TAGS.alerted]: '2026-11:80/90' } },
    ]);
    expect(fleet.instance('hot').tags).not.toHaveProperty(TAGS.stopUnsent);
  });
});
