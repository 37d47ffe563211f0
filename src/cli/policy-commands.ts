/** `set-quota`, `set-warn` and `set-action`: an instance's own policy, as tags, without typing tag keys. */

import { ENV, TAGS } from '../constants.js';
import { POLICY_ACTIONS, type PolicyAction } from '../core/instance-policy.js';
import { levelsTagValue, percentValue, splitLevels, warnLevels } from '../core/percent-rules.js';
import type { Instance } from '../core/types.js';
import { UsageError } from '../errors.js';
import { type AdminRun, where } from './instance-admin.js';
import { policyTagCommand, policyWith, tagsWith } from './policy-tag.js';

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

export const setQuotaCommand = policyTagCommand<number>({
  name: 'set-quota',
  summary: "Set or clear an instance's own stop threshold, in percent.",
  key: TAGS.quota,
  valueName: 'percent',
  about: `Tags the instance ${TAGS.quota} = <percent>: its own stop threshold, by the rules of
${ENV.quotaPercent} (a number greater than 0; above 100 accepts some overage).`,
  afterClear: `${ENV.quotaPercent} applies again`,
  parse(raw) {
    const quota = percentValue(raw);
    if (quota === undefined) {
      throw new UsageError(
        `<percent> must be a number greater than 0 (as ${ENV.quotaPercent}); got "${raw}"`,
      );
    }
    return quota;
  },
  plan(run, instance, quota) {
    const value = quota === undefined ? undefined : String(quota);
    keepWarnValid(run, instance, tagsWith(instance.tags, TAGS.quota, value));
    const meaning =
      value === undefined
        ? `it is stopped at ${run.config.policy.quotaPercent}% (${ENV.quotaPercent})`
        : `it is stopped at ${value}% of its allowance`;
    return { value, meaning };
  },
});

export const setWarnCommand = policyTagCommand<string[]>({
  name: 'set-warn',
  summary: 'Set or clear an instance\'s own warning levels ("" turns its warnings off).',
  key: TAGS.warn,
  valueName: 'levels',
  about: `Tags the instance ${TAGS.warn} with its own warning levels, by the rules of ${ENV.warnPercent}:
e.g. 60,80 (written 60/80: tag values may not hold a comma), each below the instance's
threshold; "" turns its warnings off.`,
  afterClear: `${ENV.warnPercent} applies again`,
  parse(raw) {
    const items = splitLevels(raw);
    const notPercent = items.filter((item) => percentValue(item) === undefined);
    if (notPercent.length > 0) {
      throw new UsageError(
        `<levels> must be warning levels in percent, greater than 0, such as 60,80; got "${notPercent[0]}"`,
      );
    }
    return items;
  },
  plan(run, instance, items) {
    // The threshold and global levels the instance has without its own levels.
    const global = policyWith(run, tagsWith(instance.tags, TAGS.warn, undefined));
    if (items === undefined) {
      const meaning =
        global.warnPercents.length === 0
          ? 'it gets no warnings'
          : `it is warned at ${levelsTagValue(global.warnPercents)}`;
      return { value: undefined, meaning: `${meaning} (${ENV.warnPercent})` };
    }
    const checked = warnLevels(items, global.quotaPercent);
    if (checked.kind !== 'levels') {
      throw new UsageError(
        `warning levels must be below ${where(instance)}'s ${global.quotaPercent}% threshold; got ${items.join(', ')}`,
      );
    }
    const value = levelsTagValue(checked.levels);
    const meaning =
      checked.levels.length === 0 ? 'its warnings are off' : `it is warned at ${value} (once each a month)`;
    return { value, meaning };
  },
});

const ACTION_MEANING: Readonly<Record<PolicyAction, string>> = {
  stop: 'the guard stops it at its threshold',
  notify: 'the guard sends its alerts but never stops it',
  ignore: 'the guard no longer reads, alerts about, stops or starts it',
};

export const setActionCommand = policyTagCommand<PolicyAction>({
  name: 'set-action',
  summary: 'Set what the guard does with an instance: stop, notify (alerts only) or ignore.',
  key: TAGS.action,
  valueName: 'stop|notify|ignore',
  about: `Tags the instance ${TAGS.action}: stop (stop it at its threshold), notify (send its alerts,
never stop it) or ignore (not monitored: listed as ignored in status and the report).`,
  afterClear: `${ENV.action} applies again (default stop)`,
  parse(raw) {
    const action = POLICY_ACTIONS.find((known) => known === raw.trim().toLowerCase());
    if (action === undefined) throw new UsageError(`the action must be stop, notify or ignore; got "${raw}"`);
    return action;
  },
  plan(run, _instance, action) {
    const meaning =
      action === undefined
        ? `${ACTION_MEANING[run.config.action]} (${ENV.action}=${run.config.action})`
        : ACTION_MEANING[action];
    return { value: action, meaning };
  },
});
