/**
 * ACCOUNTS and ACCOUNT_EXTERNAL_ID: the other AWS accounts the guard checks through roles it
 * assumes, parsed once like every other setting (named variable, accepted values, value received).
 */

import { ENV } from '../constants.js';
import type { AccountRef } from '../core/types.js';
import { type Environment, setting, splitList } from '../env.js';
import { ConfigError } from '../errors.js';

/** A member account's role, as ACCOUNTS gives it: `name=arn` or the ARN alone. */
export interface AccountRole extends AccountRef {
  readonly roleArn: string;
}

/** What ACCOUNTS and ACCOUNT_EXTERNAL_ID set. */
export interface AccountsConfig {
  /** The member accounts' roles; empty: only the guard's own account is checked. */
  readonly accounts: readonly AccountRole[];
  /** The external id every member role requires (ACCOUNT_EXTERNAL_ID). */
  readonly externalId: string | undefined;
}

/**
 * An IAM role ARN, `arn:<partition>:iam::<12-digit account>:role/<path/name>`; the account id is
 * the fifth field. Role names take letters, digits and `+=,.@_-`, paths `/` besides.
 */
export const ROLE_ARN_PATTERN = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/** A name for an account: short and plain, and never 12 digits, so `--account` cannot confuse it with an id. */
const NAME_PATTERN = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** STS takes 2 to 1,224 characters of `[\w+=,.@:/-]` as an external id. */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

/** The 12-digit account id of a role ARN. */
export function accountIdOf(roleArn: string): string | undefined {
  return ROLE_ARN_PATTERN.exec(roleArn)?.[1];
}

function parseEntry(entry: string): AccountRole {
  const at = entry.indexOf('=');
  // A role name may hold `=` too; a name comes only before the ARN.
  const named = at > 0 && !entry.startsWith('arn:');
  const name = named ? entry.slice(0, at).trim() : undefined;
  const roleArn = named ? entry.slice(at + 1).trim() : entry;
  const id = accountIdOf(roleArn);
  if (id === undefined || (name !== undefined && (!NAME_PATTERN.test(name) || /^\d{12}$/.test(name)))) {
    throw new ConfigError(
      `${ENV.accounts} must be comma-separated IAM role ARNs, each optionally named, e.g. ` +
        `prod=arn:aws:iam::111122223333:role/lightsail-guard-member (a name: letters, digits, ` +
        `"_", "." and "-", not 12 digits); got "${entry}".`,
    );
  }
  return Object.freeze({ roleArn, id, ...(name !== undefined ? { name } : {}) });
}

/** Parses ACCOUNTS and ACCOUNT_EXTERNAL_ID; throws `ConfigError` naming the variable. */
export function parseAccounts(env: Environment): AccountsConfig {
  const raw = setting(env, ENV.accounts);
  const accounts = raw === undefined ? [] : splitList(raw).map(parseEntry);
  const twice = (key: (role: AccountRole) => string | undefined): string | undefined => {
    const seen = new Set<string>();
    for (const role of accounts) {
      const value = key(role);
      if (value === undefined) continue;
      if (seen.has(value)) return value;
      seen.add(value);
    }
    return undefined;
  };
  const repeated = twice((role) => role.id) ?? twice((role) => role.name);
  if (repeated !== undefined) {
    throw new ConfigError(
      `${ENV.accounts} names each account once (one role per account, names unique); "${repeated}" is there twice.`,
    );
  }
  const externalId = setting(env, ENV.accountExternalId);
  if (externalId !== undefined && !EXTERNAL_ID_PATTERN.test(externalId)) {
    throw new ConfigError(
      `${ENV.accountExternalId} must be 2 to 1224 characters of letters, digits and +=,.@:/-_ (the external id the member roles require); got ${externalId.length} characters.`,
    );
  }
  if (externalId !== undefined && accounts.length === 0) {
    // Set alone it does nothing: the user believes member accounts are checked when none are.
    throw new ConfigError(
      `${ENV.accountExternalId} is the external id of the roles in ${ENV.accounts}, which is not set.`,
    );
  }
  return Object.freeze({ accounts: Object.freeze(accounts), externalId });
}
