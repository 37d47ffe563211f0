/**
 * A client-side request pace for one region. Lightsail publishes no request rate; when a fleet is
 * large enough to be throttled, sending at a steady pace below the limit finishes sooner than
 * being throttled and backing off (see BENCHMARKS.md). Every attempt, retries included, takes a
 * slot of a token bucket of `burst` and `perSecond`, kept as a theoretical arrival time (GCRA).
 */
export interface Pace {
  readonly perSecond: number;
  readonly burst: number;
}

/** Returns a function that books the next slot and says how many ms the caller must wait for it. */
export function pacer(pace: Pace, clock: () => number = () => performance.now()): () => number {
  const interval = 1000 / pace.perSecond;
  let arrival = Number.NEGATIVE_INFINITY;
  return () => {
    const now = clock();
    arrival = Math.max(arrival, now) + interval;
    return Math.max(0, arrival - now - pace.burst * interval);
  };
}
