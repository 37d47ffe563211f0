import { TAGS } from '../constants.js';
import { type SentTo, sentToTagValue } from '../core/alert-keys.js';
import type { Fleet } from '../core/ports.js';
import { describeError } from '../errors.js';
import { mapWithLimit } from './concurrency.js';
import type { RunDeadline } from './deadline.js';
import { whereOf } from './problems.js';
import type { InstanceOutcome } from './types.js';

/** Tags to write on one instance after this run's messages went out (or did not). */
export interface StateWrite {
  readonly outcome: InstanceOutcome;
  readonly tags: Readonly<Record<string, string>>;
}

/** How an instance's alerts fared on every configured channel in this run. */
export interface InstanceDelivery {
  /** Every configured channel has every alert of the instance (now or in an earlier run). */
  readonly complete: boolean;
  /** Which channels have which of the instance's alerts now (its `sent-to` state). */
  readonly sentTo: SentTo;
}

/**
 * What to record on an instance once the messages holding its alerts were sent. State follows
 * delivery, never the attempt: only when every channel has every alert of the instance is its alert
 * state saved (and a stop's write-ahead record cleared). Until then the `sent-to` tag records which
 * channels took which alerts, so that the next check re-sends them to the other channels only; a
 * stop whose alert did not arrive everywhere keeps its record, or gets one now if it could not be
 * written before the stop. The month of a stop (`lightsail-guard:stopped`) is written either way,
 * so that the stop is undone on a new month even when its record failed.
 */
export function stateAfterDelivery(
  outcome: InstanceOutcome,
  delivery: InstanceDelivery,
): Record<string, string> {
  const { assessment, stop, instance } = outcome;
  const tags: Record<string, string> = {};
  const unrecordedStop = outcome.action === 'stopped' && stop !== undefined && !stop.recorded;
  if (unrecordedStop) tags[TAGS.stopped] = stop.month;
  const previous = instance.tags[TAGS.sentTo] ?? '';
  if (delivery.complete) {
    Object.assign(tags, assessment?.tagsOnDelivery);
    if (stop?.recorded) tags[TAGS.stopUnsent] = '';
    if (outcome.badTagAlertDay !== undefined) tags[TAGS.badTagAlerted] = outcome.badTagAlertDay;
    if (previous !== '') tags[TAGS.sentTo] = '';
    return tags;
  }
  if (unrecordedStop) tags[TAGS.stopUnsent] = stop.at;
  const value = sentToTagValue(delivery.sentTo);
  if (value !== undefined && value !== previous) tags[TAGS.sentTo] = value;
  return tags;
}

/**
 * Writes alert state, bounded per region as the reads were (the rate limit applies per region),
 * until the run's end. A failed write is a named problem: the alert is sent again next time.
 */
export async function saveState(input: {
  readonly fleet: Fleet;
  readonly writes: readonly StateWrite[];
  readonly concurrency: number;
  readonly deadline: RunDeadline | undefined;
}): Promise<string[]> {
  const problems: string[] = [];
  const byRegion = new Map<string, StateWrite[]>();
  for (const write of input.writes) {
    if (Object.keys(write.tags).length === 0) continue;
    // Each account has its own rate limit per region.
    const { region, account } = write.outcome.instance;
    const key = account === undefined ? region : `${account.id}/${region}`;
    byRegion.set(key, [...(byRegion.get(key) ?? []), write]);
  }
  await Promise.all(
    [...byRegion.values()].map((writes) =>
      mapWithLimit(writes, input.concurrency, async ({ outcome, tags }) => {
        const { instance } = outcome;
        try {
          await input.fleet.tagInstance(instance, tags, input.deadline?.end);
        } catch (error) {
          problems.push(`${whereOf(instance)}: could not save alert state: ${describeError(error)}`);
        }
      }),
    ),
  );
  return problems;
}
