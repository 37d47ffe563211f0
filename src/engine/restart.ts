import { TAGS } from '../constants.js';
import type { AlertEvent } from '../core/alerts.js';
import type { BillingMonth } from '../core/billing-month.js';
import type { Fleet } from '../core/ports.js';
import { failureText } from '../core/reasons.js';
import { restartStep } from '../core/restart.js';
import { describeError } from '../errors.js';
import { deadlineFailure, type RunDeadline } from './deadline.js';
import type { InstanceOutcome, LogEvent, StartReport } from './types.js';

/**
 * The new month's step of a `check` for an instance it does not stop (see `restartStep`): start it
 * when the guard stopped it in an earlier month, or forget a spent stop record when it runs again.
 *
 * A start is made first and recorded after: the record (`lightsail-guard:stopped`) is cleared only
 * once `StartInstance` succeeded, so a failed start keeps it and the next check tries again. A run
 * that dies between the two leaves a running instance with its record, which the next check
 * forgets. Each call takes the run's work signal: nothing is started after the reads' deadline.
 */
export async function startOrForget(input: {
  readonly fleet: Fleet;
  readonly outcome: InstanceOutcome;
  readonly month: BillingMonth;
  readonly restartOnNewMonth: boolean;
  readonly dryRun: boolean;
  readonly deadline: RunDeadline | undefined;
  readonly log: (event: LogEvent) => void;
}): Promise<InstanceOutcome> {
  const { fleet, outcome, deadline, log } = input;
  const { instance } = outcome;
  const step = restartStep({
    instance,
    month: input.month,
    restartOnNewMonth: input.restartOnNewMonth,
    action: outcome.policy?.action ?? 'stop',
  });
  if (step.kind === 'none' || input.dryRun) {
    return step.kind === 'start' ? { ...outcome, action: 'would-start' } : outcome;
  }
  const signal = deadline?.work;
  const where = { instance: instance.name, region: instance.region };
  // Cleared by writing it empty, not removed: the function has no UntagResource, and the start
  // grant tests the value, so an empty record is no record to IAM either (infra/policy.ts).
  const forget = { [TAGS.stopped]: '' };
  if (step.kind === 'forget') {
    // Not urgent: when the deadline has passed, the next check forgets it.
    if (signal?.aborted) return outcome;
    try {
      await fleet.tagInstance(instance, forget, signal);
      return outcome;
    } catch (error) {
      return { ...outcome, forgetError: describeError(error) };
    }
  }
  const { stoppedIn } = step;
  if (signal?.aborted) {
    const start: StartReport = { stoppedIn, error: failureText(deadlineFailure('not-attempted', deadline)) };
    return { ...outcome, action: 'start-failed', start };
  }
  try {
    await fleet.startInstance(instance, signal);
  } catch (error) {
    const message = signal?.aborted
      ? failureText(deadlineFailure('no-answer', deadline))
      : describeError(error);
    log({ level: 'error', msg: 'start failed', ...where, error: message });
    return { ...outcome, action: 'start-failed', start: { stoppedIn, error: message } };
  }
  log({ level: 'info', msg: 'started', ...where, stoppedIn });
  let recordError: string | undefined;
  try {
    await fleet.tagInstance(instance, forget, signal);
  } catch (error) {
    recordError = describeError(error);
    log({ level: 'error', msg: 'stop record not cleared', ...where, error: recordError });
  }
  const start: StartReport = { stoppedIn, ...(recordError !== undefined ? { recordError } : {}) };
  return { ...outcome, instance: { ...instance, state: 'running' }, action: 'started', start };
}

/** The one alert naming every instance started (or, in a dry run, to be started) in this check. */
export function startedEvent(outcomes: readonly InstanceOutcome[], dryRun: boolean): AlertEvent | undefined {
  const started = outcomes.flatMap((outcome) => {
    if (outcome.action !== 'started' && outcome.action !== 'would-start') return [];
    const stoppedIn = outcome.start?.stoppedIn ?? outcome.instance.tags[TAGS.stopped] ?? '';
    return [{ instance: outcome.instance, stoppedIn }];
  });
  return started.length === 0 ? undefined : { kind: 'started', started, dryRun };
}
