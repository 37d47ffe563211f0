/**
 * The owner's say over one instance: keep it running this month (and start it), hold it stopped,
 * release a hold. One implementation behind the CLI's `keep-running`, `hold` and `release` and the
 * chat's `/keep`, `/hold` and `/release`: the same rules and the same tags. Each step is reported as
 * a `Note`, and each entry point puts notes into its own words (the CLI's English lines, the chat's
 * language). Calls go through `attempt`, which the CLI uses for `--dry-run` and its errors.
 */

import { TAGS } from '../constants.js';
import type { InstanceAdmin } from '../core/ports.js';
import { isHeld, stoppedByGuardIn } from '../core/restart.js';
import type { Instance } from '../core/types.js';
import { whereOf } from '../engine/problems.js';

/** States in which an instance is up, or coming up: nothing to start. */
const UP: ReadonlySet<string> = new Set(['running', 'pending']);

/** One thing that was done, or found already done, to an instance. */
export type Note =
  | { readonly kind: 'kept'; readonly month: string }
  | { readonly kind: 'already-up'; readonly state: string }
  | { readonly kind: 'started' }
  | { readonly kind: 'held' }
  | { readonly kind: 'already-held' }
  | { readonly kind: 'already-stopped'; readonly state: string }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'untagged'; readonly key: string }
  | { readonly kind: 'no-tag'; readonly key: string };

/** Why a change was refused before anything was done (`held`) or before the start (`not-startable`). */
export type Refusal =
  | { readonly refused: 'held' }
  | { readonly refused: 'not-startable'; readonly state: string };

export interface OwnerActionDeps {
  readonly admin: Pick<InstanceAdmin, 'tagInstance' | 'untagInstance' | 'startInstance' | 'stopInstance'>;
  readonly signal: AbortSignal;
  /**
   * Makes one change, `what` saying it in English ("tag web-1 (us-east-1) ..."); resolves true when
   * it was made, false when it was only described (a dry run); throws when it was refused.
   */
  readonly attempt: (what: string, call: () => Promise<void>) => Promise<boolean>;
  readonly note: (note: Note) => void;
}

/**
 * `web-1 (us-east-1)`, as the guard's problems name instances; with several accounts,
 * `web-1 (us-east-1, account prod)`.
 */
export const where = (instance: Pick<Instance, 'name' | 'region' | 'account'>): string => whereOf(instance);

/** Whether `/keep` has nothing left to do: tagged for `month` and up already. */
export function alreadyKept(instance: Instance, month: string): boolean {
  return instance.tags[TAGS.keepRunning] === month && UP.has(instance.state);
}

/**
 * Tags the instance `keep-running = month` and, with `start`, starts it if it is stopped (and spends
 * the guard's stop record). A held instance is not started: refused before anything is done.
 */
export async function keepRunning(
  deps: OwnerActionDeps,
  instance: Instance,
  options: { readonly month: string; readonly start: boolean },
): Promise<Refusal | undefined> {
  const { month, start } = options;
  if (start && isHeld(instance.tags)) return { refused: 'held' };
  const tagged = await deps.attempt(`tag ${where(instance)} ${TAGS.keepRunning} = ${month}`, () =>
    deps.admin.tagInstance(instance, { [TAGS.keepRunning]: month }, deps.signal),
  );
  if (tagged) deps.note({ kind: 'kept', month });
  return start ? startIt(deps, instance) : undefined;
}

/** Starts a stopped instance; one up already is fine, any other state is refused. */
async function startIt(deps: OwnerActionDeps, instance: Instance): Promise<Refusal | undefined> {
  if (UP.has(instance.state)) {
    deps.note({ kind: 'already-up', state: instance.state });
    return undefined;
  }
  if (instance.state !== 'stopped') return { refused: 'not-startable', state: instance.state };
  if (await deps.attempt(`start ${where(instance)}`, () => deps.admin.startInstance(instance, deps.signal))) {
    deps.note({ kind: 'started' });
  }
  // Its owner started it: a stop record of the guard's is spent, so that a later stop by the owner
  // is never undone on the 1st (the next check would clear it too, this is sooner).
  if (instance.tags[TAGS.stopped]?.trim()) {
    await deps.attempt(`clear ${TAGS.stopped} on ${where(instance)}`, () =>
      deps.admin.tagInstance(instance, { [TAGS.stopped]: '' }, deps.signal),
    );
  }
  return undefined;
}

/** Tags the instance `hold = day` (unless held already) and, with `stop`, stops it if it runs. */
export async function hold(
  deps: OwnerActionDeps,
  instance: Instance,
  options: { readonly day: string; readonly stop: boolean },
): Promise<void> {
  if (isHeld(instance.tags)) {
    deps.note({ kind: 'already-held' });
  } else {
    const tagged = await deps.attempt(`tag ${where(instance)} ${TAGS.hold} = ${options.day}`, () =>
      deps.admin.tagInstance(instance, { [TAGS.hold]: options.day }, deps.signal),
    );
    if (tagged) deps.note({ kind: 'held' });
  }
  if (!options.stop) return;
  if (instance.state === 'stopped' || instance.state === 'stopping') {
    deps.note({ kind: 'already-stopped', state: instance.state });
    return;
  }
  if (await deps.attempt(`stop ${where(instance)}`, () => deps.admin.stopInstance(instance, deps.signal))) {
    deps.note({ kind: 'stopped' });
  }
}

/** Removes one tag, or notes that there was none. */
export async function untag(deps: OwnerActionDeps, instance: Instance, key: string): Promise<void> {
  if (instance.tags[key] === undefined) {
    deps.note({ kind: 'no-tag', key });
    return;
  }
  if (
    await deps.attempt(`remove ${key} from ${where(instance)}`, () =>
      deps.admin.untagInstance(instance, [key], deps.signal),
    )
  ) {
    deps.note({ kind: 'untagged', key });
  }
}

/** Removes `hold`: the guard may start it again on a new month. */
export const release = (deps: OwnerActionDeps, instance: Instance): Promise<void> =>
  untag(deps, instance, TAGS.hold);

/** What the next check of a later month does with a released instance. */
export function afterRelease(instance: Instance): { readonly stoppedIn: string } | undefined {
  const stoppedIn = stoppedByGuardIn(instance.tags);
  return instance.state === 'stopped' && stoppedIn !== undefined ? { stoppedIn } : undefined;
}
