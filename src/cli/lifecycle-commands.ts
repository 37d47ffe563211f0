/** `keep-running`, `hold` and `release`: the owner's say over the guard's stops and new-month starts. */

import { TAGS } from '../constants.js';
import { billingMonthOf, utcDayKey } from '../core/billing-month.js';
import type { Instance } from '../core/types.js';
import { CommandFailed, UsageError } from '../errors.js';
import {
  afterRelease,
  hold,
  keepRunning,
  type Note,
  type OwnerActionDeps,
  type Refusal,
  release,
  untag,
} from '../lifecycle/owner-actions.js';
import type { CliCommand } from './command.js';
import {
  ADMIN_OPTIONS,
  ADMIN_OPTIONS_HELP,
  type AdminRun,
  adminRun,
  change,
  findInstance,
  where,
} from './instance-admin.js';
import { positionals } from './options.js';

/** The shared owner actions, run as the CLI runs changes (`--dry-run`, errors as exit 1). */
function ownerDeps(run: AdminRun, say: (note: Note) => void): OwnerActionDeps {
  return {
    admin: run.admin,
    signal: run.signal,
    attempt: (what, call) => change(run, what, call),
    note: say,
  };
}

/** Each note as the CLI has always said it; `after` is what removing the tag means. */
function noteLine(instance: Instance, note: Note, after: string): string {
  const at = where(instance);
  switch (note.kind) {
    case 'kept':
      return `${at}: tagged ${TAGS.keepRunning} = ${note.month}: the guard will not stop it again this month.`;
    case 'already-up':
      return `${at} is already ${note.state}.`;
    case 'started':
      return `${at}: started.`;
    case 'held':
      return `${at}: held: the guard never starts it on a new month.`;
    case 'already-held':
      return `${at} is already held (${TAGS.hold}).`;
    case 'already-stopped':
      return `${at} is already ${note.state}.`;
    case 'stopped':
      return `${at}: stopped.`;
    case 'untagged':
      return `${at}: ${note.key} removed: ${after}.`;
    case 'no-tag':
      return `${at} has no ${note.key} tag; nothing to remove.`;
  }
}

/** A refusal as the CLI's exit 1. */
function refuse(instance: Instance, refusal: Refusal | undefined, name: string): void {
  if (refusal === undefined) return;
  if (refusal.refused === 'held') {
    throw new CommandFailed(
      `${where(instance)} is held (${TAGS.hold}): release it first with lightsail-guard release ${name}`,
    );
  }
  throw new CommandFailed(
    `${where(instance)} is ${refusal.state}: it can be started once it is stopped; try again in a minute`,
  );
}

export const keepRunningCommand: CliCommand = {
  name: 'keep-running',
  summary: 'Keep an instance running past its threshold this month (--start: start it too).',
  help: `Usage: lightsail-guard keep-running <name> [options]

Tags the instance ${TAGS.keepRunning} = this billing month (UTC): the guard does not stop
it again this month, and alerts once that it is over its threshold. The tag lapses on the 1st.

Options:
  --start                 also start the instance if it is stopped (not one that is held:
                          release it first)
  --clear                 remove the tag: the guard stops it again at its threshold
${ADMIN_OPTIONS_HELP}

Needs lightsail:GetRegions, GetInstances, TagResource (--start: StartInstance; --clear:
UntagResource).`,
  options: { ...ADMIN_OPTIONS, start: { type: 'boolean' }, clear: { type: 'boolean' } },
  async run(args, ctx) {
    const [name = ''] = positionals(args, ['name'], 'keep-running');
    const start = args.values.start === true;
    if (start && args.values.clear === true) throw new UsageError('--start and --clear do not go together');
    const run = await adminRun(args, ctx);
    const instance = await findInstance(run, name);
    const say = (after: string) => (note: Note) => run.say(noteLine(instance, note, after));
    if (args.values.clear === true) {
      const after = 'the guard stops it again at its threshold';
      await untag(ownerDeps(run, say(after)), instance, TAGS.keepRunning);
      return 0;
    }
    const month = billingMonthOf(new Date()).key;
    refuse(instance, await keepRunning(ownerDeps(run, say('')), instance, { month, start }), name);
    return 0;
  },
};

export const holdCommand: CliCommand = {
  name: 'hold',
  summary: 'Keep an instance stopped: never started on a new month (--stop: stop it now).',
  help: `Usage: lightsail-guard hold <name> [options]

Tags the instance ${TAGS.hold}: with RESTART_ON_NEW_MONTH, the guard never starts it again on
a new month, even though it stopped it. Undo with lightsail-guard release <name>.

Options:
  --stop                  also stop the instance if it is running
${ADMIN_OPTIONS_HELP}

Needs lightsail:GetRegions, GetInstances, TagResource (--stop: StopInstance).`,
  options: { ...ADMIN_OPTIONS, stop: { type: 'boolean' } },
  async run(args, ctx) {
    const [name = ''] = positionals(args, ['name'], 'hold');
    const run = await adminRun(args, ctx);
    const instance = await findInstance(run, name);
    const say = (note: Note) => run.say(noteLine(instance, note, ''));
    await hold(ownerDeps(run, say), instance, {
      day: utcDayKey(new Date()),
      stop: args.values.stop === true,
    });
    return 0;
  },
};

export const releaseCommand: CliCommand = {
  name: 'release',
  summary: 'Undo hold: the guard may start the instance again on a new month.',
  help: `Usage: lightsail-guard release <name> [options]

Removes ${TAGS.hold} from the instance. If the guard stopped it in an earlier month and
RESTART_ON_NEW_MONTH is set, the next check starts it.

Options:
${ADMIN_OPTIONS_HELP}

Needs lightsail:GetRegions, GetInstances, UntagResource.`,
  options: ADMIN_OPTIONS,
  async run(args, ctx) {
    const [name = ''] = positionals(args, ['name'], 'release');
    const run = await adminRun(args, ctx);
    const instance = await findInstance(run, name);
    const later = afterRelease(instance);
    const next =
      later !== undefined
        ? `the guard stopped it in ${later.stoppedIn}, so with RESTART_ON_NEW_MONTH a check of a later month starts it`
        : 'the guard may start it on a new month if it stops it';
    await release(
      ownerDeps(run, (note) => run.say(noteLine(instance, note, next))),
      instance,
    );
    return 0;
  },
};
