/**
 * One deadline for the whole run, split into phases so that what was stopped is always announced:
 *
 *   start ──── Lightsail reads ────┤ stops ──┤ alerts ────┤ state ──┤ end
 *                        reads end ┘ work ends ┘  sends end ┘         └ the run's deadline
 *
 * Reads and stops get what is left once the reserves for delivering alerts and writing alert
 * state are set aside; when reads run out of time, the instances not yet read are "unknown" (never
 * 0%), and whatever was stopped is announced in the time kept for it. Reads end a quarter of the
 * way before the stops do: a read that answers at the last moment (or a pool judged only once its
 * slowest member answers) still leaves time to stop what it showed. Lightsail retries never
 * outlive their phase: the signal aborts the request and any wait between attempts.
 */

import { setMaxListeners } from 'node:events';
import { type Deadline, deadlineText, type Failure } from '../core/reasons.js';

/** Longest reserve for sending alerts (Telegram may need retries) and for writing alert state. */
export const DELIVERY_RESERVE_MS = 45_000;
export const STATE_RESERVE_MS = 15_000;
/** The share of the reads-and-stops time reads may take; the rest is the stops'. */
export const READS_SHARE = 0.75;

/** The phases of a run, on the real clock. */
export interface RunDeadline {
  /** Aborts when Lightsail reads (listing regions and instances, metrics) must end. */
  readonly reads: AbortSignal;
  /** Aborts when Lightsail stops and starts must end. */
  readonly work: AbortSignal;
  /** Epoch ms by which every alert send must have ended (the notifier's deadline). */
  readonly sendsEndAt: number;
  /** Aborts at the run's end: the last tag write is abandoned then. */
  readonly end: AbortSignal;
  /** The whole budget in ms, to name it in messages ("the run's 180 s deadline"). */
  readonly totalMs: number;
}

/** Epoch ms of each phase's end for a run that may last `totalMs` from `startMs`. */
export function planDeadline(
  startMs: number,
  totalMs: number,
): {
  readonly readsEndAt: number;
  readonly workEndsAt: number;
  readonly sendsEndAt: number;
  readonly endsAt: number;
} {
  // A short run (a small --timeout) keeps the same proportions instead of having no work time.
  // Whole milliseconds: timers (AbortSignal.timeout among them) refuse fractions.
  const state = Math.floor(Math.min(STATE_RESERVE_MS, totalMs * 0.1));
  const delivery = Math.floor(Math.min(DELIVERY_RESERVE_MS, totalMs * 0.25));
  const work = Math.floor(totalMs) - state - delivery;
  return {
    readsEndAt: startMs + Math.floor(work * READS_SHARE),
    workEndsAt: startMs + work,
    sendsEndAt: startMs + Math.floor(totalMs) - state,
    endsAt: startMs + Math.floor(totalMs),
  };
}

/** A deadline `totalMs` from now on the real clock. Timers are unref'd: they never keep a process alive. */
export function runDeadline(totalMs: number, nowMs: number = Date.now()): RunDeadline {
  const plan = planDeadline(nowMs, totalMs);
  const after = (at: number): AbortSignal => AbortSignal.timeout(Math.max(0, Math.floor(at - nowMs)));
  const reads = after(plan.readsEndAt);
  const work = after(plan.workEndsAt);
  const end = after(plan.endsAt);
  // Every call in flight listens to one of these (hundreds in a large fleet), and each removes its
  // listener when it settles: more than Node's default of 10 is the design, not a leak.
  setMaxListeners(0, reads, work, end);
  return { reads, work, sendsEndAt: plan.sendsEndAt, end, totalMs };
}

/** The run's deadline as reasons name it (`deadlineText`: "the run's 180 s deadline"). */
export function deadlineOf(deadline: RunDeadline | undefined): Deadline {
  return deadline === undefined ? {} : { seconds: Math.round(deadline.totalMs / 1000) };
}

/** "the run's 180 s deadline", for reasons and problems. */
export function deadlineName(deadline: RunDeadline | undefined): string {
  return deadlineText(deadlineOf(deadline));
}

/** A call the deadline cut off (`no-answer`) or left unmade (`not-attempted`), as core words it. */
export function deadlineFailure(
  kind: 'no-answer' | 'not-attempted',
  deadline: RunDeadline | undefined,
): Failure {
  return { kind, deadline: deadlineOf(deadline) };
}
