/** Counts SDK commands (not attempts) on the guard's own clients, so that retries = requests - commands. */

import type { LightsailClient } from '@aws-sdk/client-lightsail';

export interface CommandCounts {
  commands: number;
  failed: number;
  byOperation: Record<string, number>;
  failuresByError: Record<string, number>;
}

/**
 * Wraps a client factory: each client gets an `initialize`-step middleware, which runs once per
 * command, before the retry middleware, and sees the command's final outcome.
 */
export function countingFactory(
  factory: (region: string) => LightsailClient,
  counts: CommandCounts,
): (region: string) => LightsailClient {
  const seen = new WeakSet<LightsailClient>();
  return (region) => {
    const client = factory(region);
    if (!seen.has(client)) {
      seen.add(client);
      client.middlewareStack.add(
        (next, context) => async (args) => {
          counts.commands += 1;
          const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown';
          counts.byOperation[operation] = (counts.byOperation[operation] ?? 0) + 1;
          try {
            return await next(args);
          } catch (error) {
            counts.failed += 1;
            const name = error instanceof Error ? error.name : 'unknown';
            counts.failuresByError[name] = (counts.failuresByError[name] ?? 0) + 1;
            throw error;
          }
        },
        { step: 'initialize', name: 'benchCommandCounter' },
      );
    }
    return client;
  };
}
