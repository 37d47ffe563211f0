import { TAGS } from '../constants.js';
import { billingMonthOf } from '../core/billing-month.js';
import type { Fleet } from '../core/ports.js';
import { failureText } from '../core/reasons.js';
import { describeError } from '../errors.js';
import { deadlineFailure, type RunDeadline } from './deadline.js';
import type { InstanceOutcome, LogEvent, StopReport } from './types.js';

/** States in which a refused `StopInstance` still means the instance is, or will be, stopped. */
const STOPPED_STATES: ReadonlySet<string> = new Set(['stopping', 'stopped']);

/**
 * Stops an assessed instance, write-ahead: first the instance is tagged with the stop's time
 * (`stop-unsent`: a stop alert is owed) and, in the same call, the billing month of the stop
 * (`stopped`: the guard stopped it, so a new month may start it again), then it is stopped, and
 * only a delivered alert clears `stop-unsent`. A run killed anywhere between the two leaves the record, and the next check sends the owed
 * alert: at most one duplicate, never a lost one. When the record cannot be written the instance is
 * stopped all the same (the bill comes first) and the alert says so.
 *
 * A refused stop is not a failure when the instance turns out to be stopping or stopped already
 * (a second run, or its owner): one `GetInstanceState` tells.
 */
export async function stopAssessed(input: {
  readonly fleet: Fleet;
  readonly outcome: InstanceOutcome;
  readonly now: Date;
  readonly deadline: RunDeadline | undefined;
  readonly log: (event: LogEvent) => void;
}): Promise<InstanceOutcome> {
  const { fleet, outcome, now, deadline, log } = input;
  const { instance } = outcome;
  const signal = deadline?.work;
  const at = now.toISOString();
  const month = billingMonthOf(now).key;
  const where = { instance: instance.name, region: instance.region };
  if (signal?.aborted) {
    const stop: StopReport = {
      at,
      month,
      recorded: false,
      error: failureText(deadlineFailure('not-attempted', deadline)),
    };
    return { ...outcome, action: 'stop-failed', stop };
  }
  let recordError: string | undefined;
  try {
    await fleet.tagInstance(instance, { [TAGS.stopUnsent]: at, [TAGS.stopped]: month }, signal);
  } catch (error) {
    recordError = describeError(error);
    log({ level: 'error', msg: 'stop record not written', ...where, error: recordError });
  }
  const recorded = {
    at,
    month,
    recorded: recordError === undefined,
    ...(recordError ? { recordError } : {}),
  };
  try {
    await fleet.stopInstance(instance, signal);
    log({ level: 'warn', msg: 'stopped', ...where });
    return { ...outcome, action: 'stopped', stop: recorded };
  } catch (error) {
    const stopError = signal?.aborted
      ? failureText(deadlineFailure('no-answer', deadline))
      : describeError(error);
    let state: string | undefined;
    try {
      state = await fleet.instanceState(instance, signal);
    } catch {
      // The stop's own error is the one worth reporting.
    }
    if (state !== undefined && STOPPED_STATES.has(state)) {
      log({ level: 'warn', msg: 'already stopping', ...where, state });
      return { ...outcome, action: 'stopped', stop: { ...recorded, alreadyStopping: true } };
    }
    log({ level: 'error', msg: 'stop failed', ...where, error: stopError });
    return { ...outcome, action: 'stop-failed', stop: { ...recorded, error: stopError } };
  }
}
