import type { AccountRef, Instance } from './types.js';

/**
 * Lightsail pools the data-transfer allowance of the instances of one bundle in one region, and
 * treats the IPv4 and IPv6 plans of one size as one bundle (the data-transfer FAQ). Bundle ids name
 * the IPv6-only plans with an `ipv6` part (`small_ipv6_3_0` beside `small_3_0`), so the pool's
 * bundle is the id without that part. Ids that still differ (another size, a Windows plan, another
 * version such as `_2_0`) are kept apart: splitting a real pool can only make the guard stricter
 * (each part is judged against a smaller allowance), never let traffic through.
 */
export function poolBundleOf(bundleId: string): string {
  return bundleId
    .split('_')
    .filter((part) => part.toLowerCase() !== 'ipv6')
    .join('_');
}

/**
 * The pool an instance belongs to: `region/bundle`, within its account (`account/region/bundle`
 * when several are checked): AWS pools allowances within an account, never across accounts.
 */
export function poolKeyOf(instance: Pick<Instance, 'region' | 'bundleId' | 'account'>): string {
  const where = instance.account === undefined ? '' : `${instance.account.id}/`;
  return `${where}${instance.region}/${poolBundleOf(instance.bundleId)}`;
}

/** A pool as alerts and `--json` name it: where, which plan, who is in it, and its totals. */
export interface PoolFigures {
  readonly region: string;
  /** The account it is in, when several are checked. */
  readonly account?: AccountRef;
  /** The pool's bundle: the members' bundle id without its `ipv6` part. */
  readonly bundleId: string;
  /** Member names. */
  readonly instances: readonly string[];
  readonly usedBytes: number;
  readonly allowanceBytes: number;
  readonly percent: number;
}

/** How many members a subject line names before it says how many more: subjects are short. */
export const SUBJECT_MEMBERS = 3;

/** The members a subject line names (the first `SUBJECT_MEMBERS`), and how many it leaves out. */
export function subjectMembers(pool: Pick<PoolFigures, 'instances'>): {
  readonly named: readonly string[];
  readonly more: number;
} {
  const named = pool.instances.slice(0, SUBJECT_MEMBERS);
  return { named, more: pool.instances.length - named.length };
}
