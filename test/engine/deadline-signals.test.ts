import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { deadlineName, runDeadline } from '../../src/engine/deadline.js';

describe('runDeadline on the real clock', () => {
  it('leaves the reads and the run open once a 60 s run has begun', async () => {
    const deadline = runDeadline(60_000);

    await sleep(20);

    expect(deadline.work.aborted).toBe(false);
    expect(deadline.end.aborted).toBe(false);
    expect(deadline.totalMs).toBe(60_000);
  });

  it('ends the reads, and then the run, once a 30 ms budget has passed', async () => {
    const started = Date.now();
    const deadline = runDeadline(30, started);

    await sleep(80);

    expect(deadline.work.aborted).toBe(true);
    expect(deadline.end.aborted).toBe(true);
    // 10% of 30 ms (3 ms, whole) is kept for the state writes: the sends end at 27 ms.
    expect(deadline.sendsEndAt).toBe(started + 27);
  });

  it('names the run’s budget in whole seconds', () => {
    expect(deadlineName(runDeadline(180_000))).toBe("the run's 180 s deadline");
    expect(deadlineName(runDeadline(1_400))).toBe("the run's 1 s deadline");
  });
});
