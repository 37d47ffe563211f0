/**
 * What `set-quota`, `set-warn` and `set-action` share: each sets or clears one policy tag on one
 * instance, with the same arguments, `--help` layout, checks before any call and report of what
 * was done. A command says only how its value is read and what the change means.
 */

import { instancePolicy } from '../core/instance-policy.js';
import type { Instance } from '../core/types.js';
import type { CliCommand, ParsedArgs } from './command.js';
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

/** The tag's new value (`undefined` removes it), and what that means for the instance. */
export interface TagChange {
  readonly value: string | undefined;
  readonly meaning: string;
}

export interface PolicyTagCommand<Parsed> {
  readonly name: string;
  readonly summary: string;
  /** The tag the command writes. */
  readonly key: string;
  /** What `<value>` is called in the usage line and the missing-argument error. */
  readonly valueName: string;
  /** The paragraph of `--help` that says what the tag does. */
  readonly about: string;
  /** What applies once `--clear` removed the tag, for `--help`. */
  readonly afterClear: string;
  /** Reads the value before any call, so a bad one is exit 2 with nothing asked of AWS. */
  readonly parse: (raw: string) => Parsed;
  /** The change to make (`parsed` is `undefined` for `--clear`); throws `UsageError` to refuse it. */
  readonly plan: (run: AdminRun, instance: Instance, parsed: Parsed | undefined) => TagChange;
}

/** A `set-*` command: `<name> <value>` or `<name> --clear`, then one tag written or removed. */
export function policyTagCommand<Parsed>(spec: PolicyTagCommand<Parsed>): CliCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    help: `Usage: lightsail-guard ${spec.name} <name> <${spec.valueName}> [options]
       lightsail-guard ${spec.name} <name> --clear [options]

${spec.about}

Options:
  --clear                 remove the tag: ${spec.afterClear}
${ADMIN_OPTIONS_HELP}

Needs lightsail:GetRegions, GetInstances, TagResource (--clear: UntagResource).`,
    options: { ...ADMIN_OPTIONS, clear: { type: 'boolean' } },
    async run(args, ctx) {
      const [name, raw] = nameAndValue(args, spec.name, spec.valueName);
      const parsed = raw === undefined ? undefined : spec.parse(raw);
      const run = await adminRun(args, ctx);
      const instance = await findInstance(run, name);
      const { value, meaning } = spec.plan(run, instance, parsed);
      await setTag(run, instance, spec.key, value, meaning);
      return 0;
    },
  };
}

/** `<name> <value>`, or `<name> --clear`. */
function nameAndValue(args: ParsedArgs, command: string, valueName: string): [string, string | undefined] {
  if (args.values.clear === true) {
    const [name = ''] = positionals(args, ['name'], command);
    return [name, undefined];
  }
  const [name = '', value = ''] = positionals(args, ['name', valueName], command);
  return [name, value];
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

/** The instance's policy if its tags were `tags`, over the environment's settings. */
export function policyWith(run: AdminRun, tags: Readonly<Record<string, string>>) {
  return instancePolicy(tags, { policy: run.config.policy, action: run.config.action });
}

/** `tags` as they would be once `key` is set to `value`, or removed (`undefined`). */
export function tagsWith(
  tags: Readonly<Record<string, string>>,
  key: string,
  value: string | undefined,
): Record<string, string> {
  if (value !== undefined) return { ...tags, [key]: value };
  return Object.fromEntries(Object.entries(tags).filter(([other]) => other !== key));
}
