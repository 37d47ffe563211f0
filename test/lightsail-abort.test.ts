import { describe, expect, it } from 'vitest';
import { untilAborted } from '../src/lightsail/abort.js';

describe('untilAborted', () => {
  it('passes a settled call through unchanged', async () => {
    const controller = new AbortController();

    await expect(untilAborted(Promise.resolve(42), controller.signal)).resolves.toBe(42);
    await expect(untilAborted(Promise.reject(new Error('refused')), controller.signal)).rejects.toThrow(
      'refused',
    );
  });

  it('rejects a call that never settles as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => {});
    setTimeout(() => controller.abort(), 10);

    await expect(untilAborted(never, controller.signal)).rejects.toMatchObject({
      name: 'DeadlineError',
      message: 'no answer before the run reached its deadline',
    });
  });

  it('rejects at once when the signal has already aborted', async () => {
    await expect(untilAborted(new Promise(() => {}), AbortSignal.abort())).rejects.toMatchObject({
      name: 'DeadlineError',
    });
  });
});
