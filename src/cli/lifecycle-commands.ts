/** `keep-running`, `hold` and `release`: the owner's say over the guard's stops and new-month starts. */

import { TAGS } from '../constants.js';
import { billingMonthOf, utcDayKey } from '../core/billing-month.js';
import { isHeld, stoppedByGuardIn } from '../core/restart.js';
import type { Instance } from '../core/types.js';
import { CommandFailed, UsageError } from '../errors.js';
import type { CliCommand } from './command.js';
import {
  ADMIN_OPTIONS,
  ADMIN_OPTIONS_HELP,
  type AdminRun,
  adminRun,
  change,
  findInstance,
  positionals,
  where,
} from './instance-admin.js';

/** States in which an instance is up, or coming up: nothing to start. */
const UP = new Set(['running', 'pending']);

/** Starts a stopped instance; one up already is fine, any other state is exit 1. */
async function startIt(run: AdminRun, instance: Instance): Promise<void> {
  if (UP.has(instance.state)) {
    run.say(`${where(instance)} is already ${instance.state}.`);
    return;
  }
  if (instance.state !== 'stopped') {
    throw new CommandFailed(
      `${where(instance)} is ${instance.state}: it can be started once it is stopped; try again in a minute`,
    );
  }
  if (await change(run, `start ${where(instance)}`, () => run.admin.startInstance(instance, run.signal))) {
    run.say(`${where(instance)}: started.`);
  }
  // Its owner started it: a stop record of the guard's is spent, so that a later stop by the owner
  // is never undone on the 1st (the next check would clear it too, this is sooner).
  if (instance.tags[TAGS.stopped]?.trim()) {
    await change(run, `clear ${TAGS.stopped} on ${where(instance)}`, () =>
      run.admin.tagInstance(instance, { [TAGS.stopped]: '' }, run.signal),
    );
  }
}

/** Removes one tag, or says there was none. */
async function untag(run: AdminRun, instance: Instance, key: string, after: string): Promise<void> {
  if (instance.tags[key] === undefined) {
    run.say(`${where(instance)} has no ${key} tag; nothing to remove.`);
    return;
  }
  if (
    await change(run, `remove ${key} from ${where(instance)}`, () =>
      run.admin.untagInstance(instance, [key], run.signal),
    )
  ) {
    run.say(`${where(instance)}: ${key} removed: ${after}.`);
  }
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
    if (args.values.clear === true) {
      await untag(run, instance, TAGS.keepRunning, 'the guard stops it again at its threshold');
      return 0;
    }
    if (start && isHeld(instance.tags)) {
      throw new CommandFailed(
        `${where(instance)} is held (${TAGS.hold}): release it first with lightsail-guard release ${name}`,
      );
    }
    const month = billingMonthOf(new Date()).key;
    const tagged = await change(run, `tag ${where(instance)} ${TAGS.keepRunning} = ${month}`, () =>
      run.admin.tagInstance(instance, { [TAGS.keepRunning]: month }, run.signal),
    );
    if (tagged) {
      run.say(
        `${where(instance)}: tagged ${TAGS.keepRunning} = ${month}: the guard will not stop it again this month.`,
      );
    }
    if (start) await startIt(run, instance);
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
    if (isHeld(instance.tags)) {
      run.say(`${where(instance)} is already held (${TAGS.hold}).`);
    } else {
      const since = utcDayKey(new Date());
      const tagged = await change(run, `tag ${where(instance)} ${TAGS.hold} = ${since}`, () =>
        run.admin.tagInstance(instance, { [TAGS.hold]: since }, run.signal),
      );
      if (tagged) run.say(`${where(instance)}: held: the guard never starts it on a new month.`);
    }
    if (args.values.stop !== true) return 0;
    if (instance.state === 'stopped' || instance.state === 'stopping') {
      run.say(`${where(instance)} is already ${instance.state}.`);
      return 0;
    }
    if (await change(run, `stop ${where(instance)}`, () => run.admin.stopInstance(instance, run.signal))) {
      run.say(`${where(instance)}: stopped.`);
    }
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
    const stoppedIn = stoppedByGuardIn(instance.tags);
    const next =
      instance.state === 'stopped' && stoppedIn !== undefined
        ? `the guard stopped it in ${stoppedIn}, so with RESTART_ON_NEW_MONTH a check of a later month starts it`
        : 'the guard may start it on a new month if it stops it';
    await untag(run, instance, TAGS.hold, next);
    return 0;
  },
};
