import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { instancePolicy } from '../../src/core/instance-policy.js';
import type { Instance } from '../../src/core/types.js';
import { type RunDeadline, runDeadline } from '../../src/engine/deadline.js';
import { startedEvent, startOrForget } from '../../src/engine/restart.js';
import type { InstanceOutcome, LogEvent } from '../../src/engine/types.js';
import { anInstance, at, fullAllowance, guardSettings } from '../support/builders.js';
import { type InMemoryFleet, inMemoryFleet } from '../support/fleet.js';

const JANUARY = billingMonthOf(at('2027-01-01T00:00:00.000Z'));
const STOPPED_IN_DECEMBER = { state: 'stopped', tags: { [TAGS.stopped]: '2026-12' } } as const;
const RUNNING_AGAIN = { state: 'running', tags: { [TAGS.stopped]: '2026-12' } } as const;

/** What assessing `instance` in a check hands over when it is not stopped: not read, no stop due. */
function outcomeOf(instance: Instance): InstanceOutcome {
  return {
    instance,
    allowance: fullAllowance(100),
    assessment: undefined,
    action: 'not-read',
    policy: instancePolicy(instance.tags, guardSettings()),
  };
}

/**
 * A run's deadline of 180 s whose stops-and-starts phase ends when `controller` aborts. Built from
 * `runDeadline`, so it has every phase a run has; only the one a start listens to is replaced.
 */
function deadlineOf(controller: AbortController): RunDeadline {
  return { ...runDeadline(180_000), work: controller.signal };
}

/** The new month's step for `proxy` (in us-east-1) with RESTART_ON_NEW_MONTH, and what it logged. */
async function step(
  fleet: InMemoryFleet,
  options: { outcome?: InstanceOutcome; deadline?: RunDeadline; dryRun?: boolean } = {},
) {
  const logged: LogEvent[] = [];
  const outcome = await startOrForget({
    fleet,
    outcome: options.outcome ?? outcomeOf(fleet.instance('proxy')),
    month: JANUARY,
    restartOnNewMonth: true,
    dryRun: options.dryRun ?? false,
    deadline: options.deadline,
    log: (event) => logged.push(event),
  });
  return { outcome, logged };
}

const fleetWith = (overrides: Partial<Instance>): InMemoryFleet =>
  inMemoryFleet({ regions: ['us-east-1'], instances: [anInstance({ name: 'proxy', ...overrides })] });

describe('starting an instance the guard stopped last month', () => {
  it('starts it, clears its record, and logs the start with where it is and when it was stopped', async () => {
    const fleet = fleetWith(STOPPED_IN_DECEMBER);
    const before = outcomeOf(fleet.instance('proxy'));

    const { outcome, logged } = await step(fleet, { outcome: before });

    expect(outcome).toStrictEqual({
      ...before,
      instance: { ...before.instance, state: 'running' },
      action: 'started',
      start: { stoppedIn: '2026-12' },
    });
    expect(fleet.calls.tagInstance).toEqual([{ instance: 'proxy', tags: { [TAGS.stopped]: '' } }]);
    expect(logged).toEqual([
      { level: 'info', msg: 'started', instance: 'proxy', region: 'us-east-1', stoppedIn: '2026-12' },
    ]);
  });

  it('starts it when its outcome carries no policy, as under the default stop policy', async () => {
    const fleet = fleetWith(STOPPED_IN_DECEMBER);
    const { policy: _, ...withoutPolicy } = outcomeOf(fleet.instance('proxy'));

    const { outcome } = await step(fleet, { outcome: withoutPolicy });

    expect(outcome.action).toBe('started');
    expect(fleet.calls.startInstance).toEqual(['proxy']);
  });

  it('keeps the record and logs the error when the start fails', async () => {
    const fleet = fleetWith(STOPPED_IN_DECEMBER);
    fleet.failures.startInstance.set('proxy', new Error('ServiceException: try later'));

    const { outcome, logged } = await step(fleet);

    expect(outcome).toMatchObject({
      action: 'start-failed',
      instance: { state: 'stopped' },
      start: { stoppedIn: '2026-12', error: 'ServiceException: try later' },
    });
    expect(fleet.calls.tagInstance).toEqual([]);
    expect(logged).toEqual([
      {
        level: 'error',
        msg: 'start failed',
        instance: 'proxy',
        region: 'us-east-1',
        error: 'ServiceException: try later',
      },
    ]);
  });

  it('says a start cut off by the deadline got no answer in time, rather than quoting the abort', async () => {
    const controller = new AbortController();
    const fleet = fleetWith(STOPPED_IN_DECEMBER);
    fleet.startInstance = async () => {
      controller.abort();
      throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    };

    const { outcome, logged } = await step(fleet, { deadline: deadlineOf(controller) });

    const error = "no answer before the run's 180 s deadline";
    expect(outcome).toMatchObject({ action: 'start-failed', start: { stoppedIn: '2026-12', error } });
    expect(logged).toEqual([
      { level: 'error', msg: 'start failed', instance: 'proxy', region: 'us-east-1', error },
    ]);
  });

  it('does not try a start once the deadline has passed, and reports it as a failed start', async () => {
    const controller = new AbortController();
    controller.abort();
    const fleet = fleetWith(STOPPED_IN_DECEMBER);

    const { outcome } = await step(fleet, { deadline: deadlineOf(controller) });

    expect(outcome).toMatchObject({
      action: 'start-failed',
      start: { stoppedIn: '2026-12', error: "not attempted before the run's 180 s deadline" },
    });
    expect(fleet.calls.startInstance).toEqual([]);
  });

  it('reports and logs a start whose record could not be cleared, as started', async () => {
    const fleet = fleetWith(STOPPED_IN_DECEMBER);
    fleet.failures.tagInstance.set('proxy', new Error('AccessDeniedException: no'));

    const { outcome, logged } = await step(fleet);

    expect(outcome).toMatchObject({
      action: 'started',
      instance: { state: 'running' },
      start: { stoppedIn: '2026-12', recordError: 'AccessDeniedException: no' },
    });
    expect(logged).toEqual([
      { level: 'info', msg: 'started', instance: 'proxy', region: 'us-east-1', stoppedIn: '2026-12' },
      {
        level: 'error',
        msg: 'stop record not cleared',
        instance: 'proxy',
        region: 'us-east-1',
        error: 'AccessDeniedException: no',
      },
    ]);
  });

  it('only says it would start it in a dry run', async () => {
    const fleet = fleetWith(STOPPED_IN_DECEMBER);

    const { outcome } = await step(fleet, { dryRun: true });

    expect(outcome.action).toBe('would-start');
    expect(fleet.calls.order).toEqual([]);
  });
});

describe('forgetting a spent stop record', () => {
  it('clears the record of an instance running again, changing nothing else', async () => {
    const fleet = fleetWith(RUNNING_AGAIN);
    const before = outcomeOf(fleet.instance('proxy'));

    const { outcome, logged } = await step(fleet, { outcome: before });

    expect(outcome).toBe(before);
    expect(fleet.calls.tagInstance).toEqual([{ instance: 'proxy', tags: { [TAGS.stopped]: '' } }]);
    expect(logged).toEqual([]);
  });

  it('names a record that could not be cleared', async () => {
    const fleet = fleetWith(RUNNING_AGAIN);
    fleet.failures.tagInstance.set('proxy', new Error('AccessDeniedException: no'));

    const { outcome } = await step(fleet);

    expect(outcome.forgetError).toBe('AccessDeniedException: no');
  });

  it('leaves the record to the next check once the deadline has passed', async () => {
    const controller = new AbortController();
    controller.abort();
    const fleet = fleetWith(RUNNING_AGAIN);
    const before = outcomeOf(fleet.instance('proxy'));

    const { outcome } = await step(fleet, { outcome: before, deadline: deadlineOf(controller) });

    expect(outcome).toBe(before);
    expect(fleet.calls.tagInstance).toEqual([]);
  });
});

describe('the alert naming the instances started', () => {
  it('names the month each was stopped in: from its start, or in a dry run from its record', () => {
    const started = {
      ...outcomeOf(anInstance({ name: 'a', tags: { [TAGS.stopped]: '2026-11' } })),
      action: 'started' as const,
    };
    const wouldStart = {
      ...outcomeOf(anInstance({ name: 'b', ...STOPPED_IN_DECEMBER })),
      action: 'would-start' as const,
    };

    const event = startedEvent(
      [
        { ...started, start: { stoppedIn: '2026-11' } },
        wouldStart,
        outcomeOf(anInstance({ name: 'c', ...STOPPED_IN_DECEMBER })),
      ],
      true,
    );

    expect(event).toEqual({
      kind: 'started',
      dryRun: true,
      started: [
        { instance: started.instance, stoppedIn: '2026-11' },
        { instance: wouldStart.instance, stoppedIn: '2026-12' },
      ],
    });
  });

  it('is not sent when nothing was started', () => {
    expect(startedEvent([outcomeOf(anInstance({ name: 'a' }))], false)).toBeUndefined();
  });
});
