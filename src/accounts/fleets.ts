/**
 * The accounts of a run with ACCOUNTS set: the guard's own, named by its id, and each member
 * account through the role it gives the guard. Built once (per CLI run, per Lambda cold start), so
 * that clients and the roles' credentials are reused run after run while valid. Each account gets
 * its own Lightsail clients: its own connections, its own retry rate limiter and pace per region.
 */

import type { AwsSettings } from '../aws-settings.js';
import type { Fleet, InstanceAdmin } from '../core/ports.js';
import { accountFailureText } from '../core/reasons.js';
import { type AccountRef, type Instance, UNIDENTIFIED_ACCOUNT } from '../core/types.js';
import type { AccountFleet } from '../engine/types.js';
import { describeError, UsageError } from '../errors.js';
import { DEFAULT_MAX_ATTEMPTS, lightsailClientFactory } from '../lightsail/clients.js';
import { createLightsailFleet, type LightsailFleet } from '../lightsail/fleet.js';
import type { Pace } from '../lightsail/pacing.js';
import type { AccountsConfig } from './config.js';
import { cachedRoleCredentials } from './credentials.js';
import { assumeRole, callerAccount, type StsSettings } from './sts.js';

/** What the accounts are built from. */
export interface AccountSourceOptions {
  readonly accounts: AccountsConfig;
  readonly pace: Pace | undefined;
  /** The guard's own account's fleet (its clients, its credentials). */
  readonly own: (account: AccountRef) => LightsailFleet;
  /** Where STS is, and the guard's own credentials that sign its calls. */
  readonly sts: StsSettings;
  /** The region each account's `GetRegions` is asked in. */
  readonly homeRegion: string;
  /** Credentials and endpoints given explicitly (tests); the member's credentials replace these. */
  readonly aws?: AwsSettings;
  /** `--account`: an id or a name; only that account is checked. */
  readonly only?: string | undefined;
}

/** Finds each run's accounts, and the instance commands' admin over them. */
export interface AccountSource {
  /** Every account to check, resolved for this run (`RunDependencies.accounts`). */
  readonly fleets: (signal?: AbortSignal) => Promise<readonly AccountFleet[]>;
}

/**
 * The accounts ACCOUNTS names plus the guard's own. The own account's id comes from one
 * `GetCallerIdentity` per source (per Lambda cold start): it names the account in alerts and JSON
 * even when it has no instance, which an ARN read off an instance could not.
 */
export function accountSource(options: AccountSourceOptions): AccountSource {
  const { accounts, sts, homeRegion } = options;
  const members = accounts.accounts.map((role) => {
    const credentials = cachedRoleCredentials((signal) =>
      assumeRole(sts, { roleArn: role.roleArn, externalId: accounts.externalId }, signal),
    );
    const account: AccountRef = { id: role.id, ...(role.name !== undefined ? { name: role.name } : {}) };
    const clients = lightsailClientFactory({
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      pace: options.pace,
      aws: { ...options.aws, credentials: () => credentials() },
    });
    const fleet = createLightsailFleet({ clientFor: clients, homeRegion, account });
    return { role, account, credentials, fleet };
  });
  let ownId: Promise<string> | undefined;
  let ownFleet: { id: string; fleet: LightsailFleet } | undefined;
  const own = async (signal?: AbortSignal): Promise<AccountFleet> => {
    ownId ??= callerAccount(sts, signal).catch((error: unknown) => {
      ownId = undefined;
      throw error;
    });
    try {
      const id = await ownId;
      if (ownFleet?.id !== id) ownFleet = { id, fleet: options.own({ id }) };
      return { account: { id }, fleet: ownFleet.fleet };
    } catch (error) {
      return {
        account: UNIDENTIFIED_ACCOUNT,
        failure: accountFailureText({
          kind: 'not-identified',
          failure: { kind: 'service', text: describeError(error) },
        }),
      };
    }
  };
  const only = options.only;
  const chosen =
    only === undefined
      ? members
      : members.filter(({ account }) => account.id === only || account.name === only);
  return {
    async fleets(signal) {
      const self = only === undefined || chosen.length === 0 ? await own(signal) : undefined;
      if (only !== undefined && chosen.length === 0 && (self === undefined || self.account.id !== only)) {
        const names = members.map(({ account }) => account.name ?? account.id);
        throw new UsageError(
          `--account must be one of the accounts checked: ${[self?.account.id ?? "the guard's own id", ...names].join(', ')}; got "${only}"`,
        );
      }
      const assumed = await Promise.all(
        chosen.map(async ({ role, account, credentials, fleet }): Promise<AccountFleet> => {
          try {
            await credentials(signal);
            return { account, fleet };
          } catch (error) {
            const failure = { kind: 'service', text: describeError(error) } as const;
            return {
              account,
              failure: accountFailureText({ kind: 'not-assumed', role: role.roleArn, failure }),
            };
          }
        }),
      );
      return [...(self !== undefined ? [self] : []), ...assumed];
    },
  };
}

/**
 * The instance commands' port over several accounts: each region's listing is every account's, each
 * instance carrying its account, and a change goes to the instance's own account. An account that
 * cannot be reached fails the listing, naming it, rather than hiding its instances.
 */
export function adminOverAccounts(accounts: readonly AccountFleet[]): InstanceAdmin {
  const reachable = accounts.flatMap((entry) =>
    'fleet' in entry ? [{ account: entry.account, fleet: entry.fleet as Fleet & InstanceAdmin }] : [],
  );
  const failed = accounts.flatMap((entry) => ('failure' in entry ? [entry] : []));
  const refuse = (): void => {
    const [first] = failed;
    if (first !== undefined) {
      throw new Error(`account ${first.account.name ?? first.account.id} not reachable: ${first.failure}`);
    }
  };
  const adminOf = (instance: Instance): InstanceAdmin => {
    const found = reachable.find(({ account }) => account.id === instance.account?.id);
    if (found === undefined) throw new Error(`${instance.name}: its account is not reachable`);
    return found.fleet;
  };
  return {
    async listRegions(signal) {
      refuse();
      const lists = await Promise.all(reachable.map(({ fleet }) => fleet.listRegions(signal)));
      return [...new Set(lists.flat())];
    },
    async listInstances(region, signal) {
      refuse();
      const lists = await Promise.all(reachable.map(({ fleet }) => fleet.listInstances(region, signal)));
      return lists.flat();
    },
    tagInstance: (instance, tags, signal) => adminOf(instance).tagInstance(instance, tags, signal),
    untagInstance: (instance, keys, signal) => adminOf(instance).untagInstance(instance, keys, signal),
    startInstance: (instance, signal) => adminOf(instance).startInstance(instance, signal),
    stopInstance: (instance, signal) => adminOf(instance).stopInstance(instance, signal),
  };
}
