/** `untag-all`: removes every `lightsail-guard:` tag from every instance, for uninstalling. */

import { TAG_PREFIX } from '../constants.js';
import type { Instance } from '../core/types.js';
import { mapWithLimit } from '../engine/concurrency.js';
import { CommandFailed, describeError } from '../errors.js';
import type { CliCommand } from './command.js';
import { ADMIN_OPTIONS, adminRun, listEverywhere, regionsOf, where } from './instance-admin.js';
import { positionals } from './options.js';

const guardKeys = (instance: Instance): string[] =>
  Object.keys(instance.tags)
    .filter((key) => key.startsWith(TAG_PREFIX))
    .sort();

export const untagAllCommand: CliCommand = {
  name: 'untag-all',
  summary: 'Remove every lightsail-guard: tag from every instance (to uninstall).',
  help: `Usage: lightsail-guard untag-all [options]

Removes every ${TAG_PREFIX}* tag from every instance: alert state, stop records, and the
settings you gave (keep-running, hold, quota, warn, action). Searches --region, else REGIONS,
else every region GetRegions returns; INSTANCES_TO_MONITOR does not limit it.

Options:
  --region <region>       only this region
  --dry-run               list the tags that would be removed; remove nothing

Needs lightsail:GetRegions, GetInstances, UntagResource.`,
  options: ADMIN_OPTIONS,
  async run(args, ctx) {
    positionals(args, [], 'untag-all');
    const run = await adminRun(args, ctx);
    const regions = await regionsOf(run);
    const { instances, failures } = await listEverywhere(run, regions);
    const tagged = instances.filter((instance) => guardKeys(instance).length > 0);
    const refused: string[] = [];
    const untagOne = async (instance: Instance): Promise<void> => {
      const keys = guardKeys(instance);
      if (run.dryRun) {
        run.say(`Dry run: would remove from ${where(instance)}: ${keys.join(', ')}`);
        return;
      }
      try {
        await run.admin.untagInstance(instance, keys, run.signal);
        run.say(`${where(instance)}: removed ${keys.join(', ')}`);
      } catch (error) {
        refused.push(`${where(instance)}: ${describeError(error)}`);
      }
    };
    await mapWithLimit(tagged, run.config.concurrency, untagOne);
    const inRegions = `in ${regions.length} region${regions.length === 1 ? '' : 's'}`;
    const count = (n: number): string => `${n} instance${n === 1 ? '' : 's'}`;
    if (tagged.length === 0) run.say(`No instance ${inRegions} carries a ${TAG_PREFIX} tag.`);
    else if (run.dryRun) run.say(`Would untag ${count(tagged.length)} ${inRegions}.`);
    else run.say(`Untagged ${tagged.length - refused.length} of ${count(tagged.length)} ${inRegions}.`);
    const unlisted = failures.map((failure) => `could not list ${failure}`);
    const notDone = [...unlisted, ...refused.map((failure) => `could not untag ${failure}`)];
    if (notDone.length > 0) throw new CommandFailed(`not everything was untagged: ${notDone.join('; ')}`);
    return 0;
  },
};
