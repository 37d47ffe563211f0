/**
 * What the AWS SDK otherwise finds by itself in `process.env` and `~/.aws` (the region, the
 * credentials, `AWS_ENDPOINT_URL_<SERVICE>`), given explicitly instead. Deployed and at a terminal
 * nothing is given (`{}`) and the SDK resolves everything as usual; a test that builds a handler
 * points its clients at local simulators this way without touching the process environment.
 */

/** The AWS services the guard calls. */
export type AwsService = 'lightsail' | 'ssm' | 'sns' | 'sts';

/** Static credentials, e.g. the fake ones a simulator accepts. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Credentials found when needed and renewed before they expire: an assumed role's. */
export type AwsCredentialsProvider = () => Promise<
  AwsCredentials & { readonly sessionToken?: string; readonly expiration?: Date }
>;

export interface AwsSettings {
  /** The SDK's region (what `AWS_REGION` sets); a client with a region of its own keeps it. */
  readonly region?: string;
  readonly credentials?: AwsCredentials | AwsCredentialsProvider;
  /** An endpoint per service, as `AWS_ENDPOINT_URL_<SERVICE>` would set it. */
  readonly endpoints?: Readonly<Partial<Record<AwsService, string>>>;
}

/** The options of an SDK client of `service`: only what `settings` give, the SDK's own for the rest. */
export function clientOptions(
  settings: AwsSettings,
  service: AwsService,
): { region?: string; credentials?: AwsCredentials | AwsCredentialsProvider; endpoint?: string } {
  const endpoint = settings.endpoints?.[service];
  return {
    ...(settings.region !== undefined ? { region: settings.region } : {}),
    ...(settings.credentials !== undefined ? { credentials: settings.credentials } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
  };
}
