/** `set-quota`, `set-warn` and `set-action`: an instance's own policy, as tags, without typing tag keys. */

import { ENV, TAGS } from '../constants.js';
import { instancePolicy, POLICY_ACTIONS, type PolicyAction } from '../core/instance-policy.js';
import { levelsTagValue, percentValue, splitLevels, warnLevels } from '../core/percent-rules.js';
import type { Instance } from '../core/types.js';
import { UsageError } from '../errors.js';
import type { CliCommand, ParsedArgs } from './command.js';
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

const CLEAR_OPTIONS = { ...ADMIN_OPTIONS, clear: { type: 'boolean' as const } };

/** `<name> <value>`, or `<name> --clear`. */
function nameAndValue(args: ParsedArgs, command: string, valueName: string): [string, string | undefined] {
  if (args.values.clear === true) {
    const [name = ''] = positionals(args, ['name'], command);
    return [name, undefined];
  }
  const [name = '', value = ''] = positionals(args, ['name', valueName], command);
  return [name, value];
}

/** The instance's policy if its tags were `tags`, over the environment's settings. */
function policyWith(run: AdminRun, tags: Readonly<Record<string, string>>) {
  return instancePolicy(tags, { policy: run.config.policy, action: run.config.action });
}

/**
 * Refuses a change after which the instance's warning levels would no longer be below its
 * threshold: the guard would then call the warn tag malformed and use the global levels.
 */
function keepWarnValid(run: AdminRun, instance: Instance, tags: Record<string, string>): void {
  const before = policyWith(run, instance.tags).tagProblems.some((problem) => problem.key === TAGS.warn);
  const after = policyWith(run, tags);
  if (!before && after.tagProblems.some((problem) => problem.key === TAGS.warn)) {
    throw new UsageError(
      `${where(instance)} is warned at ${instance.tags[TAGS.warn]}, not below a ${after.quotaPercent}% threshold: change that first with set-warn ${instance.name} <levels>, or set-warn ${instance.name} --clear`,
    );
  }
}

/** Writes one tag (or removes it), or says what would be done. */
async function setTag(
  run: AdminRun,
  instance: Instance,
  key: string,
  value: string | undefined,
  meaning: string,
): Promise<void> {
  if (value === undefined) {
    if (instance.tags[key] === undefined) {
      run.say(`${where(instance)} has no ${key} tag; nothing to remove.`);
      return;
    }
    const removed = await change(run, `remove ${key} from ${where(instance)}`, () =>
      run.admin.untagInstance(instance, [key], run.signal),
    );
    if (removed) run.say(`${where(instance)}: ${key} removed: ${meaning}.`);
    return;
  }
  const tagged = await change(run, `tag ${where(instance)} ${key} = ${value}`, () =>
    run.admin.tagInstance(instance, { [key]: value }, run.signal),
  );
  if (tagged) run.say(`${where(instance)}: tagged ${key} = ${value}: ${meaning}.`);
}

const withoutTag = (tags: Readonly<Record<string, string>>, key: string): Record<string, string> =>
  Object.fromEntries(Object.entries(tags).filter(([other]) => other !== key));

export const setQuotaCommand: CliCommand = {
  name: 'set-quota',
  summary: "Set or clear an instance's own stop threshold, in percent.",
  help: `Usage: lightsail-guard set-quota <name> <percent> [options]
       lightsail-guard set-quota <name> --clear [options]

Tags the instance ${TAGS.quota} = <percent>: its own stop threshold, by the rules of
${ENV.quotaPercent} (a number greater than 0; above 100 accepts some overage).

Options:
  --clear                 remove the tag: ${ENV.quotaPercent} applies again
${ADMIN_OPTIONS_HELP}

Needs lightsail:GetRegions, GetInstances, TagResource (--clear: UntagResource).`,
  options: CLEAR_OPTIONS,
  async run(args, ctx) {
    const [name, raw] = nameAndValue(args, 'set-quota', 'percent');
    const quota = raw === undefined ? undefined : percentValue(raw);
    if (raw !== undefined && quota === undefined) {
      throw new UsageError(
        `<percent> must be a number greater than 0 (as ${ENV.quotaPercent}); got "${raw}"`,
      );
    }
    const run = await adminRun(args, ctx);
    const instance = await findInstance(run, name);
    const value = quota === undefined ? undefined : String(quota);
    const tags =
      value === undefined ? withoutTag(instance.tags, TAGS.quota) : { ...instance.tags, [TAGS.quota]: value };
    keepWarnValid(run, instance, tags);
    const meaning =
      value === undefined
        ? `it is stopped at ${run.config.policy.quotaPercent}% (${ENV.quotaPercent})`
        : `it is stopped at ${value}% of its allowance`;
    await setTag(run, instance, TAGS.quota, value, meaning);
    return 0;
  },
};

export const setWarnCommand: CliCommand = {
  name: 'set-warn',
  summary: 'Set or clear an instance\'s own warning levels ("" turns its warnings off).',
  help: `Usage: lightsail-guard set-warn <name> <levels> [options]
       lightsail-guard set-warn <name> --clear [options]

Tags the instance ${TAGS.warn} with its own warning levels, by the rules of ${ENV.warnPercent}:
e.g. 60,80 (written 60/80: tag values may not hold a comma), each below the instance's
threshold; "" turns its warnings off.

Options:
  --clear                 remove the tag: ${ENV.warnPercent} applies again
${ADMIN_OPTIONS_HELP}

Needs lightsail:GetRegions, GetInstances, TagResource (--clear: UntagResource).`,
  options: CLEAR_OPTIONS,
  async run(args, ctx) {
    const [name, raw] = nameAndValue(args, 'set-warn', 'levels');
    const items = raw === undefined ? [] : splitLevels(raw);
    const notPercent = items.filter((item) => percentValue(item) === undefined);
    if (notPercent.length > 0) {
      throw new UsageError(
        `<levels> must be warning levels in percent, greater than 0, such as 60,80; got "${notPercent[0]}"`,
      );
    }
    const run = await adminRun(args, ctx);
    const instance = await findInstance(run, name);
    if (raw === undefined) {
      const global = policyWith(run, withoutTag(instance.tags, TAGS.warn)).warnPercents;
      const meaning =
        global.length === 0 ? 'it gets no warnings' : `it is warned at ${levelsTagValue(global)}`;
      await setTag(run, instance, TAGS.warn, undefined, `${meaning} (${ENV.warnPercent})`);
      return 0;
    }
    const { quotaPercent } = policyWith(run, withoutTag(instance.tags, TAGS.warn));
    const checked = warnLevels(items, quotaPercent);
    if (checked.kind !== 'levels') {
      throw new UsageError(
        `warning levels must be below ${where(instance)}'s ${quotaPercent}% threshold; got ${items.join(', ')}`,
      );
    }
    const value = levelsTagValue(checked.levels);
    const meaning =
      checked.levels.length === 0 ? 'its warnings are off' : `it is warned at ${value} (once each a month)`;
    await setTag(run, instance, TAGS.warn, value, meaning);
    return 0;
  },
};

const ACTION_MEANING: Readonly<Record<PolicyAction, string>> = {
  stop: 'the guard stops it at its threshold',
  notify: 'the guard sends its alerts but never stops it',
  ignore: 'the guard no longer reads, alerts about, stops or starts it',
};

export const setActionCommand: CliCommand = {
  name: 'set-action',
  summary: 'Set what the guard does with an instance: stop, notify (alerts only) or ignore.',
  help: `Usage: lightsail-guard set-action <name> <stop|notify|ignore> [options]
       lightsail-guard set-action <name> --clear [options]

Tags the instance ${TAGS.action}: stop (stop it at its threshold), notify (send its alerts,
never stop it) or ignore (not monitored: listed as ignored in status and the report).

Options:
  --clear                 remove the tag: ${ENV.action} applies again (default stop)
${ADMIN_OPTIONS_HELP}

Needs lightsail:GetRegions, GetInstances, TagResource (--clear: UntagResource).`,
  options: CLEAR_OPTIONS,
  async run(args, ctx) {
    const [name, raw] = nameAndValue(args, 'set-action', 'stop|notify|ignore');
    const action = POLICY_ACTIONS.find((known) => known === raw?.trim().toLowerCase());
    if (raw !== undefined && action === undefined) {
      throw new UsageError(`the action must be stop, notify or ignore; got "${raw}"`);
    }
    const run = await adminRun(args, ctx);
    const instance = await findInstance(run, name);
    const meaning =
      action === undefined
        ? `${ACTION_MEANING[run.config.action]} (${ENV.action}=${run.config.action})`
        : ACTION_MEANING[action];
    await setTag(run, instance, TAGS.action, action, meaning);
    return 0;
  },
};
