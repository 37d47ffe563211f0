import { describe, expect, it } from 'vitest';
import { pacer } from '../src/lightsail/pacing.js';

describe('pacer', () => {
  it('lets a burst through at once, then spaces requests at the pace', () => {
    const now = 1_000;
    const slot = pacer({ perSecond: 10, burst: 3 }, () => now);

    const burst = [slot(), slot(), slot()];
    const next = [slot(), slot()];

    expect(burst).toEqual([0, 0, 0]);
    expect(next[0]).toBeCloseTo(100);
    expect(next[1]).toBeCloseTo(200);
  });

  it('refills while idle, up to the burst', () => {
    let now = 0;
    const slot = pacer({ perSecond: 10, burst: 2 }, () => now);
    slot();
    slot();
    slot();

    now = 10_000;

    expect([slot(), slot()]).toEqual([0, 0]);
    expect(slot()).toBeCloseTo(100);
  });
});
