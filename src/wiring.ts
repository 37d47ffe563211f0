/**
 * What both entry points build the same way: Lightsail clients, the fleet, the channels.
 * `cli-main.ts` and `lambda.ts` differ only in where the token comes from, how long a run may last
 * and how the outcome is reported; everything else is built here, by one rule each.
 */

import { LightsailClient } from '@aws-sdk/client-lightsail';
import { accountSource } from './accounts/fleets.js';
import { stsEndpoint } from './accounts/sts.js';
import { type AwsSettings, clientOptions } from './aws-settings.js';
import type { RunOptions } from './channels/descriptor.js';
import { buildChannels } from './channels/registry.js';
import type { Config } from './config.js';
import { ENV } from './constants.js';
import type { Channel } from './core/ports.js';
import type { LogEvent, RunDependencies } from './engine/types.js';
import type { Environment } from './env.js';
import { UsageError } from './errors.js';
import { DEFAULT_MAX_ATTEMPTS, lightsailClientFactory } from './lightsail/clients.js';
import { requireCredentials } from './lightsail/credentials.js';
import { createLightsailFleet, type LightsailFleet, REGIONS_FALLBACK } from './lightsail/fleet.js';

/** The client of one region, built once and reused (see `lightsailClientFactory`). */
export type LightsailClients = (region: string) => LightsailClient;

/** Region used when neither `REGIONS` nor the AWS SDK names one: any Lightsail region lists them all. */
export const FALLBACK_HOME_REGION = REGIONS_FALLBACK;

/** `aws`: credentials and endpoint given explicitly (the Lambda's tests); by default the SDK's own. */
export function lightsailClients(config: Pick<Config, 'pace'>, aws: AwsSettings = {}): LightsailClients {
  return lightsailClientFactory({ maxAttempts: DEFAULT_MAX_ATTEMPTS, pace: config.pace, aws });
}

/**
 * The region asked for `GetRegions`: the first of `REGIONS` (no call is made then, but it keeps one
 * rule), else the region the AWS SDK resolves (`AWS_REGION`, which Lambda sets, or the profile's
 * region, or the region `aws` gives), else us-east-1.
 */
export async function homeRegion(config: Pick<Config, 'regions'>, aws: AwsSettings = {}): Promise<string> {
  const configured = config.regions?.[0];
  if (configured !== undefined) return configured;
  try {
    const region = await new LightsailClient(clientOptions(aws, 'lightsail')).config.region();
    if (region) return region;
  } catch {
    // No region in the environment or the AWS config files.
  }
  return FALLBACK_HOME_REGION;
}

/**
 * The fleet over Lightsail (the guard's `Fleet`, and the `InstanceAdmin` of the CLI's instance
 * commands), once the AWS SDK has found credentials: without them every call would fail alike, so
 * this throws a `ConfigError` that says how to provide them instead.
 */
export async function guardFleet(
  config: Pick<Config, 'regions'>,
  clients: LightsailClients,
  aws: AwsSettings = {},
): Promise<LightsailFleet> {
  const home = await homeRegion(config, aws);
  await requireCredentials(clients(home));
  return createLightsailFleet({ clientFor: clients, homeRegion: home });
}

/**
 * With ACCOUNTS set, every account a run checks (the guard's own and each member's), found at the
 * start of each run; `undefined` without ACCOUNTS (the one `guardFleet` is then checked). `env`
 * gives `AWS_ENDPOINT_URL_STS`, as the SDK reads it. `only` is `--account`.
 */
export async function guardAccounts(
  config: Pick<Config, 'regions' | 'pace' | 'accounts' | 'externalId'>,
  env: Environment,
  clients: LightsailClients,
  aws: AwsSettings = {},
  only?: string,
): Promise<RunDependencies['accounts']> {
  if (config.accounts.length === 0) {
    if (only !== undefined) {
      throw new UsageError(`--account picks one of the accounts in ${ENV.accounts}, which is not set`);
    }
    return undefined;
  }
  const home = await homeRegion(config, aws);
  await requireCredentials(clients(home));
  return accountSource({
    accounts: config,
    pace: config.pace,
    own: (account) => createLightsailFleet({ clientFor: clients, homeRegion: home, account }),
    sts: {
      endpoint: aws.endpoints?.sts ?? stsEndpoint(env, home),
      region: home,
      credentials: () => clients(home).config.credentials(),
    },
    homeRegion: home,
    aws,
    only,
  }).fleets;
}

/**
 * Every channel the configuration sets up, in registry order: what `check` and `report` deliver
 * to (and what a test alert goes through). Their sends end with the run's alert phase, and their
 * retries are logged.
 */
export function guardChannels(
  config: Pick<Config, 'channels'>,
  options: RunOptions & { readonly log?: (event: LogEvent) => void } = {},
): Channel[] {
  const { log, ...run } = options;
  return buildChannels(config, {
    ...run,
    ...(log ? { onRetry: (retry) => log({ level: 'warn', msg: 'channel retry', ...retry }) } : {}),
  });
}
