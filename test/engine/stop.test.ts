import { describe, expect, it } from 'vitest';
import { telegramChannel } from '../../src/channels/telegram.js';
import { TAGS } from '../../src/constants.js';
import type { Fleet } from '../../src/core/ports.js';
import type { RunDeadline } from '../../src/engine/deadline.js';
import { type LogEvent, runGuard } from '../../src/engine/run.js';
import { exitCodeOf } from '../../src/output.js';
import { guardSettings } from '../support/builders.js';
import { recordingNotifier } from '../support/notifier.js';
import { hotFleet, NOW, run } from '../support/scenario.js';

/** A deadline of 180 s whose reads-and-stops phase ends when the test says so. */
function controlledDeadline(): { deadline: RunDeadline; endWork: () => void } {
  const work = new AbortController();
  const deadline: RunDeadline = {
    reads: work.signal,
    work: work.signal,
    sendsEndAt: Number.MAX_SAFE_INTEGER,
    end: new AbortController().signal,
    totalMs: 180_000,
  };
  return { deadline, endWork: () => work.abort() };
}

const abortError = (): Error => Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

describe('a refused stop', () => {
  it('counts an instance that is already stopping as stopped, and the alert says so', async () => {
    const fleet = hotFleet(['hot']);
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
    const fleet = hotFleet(['hot']);
    fleet.failures.stopInstance.set('hot', new Error('ServiceException: try later'));
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.instanceState).toEqual(['hot']);
    expect(notifier.sent[0]).toContain('STOP FAILED');
    expect(result.problems).toContain('hot (us-east-1): stop failed: ServiceException: try later');
  });

  it('is a failure when the state cannot be read either', async () => {
    const fleet = hotFleet(['hot']);
    fleet.failures.stopInstance.set('hot', new Error('ServiceException: try later'));
    fleet.failures.instanceState.set('hot', new Error('ServiceException: still down'));

    const result = await run(fleet, recordingNotifier());

    expect(result.rows[0]).toMatchObject({ action: 'stop-failed' });
    expect(exitCodeOf(result)).toBe(1);
  });

  it('counts as a stop when the state read says stopped, and the alert says it was already stopping', async () => {
    const fleet = hotFleet(['hot']);
    const ownerStoppedFirst: Fleet = {
      ...fleet,
      async stopInstance(instance) {
        fleet.calls.order.push(`stop ${instance.name}`);
        fleet.update(instance.name, { state: 'stopped' });
        throw Object.assign(new Error("can't stop a stopped instance"), { name: 'InvalidInputException' });
      },
    };
    const notifier = recordingNotifier();

    const result = await runGuard(
      { fleet: ownerStoppedFirst, channels: [telegramChannel(notifier)], now: () => NOW },
      guardSettings(),
      {
        command: 'check',
        dryRun: false,
      },
    );

    expect(fleet.calls.order).toEqual(['tag hot', 'stop hot', 'state hot', 'tag hot']);
    expect(result.rows[0]).toMatchObject({ action: 'stopped', state: 'stopped' });
    expect(result.rows[0]).not.toHaveProperty('error');
    expect(notifier.sent[0]).toContain('It was already stopping (stopped by its owner or another run).');
    expect(result.problems).toEqual([]);
  });
});

describe('a stop at the end of the reads phase', () => {
  it('is not attempted once the phase is over, and the alert and the problems say why', async () => {
    const fleet = hotFleet(['hot']);
    const { deadline, endWork } = controlledDeadline();
    // The phase ends while the instance's metrics are read: the answers arrive, the time is gone.
    const slowReads: Fleet = {
      ...fleet,
      async readMetric(instance, metric, window, signal) {
        const answer = await fleet.readMetric(instance, metric, window, signal);
        if (metric === 'NetworkOut') endWork();
        return answer;
      },
    };
    const notifier = recordingNotifier();

    const result = await runGuard(
      { fleet: slowReads, channels: [telegramChannel(notifier)], now: () => NOW, deadline },
      guardSettings(),
      {
        command: 'check',
        dryRun: false,
      },
    );

    const reason = "not attempted before the run's 180 s deadline";
    expect(fleet.calls.stopInstance).toEqual([]);
    // No write-ahead record (nothing was stopped); only the alert state once the alert arrived.
    expect(fleet.calls.tagInstance).toEqual([{ instance: 'hot', tags: { [TAGS.alerted]: '2026-11:80/90' } }]);
    expect(result.rows[0]).toMatchObject({
      action: 'stop-failed',
      state: 'running',
      error: `stop failed: ${reason}`,
    });
    expect(result.problems).toEqual([`hot (us-east-1): stop failed: ${reason}`]);
    expect(notifier.sent[0]).toContain(
      `The instance is still running: ${reason}. The next check tries again.`,
    );
    expect(exitCodeOf(result)).toBe(1);
  });

  it('names the deadline, not the abort, when the stop call is cut off by it', async () => {
    const fleet = hotFleet(['hot']);
    const { deadline, endWork } = controlledDeadline();
    const hungStop: Fleet = {
      ...fleet,
      async stopInstance(instance) {
        fleet.calls.order.push(`stop ${instance.name}`);
        endWork();
        throw abortError();
      },
    };

    const result = await runGuard(
      { fleet: hungStop, channels: [telegramChannel(recordingNotifier())], now: () => NOW, deadline },
      guardSettings(),
      { command: 'check', dryRun: false },
    );

    expect(result.problems).toEqual([
      "hot (us-east-1): stop failed: no answer before the run's 180 s deadline",
    ]);
    expect(result.rows[0]).toMatchObject({ action: 'stop-failed', state: 'running' });
  });
});

describe('the log of a stop', () => {
  it('says which instance in which region was stopped, refused, found stopping, or left without a record', async () => {
    const fleet = hotFleet(['hot', 'norecord', 'gone', 'stuck']);
    fleet.failures.tagInstance.set('norecord', new Error('AccessDeniedException: no tagging'));
    fleet.failures.stopInstance.set('gone', new Error('InvalidInputException: already stopping'));
    fleet.failures.stopInstance.set('stuck', new Error('ServiceException: try later'));
    fleet.update('gone', {}); // listed as running; its owner stops it before the guard does
    const stopping: Fleet = {
      ...fleet,
      async instanceState(instance, signal) {
        return instance.name === 'gone' ? 'stopping' : fleet.instanceState(instance, signal);
      },
    };
    const logs: LogEvent[] = [];

    await runGuard(
      {
        fleet: stopping,
        channels: [telegramChannel(recordingNotifier())],
        now: () => NOW,
        log: (event) => logs.push(event),
      },
      guardSettings(),
      { command: 'check', dryRun: false },
    );

    const where = (name: string) => ({ instance: name, region: 'us-east-1' });
    const of = (name: string) => logs.filter((event) => event.instance === name);
    expect(of('hot')).toEqual([{ level: 'warn', msg: 'stopped', ...where('hot') }]);
    expect(of('norecord')).toEqual([
      {
        level: 'error',
        msg: 'stop record not written',
        ...where('norecord'),
        error: 'AccessDeniedException: no tagging',
      },
      { level: 'warn', msg: 'stopped', ...where('norecord') },
    ]);
    expect(of('gone')).toEqual([
      { level: 'warn', msg: 'already stopping', ...where('gone'), state: 'stopping' },
    ]);
    expect(of('stuck')).toEqual([
      { level: 'error', msg: 'stop failed', ...where('stuck'), error: 'ServiceException: try later' },
    ]);
  });
});
