import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightsailClient } from '@aws-sdk/client-lightsail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { missingProfile, profileFiles, requireCredentials } from '../src/lightsail/credentials.js';

/** A client whose credential provider fails with `error`, as the SDK's default chain does. */
function clientFailing(error: Error): LightsailClient {
  return { config: { credentials: () => Promise.reject(error) } } as unknown as LightsailClient;
}

function named(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

describe('requireCredentials', () => {
  it('turns "no credentials" into a configuration error that says how to provide them', async () => {
    const client = clientFailing(
      named('CredentialsProviderError', 'Could not load credentials from any providers'),
    );

    const error = await requireCredentials(client).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('Could not load credentials from any providers');
    expect((error as Error).message).toContain('AWS_PROFILE');
    expect((error as Error).message).toContain('aws configure');
  });

  it('leaves any other failure to the run, which names it per region', async () => {
    const client = clientFailing(named('TimeoutError', 'socket hang up'));

    await expect(requireCredentials(client)).resolves.toBeUndefined();
  });
});

describe('missingProfile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lightsail-guard-profiles-'));
    await writeFile(
      join(dir, 'config'),
      '[default]\nregion = us-east-1\n[profile work]\nregion = eu-west-2\n',
    );
    await writeFile(join(dir, 'credentials'), '[ci]\naws_access_key_id = AKIDEXAMPLE\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const files = () => ({ config: join(dir, 'config'), credentials: join(dir, 'credentials') });

  it('names a profile that neither file has, and the profiles they have', async () => {
    const message = await missingProfile('proxies', files());

    expect(message).toBe(
      `AWS_PROFILE is "proxies", but neither ${files().config} nor ${files().credentials} has that profile; the profiles there: default, work, ci. Fix the name (aws configure list-profiles lists them), or create it: aws configure --profile proxies`,
    );
  });

  it.each(['default', 'work', 'ci'])('finds profile %s in either file', async (profile) => {
    expect(await missingProfile(profile, files())).toBeUndefined();
  });

  it('says there are no files when neither exists', async () => {
    const none = { config: join(dir, 'absent-config'), credentials: join(dir, 'absent-credentials') };

    expect(await missingProfile('work', none)).toMatch(
      /^AWS_PROFILE is "work", but there is no .* to hold it/,
    );
  });

  it('says nothing without AWS_PROFILE', async () => {
    expect(await missingProfile(undefined, files())).toBeUndefined();
    expect(await missingProfile('  ', files())).toBeUndefined();
  });

  it('looks where the AWS SDK looks: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else ~/.aws', () => {
    expect(profileFiles({}, '/home/me')).toEqual({
      config: join('/home/me', '.aws', 'config'),
      credentials: join('/home/me', '.aws', 'credentials'),
    });
    expect(profileFiles({ AWS_CONFIG_FILE: '/etc/c', AWS_SHARED_CREDENTIALS_FILE: '/etc/k' })).toEqual({
      config: '/etc/c',
      credentials: '/etc/k',
    });
  });
});
