/**
 * What the instance commands (`keep-running`, `hold`, `set-quota`, ..., `untag-all`) share: their
 * options, finding an instance by name in whichever region holds it, and saying what was done.
 */

import { setMaxListeners } from 'node:events';
import { type Config, parseConfig, REGION_PATTERN } from '../config.js';
import type { InstanceAdmin } from '../core/ports.js';
import { accountLabel, type Instance } from '../core/types.js';
import { CommandFailed, describeError, UsageError } from '../errors.js';
import type { CliContext, OptionSpec, ParsedArgs } from './command.js';
import { DEFAULT_TIMEOUT_SECONDS } from './guard-commands.js';

export const ADMIN_OPTIONS: OptionSpec = {
  region: { type: 'string' },
  account: { type: 'string' },
  'dry-run': { type: 'boolean' },
};

export const ADMIN_OPTIONS_HELP = `  --region <region>       the instance's region; without it, every region is searched
                          (REGIONS, else every region GetRegions returns) and a name
                          found in two regions must be given one
  --account <id|name>     with ACCOUNTS: search only this account (else every account)
  --dry-run               find the instance and print what would be done; change nothing`;

/** Everything an instance command works with, read from the command line and the environment. */
export interface AdminRun {
  readonly config: Config;
  readonly admin: InstanceAdmin;
  readonly dryRun: boolean;
  /** `--region`, checked. */
  readonly region: string | undefined;
  /** Ends every call: an instance command is bounded like a run. */
  readonly signal: AbortSignal;
  readonly say: (line: string) => void;
}

/** Parses the shared options and builds the admin port; a bad `--region` or setting is exit 2. */
export async function adminRun(args: ParsedArgs, ctx: CliContext): Promise<AdminRun> {
  const region = args.values.region;
  if (typeof region === 'string' && !REGION_PATTERN.test(region)) {
    throw new UsageError(`--region must be a Lightsail region such as us-east-1; got "${region}"`);
  }
  const config = parseConfig(ctx.env);
  const signal = AbortSignal.timeout(DEFAULT_TIMEOUT_SECONDS * 1000);
  setMaxListeners(0, signal);
  return {
    config,
    admin: await ctx.adminFor(
      config,
      typeof args.values.account === 'string' ? args.values.account : undefined,
    ),
    dryRun: args.values['dry-run'] === true,
    region: typeof region === 'string' ? region : undefined,
    signal,
    say: ctx.out,
  };
}

/** The regions to search: `--region`, else REGIONS, else every region Lightsail lists. */
export async function regionsOf(run: AdminRun): Promise<readonly string[]> {
  if (run.region !== undefined) return [run.region];
  if (run.config.regions !== undefined) return run.config.regions;
  try {
    return await run.admin.listRegions(run.signal);
  } catch (error) {
    throw new CommandFailed(`could not list the Lightsail regions: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** Each region's instances, or its error, listed in parallel. */
export async function listEverywhere(
  run: AdminRun,
  regions: readonly string[],
): Promise<{ instances: Instance[]; failures: string[] }> {
  const listed = await Promise.allSettled(
    regions.map((region) => run.admin.listInstances(region, run.signal)),
  );
  const instances: Instance[] = [];
  const failures: string[] = [];
  listed.forEach((result, index) => {
    if (result.status === 'fulfilled') instances.push(...result.value);
    else failures.push(`${regions[index]}: ${describeError(result.reason)}`);
  });
  return { instances, failures };
}

/**
 * The one instance called `name`: in `--region`, or in whichever region holds it. Two regions
 * holding the name is a usage error (exit 2: say which with `--region`); none, an error (exit 1).
 */
export async function findInstance(run: AdminRun, name: string): Promise<Instance> {
  const regions = await regionsOf(run);
  const { instances, failures } = await listEverywhere(run, regions);
  const found = instances.filter((instance) => instance.name === name);
  const [only] = found;
  if (only !== undefined && found.length === 1) return only;
  if (found.length > 1) {
    const several = found.some((instance) => instance.account !== undefined);
    const where = found
      .map((instance) =>
        instance.account === undefined
          ? instance.region
          : `${instance.region} (account ${accountLabel(instance.account)})`,
      )
      .join(' and ');
    throw new UsageError(
      `an instance named ${name} is in ${where}: say which with --region${several ? ' or --account' : ''}`,
    );
  }
  const searched =
    run.region !== undefined ? run.region : `${regions.length} region${regions.length === 1 ? '' : 's'}`;
  const unread = failures.length > 0 ? `; could not list ${failures.join('; ')}` : '';
  throw new CommandFailed(`no instance named ${name} in ${searched}${unread}`);
}

export { where } from '../lifecycle/owner-actions.js';

/**
 * Runs one change (`what`: "tag web-1 (us-east-1) with ..."), or says what it would be in a dry
 * run. A refused call is exit 1, naming what was attempted. Resolves true when the change was made.
 */
export async function change(run: AdminRun, what: string, call: () => Promise<void>): Promise<boolean> {
  if (run.dryRun) {
    run.say(`Dry run: would ${what}.`);
    return false;
  }
  try {
    await call();
    return true;
  } catch (error) {
    throw new CommandFailed(`could not ${what}: ${describeError(error)}`, { cause: error });
  }
}
