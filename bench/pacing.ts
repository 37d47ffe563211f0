/**
 * A client-side request pace per region: the fix the benchmark proposes for throttling, tried here
 * on the bench's own clients before it is proposed for src/. Every attempt (retries included) takes
 * a slot of a token bucket of `burst` and `perSecond`, kept as a theoretical arrival time (GCRA).
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { LightsailClient } from '@aws-sdk/client-lightsail';

export interface Pace {
  readonly perSecond: number;
  readonly burst: number;
}

/** Returns how long the caller must wait before sending, and books its slot. */
export function pacer(pace: Pace, clock: () => number = () => performance.now()): () => number {
  const interval = 1000 / pace.perSecond;
  let arrival = Number.NEGATIVE_INFINITY;
  return () => {
    const now = clock();
    arrival = Math.max(arrival, now) + interval;
    return Math.max(0, arrival - now - pace.burst * interval);
  };
}

/** Wraps a client factory so that each region's client sends at most at `pace`. */
export function pacedFactory(
  factory: (region: string) => LightsailClient,
  pace: Pace,
): (region: string) => LightsailClient {
  const paced = new WeakSet<LightsailClient>();
  return (region) => {
    const client = factory(region);
    if (!paced.has(client)) {
      paced.add(client);
      const slot = pacer(pace);
      client.middlewareStack.add(
        (next) => async (args) => {
          const wait = slot();
          if (wait > 0) await sleep(wait);
          return next(args);
        },
        // After the retry middleware (priority high): each attempt is paced, not each command.
        { step: 'finalizeRequest', priority: 'low', name: 'benchPace' },
      );
    }
    return client;
  };
}
