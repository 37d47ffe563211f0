import type { LightsailClient } from '@aws-sdk/client-lightsail';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { requireCredentials } from '../src/lightsail/credentials.js';

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
