/**
 * A member role's credentials, assumed once and reused while valid: within a run every region's
 * client shares them, and on Lambda the next scheduled runs of the same cold start do too, so a
 * member account costs one `AssumeRole` an hour rather than one per run or per call.
 */

import type { RoleCredentials } from './sts.js';

/**
 * Credentials this close to expiry are renewed first: a run that started with them must be able to
 * finish its stops and tag writes (the Lambda's timeout is far shorter).
 */
export const RENEW_BEFORE_MS = 5 * 60_000;

/** A provider of one role's credentials, as the SDK's `credentials` option takes it. */
export type RoleCredentialsProvider = (signal?: AbortSignal) => Promise<RoleCredentials>;

/**
 * Wraps `assume` so that credentials are reused until `RENEW_BEFORE_MS` before they expire, and
 * callers at the same moment share one call. A failure is not kept: the next call tries again.
 */
export function cachedRoleCredentials(
  assume: (signal?: AbortSignal) => Promise<RoleCredentials>,
  nowMs: () => number = Date.now,
): RoleCredentialsProvider {
  let current: RoleCredentials | undefined;
  let pending: Promise<RoleCredentials> | undefined;
  return async (signal) => {
    if (current !== undefined && current.expiration.getTime() - RENEW_BEFORE_MS > nowMs()) return current;
    pending ??= assume(signal).then(
      (credentials) => {
        current = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
