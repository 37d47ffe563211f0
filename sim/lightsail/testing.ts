/** Shared by the simulator's tests: the real SDK client pointed at a simulator over loopback. */

import {
  GetInstanceMetricDataCommand,
  type GetInstanceMetricDataCommandInput,
  LightsailClient,
  type LightsailClientConfig,
} from '@aws-sdk/client-lightsail';
import type { LightsailSimulator } from './types.js';

/** A fixed clock for tests: late in a 30-day month, at noon UTC. */
export const TEST_NOW = new Date('2026-11-27T12:00:00Z');
export const TEST_MONTH_START = new Date('2026-11-01T00:00:00Z');

/**
 * A real `LightsailClient` for `region` against `sim`, with fake credentials. One attempt unless
 * `overrides` says otherwise, so that a test of an error sees it instead of the SDK's retries.
 */
export function clientFor(
  sim: LightsailSimulator,
  region = 'us-east-1',
  overrides: Partial<LightsailClientConfig> = {},
): LightsailClient {
  return new LightsailClient({
    region,
    endpoint: sim.endpoint,
    credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
    maxAttempts: 1,
    ...overrides,
  });
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A month-to-date daily `NetworkOut` query (the guard asks for hours: `period: 3600`), with any field replaced. */
export function metricQuery(
  overrides: Partial<GetInstanceMetricDataCommandInput> = {},
): GetInstanceMetricDataCommand {
  return new GetInstanceMetricDataCommand({
    instanceName: 'old',
    metricName: 'NetworkOut',
    period: 86_400,
    startTime: TEST_MONTH_START,
    endTime: TEST_NOW,
    unit: 'Bytes',
    statistics: ['Sum'],
    ...overrides,
  });
}

/** Resolves once `condition()` holds, polling every few milliseconds; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
