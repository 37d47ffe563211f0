/** Shared by the channel tests: a clock their retries and pacing move, and a promise's failure. */

/** 10:00 UTC on 20 November 2026, where every push test's clock starts. */
export const PUSH_NOW = Date.UTC(2026, 10, 20, 10, 0, 0);

/**
 * Waits recorded against a clock they move, so retries and pacing are asserted exactly and take no
 * time; `options` is what a channel or the Telegram notifier takes (no jitter: `random` is 0).
 */
export function fakeTime(start: number = PUSH_NOW) {
  const time = { now: start, waits: [] as number[] };
  return {
    time,
    options: {
      now: () => time.now,
      sleep: async (ms: number) => {
        time.waits.push(ms);
        time.now += ms;
      },
      random: () => 0,
    },
  };
}

/** The error `promise` rejects with, or `undefined` when it resolves. */
export const failure = (promise: Promise<unknown>): Promise<Error | undefined> =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
