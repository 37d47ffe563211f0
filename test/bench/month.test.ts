import { describe, expect, it } from 'vitest';
import { billOf } from '../../bench/month/bill.js';
import type { LiveInstance } from '../../bench/month/fleet.js';
import { MONTH_START, profiles } from '../../bench/month/profiles.js';
import { simulateMonth } from '../../bench/month/simulate.js';
import { constant } from '../../sim/traffic.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { guardSettings } from '../support/builders.js';

const NOVEMBER = billingMonthOf(new Date(MONTH_START));
const SECONDS = 30 * 86_400;

function live(name: string, bundleId: string, share: number, stoppedAt?: number): LiveInstance {
  const start = MONTH_START / 1000;
  return {
    name,
    region: 'ap-northeast-1',
    bundleId,
    allowanceGb: 1000,
    createdAt: new Date(Date.UTC(2025, 0, 1)),
    shape: constant({ bytesPerSecond: (share * 1000e9) / SECONDS, outShare: 0.7 }),
    state: stoppedAt === undefined ? 'running' : 'stopped',
    runs: [[Date.UTC(2025, 0, 1) / 1000, stoppedAt === undefined ? undefined : start + stoppedAt]],
    tags: {},
    stoppedAtMs: stoppedAt === undefined ? undefined : MONTH_START + stoppedAt * 1000,
    stopReason: undefined,
  };
}

describe('the month simulation’s bill', () => {
  it('bills the bytes out past the allowance: 10% past 1,000 GB at 70% out is 70 GB', () => {
    expect(billOf([live('web', 'small_3_0', 1.1)], NOVEMBER).overageBytes / 1e9).toBeCloseTo(70, 3);
  });

  it('bills a pool of an IPv4 and an IPv6 plan of one size against their summed allowance', () => {
    const bill = billOf([live('busy', 'small_3_0', 1.2), live('idle', 'small_ipv6_3_0', 0.1)], NOVEMBER);

    expect(bill.overageBytes).toBe(0);
  });

  it('counts what a stop left unused and the hours it lasted', () => {
    const bill = billOf([live('web', 'small_3_0', 1.1, SECONDS / 2)], NOVEMBER);

    expect((bill.unusedAtStopBytes ?? 0) / 1e9).toBeCloseTo(450, 3);
    expect(bill.hoursStopped).toBeCloseTo(360, 6);
  });
});

describe('the month simulation', () => {
  const profile = (name: string, plan: string) => {
    const found = profiles().find((each) => each.name.startsWith(name) && each.plan === plan);
    if (found === undefined) throw new Error(`no profile ${name} [${plan}]`);
    return found;
  };

  it('leaves the busy-plus-idle pool running all month in pool mode, where per instance it stops the busy one', async () => {
    const [accounts] = profile('Pool: busy', '2 x 1 TB').variants;
    if (accounts === undefined) throw new Error('no variant');

    const pooled = await simulateMonth(accounts, guardSettings({ allowanceScope: 'pool' }));
    const alone = await simulateMonth(accounts, guardSettings());

    expect(pooled.stops).toEqual([]);
    expect(pooled.overageBytes).toBe(0);
    expect(alone.stops).toHaveLength(1);
    expect(alone.stops[0]).toMatch(/^busy /);
  });

  it('stops a 1 Gbps burst from 90% on a 3 TB plan without a byte of overage, whenever it starts', async () => {
    for (const accounts of profile('1 Gbps burst from 90%', '3 TB').variants) {
      const run = await simulateMonth(accounts, guardSettings());

      expect(run.overageBytes).toBe(0);
      expect(run.metricReadsPerRead).toBe(2);
    }
  });
});
