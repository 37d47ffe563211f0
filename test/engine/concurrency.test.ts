import { describe, expect, it } from 'vitest';
import { mapWithLimit } from '../../src/engine/concurrency.js';

describe('mapWithLimit', () => {
  it('never has more calls in flight than the limit, and keeps the input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 20 }, (_, index) => index);

    const results = await mapWithLimit(items, 3, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (item % 4) * 2));
      inFlight -= 1;
      return item * 10;
    });

    expect(peak).toBe(3);
    expect(results).toEqual(items.map((item) => item * 10));
  });

  it('maps an empty list to an empty list', async () => {
    expect(await mapWithLimit([], 8, async (item: number) => item)).toEqual([]);
  });
});
