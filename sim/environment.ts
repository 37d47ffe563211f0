import type { AwsSettings } from '../src/aws-settings.js';
import type { LightsailSimulator } from './lightsail/index.js';
import type { FakeTelegram } from './telegram/index.js';

/** The chat the simulated guard writes to; any id the fake Bot API accepts. */
export const SIMULATED_CHAT_ID = '-1001234567890';

/** Fake credentials the simulators accept; never valid anywhere else. */
const CREDENTIALS = { accessKeyId: 'AKIDSIMULATORNOTREAL', secretAccessKey: 'simulator-secret-not-real' };
const REGION = 'us-east-1';

/**
 * What `simulatedEnvironment` tells the AWS SDK, given explicitly instead: for a Lambda handler
 * built in this process (`createHandler`), which must not depend on `process.env`.
 */
export function simulatedAws(lightsail: LightsailSimulator): AwsSettings {
  return { region: REGION, credentials: CREDENTIALS, endpoints: { lightsail: lightsail.endpoint } };
}

/**
 * The environment a user would set, pointing the guard at the local simulators instead of AWS and
 * Telegram: fake credentials, `AWS_ENDPOINT_URL_LIGHTSAIL`, and the fake Bot API's root and token.
 * Shared by the demo, the end-to-end tests and the benchmark's CLI timing.
 */
export function simulatedEnvironment(
  lightsail: LightsailSimulator,
  telegram: FakeTelegram,
): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    AWS_ENDPOINT_URL_LIGHTSAIL: lightsail.endpoint,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_CHAT_ID: SIMULATED_CHAT_ID,
    TELEGRAM_API_ROOT: telegram.apiRoot,
  };
}

/**
 * For a child process: the simulated environment, the PATH, the test run's time zone (so a child
 * is tested in the same non-UTC zone as the rest), and no Node.js warnings (`NODE_NO_WARNINGS`).
 */
export function childEnvironment(simulated: Record<string, string>): Record<string, string> {
  const zone: Record<string, string> = process.env.TZ === undefined ? {} : { TZ: process.env.TZ };
  return { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', ...zone, ...simulated };
}
