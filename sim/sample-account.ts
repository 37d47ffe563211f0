import type { SimInstanceSpec } from './lightsail/index.js';

const GB = 1e9;
const DAY = 86_400_000;

/** Month-to-date traffic at `share` of `gb`, split 30% in / 70% out as a typical web host's is. */
export function trafficAt(share: number, gb: number): { inBytes: number; outBytes: number } {
  const total = share * gb * GB;
  return { inBytes: total * 0.3, outBytes: total * 0.7 };
}

/**
 * The demo's account: a few instances in several regions, one over its threshold, one created
 * this month (its allowance pro-rated), one named with `_` and `.` (the names that made the
 * Python recipe's Markdown alerts fail), one stopped by its owner, a smaller Mumbai allowance, and
 * a test box over its threshold that the demo makes notify-only.
 */
export function sampleAccount(now: Date): SimInstanceSpec[] {
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  const createdAt = new Date(Math.max(monthStart + 60_000, now.getTime() - 3 * DAY));
  const share = (monthEnd - createdAt.getTime()) / (monthEnd - monthStart);
  return [
    { name: 'web-1', region: 'us-east-1', gbPerMonthAllocated: 1024, traffic: trafficAt(0.42, 1024) },
    {
      name: 'proxy_eu.lon_01',
      region: 'eu-west-2',
      bundleId: 'small_3_0',
      gbPerMonthAllocated: 2048,
      traffic: trafficAt(0.973, 2048),
    },
    { name: 'web_2', region: 'eu-west-2', gbPerMonthAllocated: 1024, traffic: trafficAt(0.84, 1024) },
    {
      name: 'mumbai_cache.v2',
      region: 'ap-south-1',
      bundleId: 'micro_3_0',
      gbPerMonthAllocated: 1536,
      createdAt,
      // 91% of the pro-rated allowance: a new instance has less to spend this month.
      traffic: trafficAt(0.91 * share, 1536),
    },
    {
      name: 'db-backup',
      region: 'us-west-2',
      state: 'stopped',
      gbPerMonthAllocated: 1024,
      traffic: trafficAt(0.12, 1024),
    },
    { name: 'test-box', region: 'us-east-1', gbPerMonthAllocated: 1024, traffic: trafficAt(0.96, 1024) },
  ];
}
