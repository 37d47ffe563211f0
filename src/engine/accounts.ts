/**
 * Several AWS accounts in one run (ACCOUNTS): each is listed, assessed and acted on by itself, in
 * parallel with the others and under the run's one deadline, with its own clients and so its own
 * per-region concurrency (each account has its own API limits). Pools never span accounts
 * (`poolKeyOf`), and every later call about an instance goes to its own account
 * (`routeByAccount`). An account that cannot be checked at all is one named problem and one alert;
 * the others are checked as usual, and nothing of the failed one is read as zero.
 */

import type { AlertEvent } from '../core/alerts.js';
import type { Fleet } from '../core/ports.js';
import type { AccountRef, Instance } from '../core/types.js';
import { checkFleet, type FleetChecked } from './check-fleet.js';
import type { AccountFleet, RunContext } from './types.js';

/** "account prod (111122223333)", or "account 111122223333" when it has no name. */
export function accountName(account: AccountRef): string {
  return account.name === undefined ? `account ${account.id}` : `account ${account.name} (${account.id})`;
}

/** The whole account failed: one problem and one alert, and no region, instance or pool of it. */
function failedAccount(account: AccountRef, error: string): FleetChecked {
  return {
    regions: [],
    regionErrors: [],
    outcomes: [],
    pools: [],
    problems: [`${accountName(account)}: not checked: ${error}`],
    events: [{ kind: 'account-failed', account, error }],
    regionsFailed: true,
  };
}

/**
 * An account whose every call was refused (its regions could not be listed, or none of its regions'
 * instances) is one failure, not a list of regions; `undefined` when anything of it was read.
 */
function refusal(checked: FleetChecked): string | undefined {
  if (checked.regionsFailed) {
    const event = checked.events.find((each) => each.kind === 'regions-failed');
    return event?.kind === 'regions-failed' ? event.error : (checked.problems[0] ?? 'regions not listed');
  }
  const [first] = checked.regionErrors;
  if (first !== undefined && checked.regionErrors.length === checked.regions.length) return first.error;
  return undefined;
}

/** Names the account in what a region's failure says, since several accounts share region names. */
function inAccount(account: AccountRef, checked: FleetChecked): FleetChecked {
  return {
    ...checked,
    regionErrors: checked.regionErrors.map((error) => ({ ...error, account })),
    problems: checked.problems.map((problem) => `${accountName(account)}: ${problem}`),
    events: checked.events.map(
      (event): AlertEvent => (event.kind === 'region-failed' ? { ...event, account } : event),
    ),
  };
}

/** Checks every account in parallel and merges what they found, in the order given. */
export async function checkAccounts(
  ctx: RunContext,
  accounts: readonly AccountFleet[],
): Promise<FleetChecked & { readonly fleet: Fleet }> {
  const each = await Promise.all(
    accounts.map(async (entry): Promise<FleetChecked> => {
      if ('failure' in entry) return failedAccount(entry.account, entry.failure);
      const checked = await checkFleet({ ...ctx, fleet: entry.fleet });
      const refused = refusal(checked);
      return refused === undefined
        ? inAccount(entry.account, checked)
        : failedAccount(entry.account, refused);
    }),
  );
  return {
    regions: [...new Set(each.flatMap((checked) => checked.regions))],
    regionErrors: each.flatMap((checked) => checked.regionErrors),
    outcomes: each.flatMap((checked) => checked.outcomes),
    pools: each.flatMap((checked) => checked.pools),
    problems: each.flatMap((checked) => checked.problems),
    events: each.flatMap((checked) => checked.events),
    regionsFailed: each.every((checked) => checked.regionsFailed),
    fleet: routeByAccount(accounts),
  };
}

/**
 * One fleet over several accounts: each call about an instance goes to the fleet of the account it
 * carries, so alert state is written in the instance's own account. Listing has no account to go
 * to, and is done per account (`checkAccounts`).
 */
export function routeByAccount(accounts: readonly AccountFleet[]): Fleet {
  const fleets = new Map(
    accounts.flatMap((entry) => ('fleet' in entry ? [[entry.account.id, entry.fleet] as const] : [])),
  );
  const fleetOf = (instance: Instance): Fleet => {
    const fleet = instance.account === undefined ? undefined : fleets.get(instance.account.id);
    if (fleet === undefined) {
      throw new Error(`${instance.name}: no account to reach it in (${instance.account?.id ?? 'none'})`);
    }
    return fleet;
  };
  const unlisted = (): never => {
    throw new Error('several accounts are listed one by one (checkAccounts)');
  };
  return {
    listRegions: async () => unlisted(),
    listInstances: async () => unlisted(),
    readMetric: (instance, ...rest) => fleetOf(instance).readMetric(instance, ...rest),
    stopInstance: (instance, signal) => fleetOf(instance).stopInstance(instance, signal),
    startInstance: (instance, signal) => fleetOf(instance).startInstance(instance, signal),
    instanceState: (instance, signal) => fleetOf(instance).instanceState(instance, signal),
    tagInstance: (instance, tags, signal) => fleetOf(instance).tagInstance(instance, tags, signal),
  };
}
