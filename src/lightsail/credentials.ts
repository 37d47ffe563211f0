/**
 * The CLI's first question to AWS: are there credentials at all? Without them every Lightsail call
 * fails alike, and a run would print an empty table above a list of identical errors.
 */

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
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
 * What to say when `error` (or its cause) is the AWS SDK finding no credentials: what it said, and
 * the hint. One wording for every AWS client the guard uses (Lightsail, SNS); `undefined` otherwise.
 */
export function noCredentials(
  error: unknown,
): { readonly message: string; readonly hint: string } | undefined {
  for (
    let current = error, depth = 0;
    current instanceof Error && depth < 5;
    current = current.cause, depth++
  ) {
    if (isMissingCredentials(current)) {
      return { message: `no AWS credentials found (${current.message})`, hint: CREDENTIALS_HINT };
    }
  }
  return undefined;
}

/** The AWS SDK found no credentials: a `ConfigError` the CLI can add what it knows to (the profile). */
export class NoCredentialsError extends ConfigError {}

/**
 * Resolves the client's credentials once, as its first request would, and turns "none found" into
 * a `ConfigError` (exit code 2) with the hint. The SDK caches what it resolved, so the run that
 * follows pays nothing more. Any other failure is left to the run, which names it per region.
 */
export async function requireCredentials(client: LightsailClient): Promise<void> {
  try {
    await client.config.credentials();
  } catch (error) {
    const missing = noCredentials(error);
    if (missing === undefined) return;
    throw new NoCredentialsError(`${missing.message}. ${missing.hint}`, { cause: error });
  }
}

/**
 * The profile names in the text of an AWS config file (`[default]`, `[profile name]`) or a shared
 * credentials file (`[name]`).
 */
export function profileNames(text: string): string[] {
  return [...text.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s]+)\s*\]/gm)].map((match) => match[1] ?? '');
}

/** Where the AWS SDK reads profiles from: `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, else ~/.aws. */
export function profileFiles(
  env: Readonly<Record<string, string | undefined>>,
  home: string = homedir(),
): { readonly config: string; readonly credentials: string } {
  return {
    config: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

/**
 * When the SDK found no credentials and `AWS_PROFILE` names a profile that neither file holds, the
 * sentence that says so (the SDK's own message names no profile); otherwise `undefined`.
 */
export async function missingProfile(
  profile: string | undefined,
  files: { readonly config: string; readonly credentials: string },
): Promise<string | undefined> {
  if (profile === undefined || profile.trim() === '') return undefined;
  const read = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined);
  const texts = [await read(files.config), await read(files.credentials)];
  const known = [...new Set(texts.flatMap((text) => profileNames(text ?? '')))];
  if (known.includes(profile)) return undefined;
  const create = `aws configure --profile ${profile}`;
  if (texts.every((text) => text === undefined)) {
    return `AWS_PROFILE is "${profile}", but there is no ${files.config} or ${files.credentials} to hold it. Create it: ${create}`;
  }
  const there = known.length > 0 ? `; the profiles there: ${known.join(', ')}` : '';
  return (
    `AWS_PROFILE is "${profile}", but neither ${files.config} nor ${files.credentials} has that ` +
    `profile${there}. Fix the name (aws configure list-profiles lists them), or create it: ${create}`
  );
}
