/** Shared by the push-service tests: a clock their pacing moves, and a promise's failure. */

/** 10:00 UTC on 20 November 2026, where every push test's clock starts. */
export const PUSH_NOW = Date.UTC(2026, 10, 20, 10, 0, 0);

/** Waits recorded against a clock they move, so pacing is asserted exactly and takes no time. */
export function fakeTime() {
  const time = { now: PUSH_NOW, waits: [] as number[] };
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
