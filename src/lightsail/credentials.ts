/**
 * The CLI's first question to AWS: are there credentials at all? Without them every Lightsail call
 * fails alike, and a run would print an empty table above a list of identical errors.
 */

import type { LightsailClient } from '@aws-sdk/client-lightsail';
import { ConfigError } from '../errors.js';

/** What to do when the AWS SDK finds no credentials, for a person at a terminal. */
export const CREDENTIALS_HINT =
  'Set AWS_PROFILE to a profile in ~/.aws/config (run `aws configure` to create one, or ' +
  '`aws sso login --profile <name>` for an SSO profile), or export AWS_ACCESS_KEY_ID and ' +
  'AWS_SECRET_ACCESS_KEY. `aws sts get-caller-identity` shows whether the credentials work.';

/**
 * Whether `error` is the AWS SDK saying it found no usable credentials (every provider of its
 * default chain failed, the profile does not exist, an SSO session expired).
 */
export function isMissingCredentials(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'CredentialsProviderError' || /Could not load credentials/i.test(error.message);
}

/**
 * Resolves the client's credentials once, as its first request would, and turns "none found" into
 * a `ConfigError` (exit code 2) with the hint. The SDK caches what it resolved, so the run that
 * follows pays nothing more. Any other failure is left to the run, which names it per region.
 */
export async function requireCredentials(client: LightsailClient): Promise<void> {
  try {
    await client.config.credentials();
  } catch (error) {
    if (!isMissingCredentials(error)) return;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`no AWS credentials found (${detail}). ${CREDENTIALS_HINT}`, { cause: error });
  }
}
