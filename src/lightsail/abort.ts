/** Thrown when a call is cut off because the run's phase ended. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts. The SDK is given the same signal,
 * which cancels the request; this race makes the bound hold whatever the SDK is doing meanwhile
 * (a retry's back-off, the adaptive mode's rate-limiter wait), so no call outlives the deadline.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => {}); // its own rejection, once the SDK sees the signal, is expected
    return Promise.reject(new DeadlineError('the run reached its deadline before this call'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DeadlineError('no answer before the run reached its deadline'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
