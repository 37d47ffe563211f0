import type { SimInstanceSpec } from './lightsail/index.js';
import { combined, constant, gbps, type TrafficShape } from './traffic.js';

const GB = 1e9;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Month-to-date traffic at `share` of `gb`, split 30% in / 70% out as a typical web host's is. */
export function trafficAt(share: number, gb: number): { inBytes: number; outBytes: number } {
  const total = share * gb * GB;
  return { inBytes: total * 0.3, outBytes: total * 0.7 };
}

/** `bytes` spread evenly over [from, to) (epoch ms). */
const spread = (bytes: number, from: number, to: number): TrafficShape =>
  constant({ bytesPerSecond: bytes / ((to - from) / 1000), from: from / 1000, to: to / 1000 });

/**
 * An instance that picked up a steady pace a little over a day ago, heading past its allowance by
 * the month's end: at `now` it holds `share` of `gb`, and its last 26 hours ran at the pace that
 * ends the month at `monthEndShare`. Late in a month the share is raised as far as needed for that
 * pace to fit in what was used (a warning level then says more than the forecast).
 */
function heading(
  now: number,
  monthStart: number,
  monthEnd: number,
  gb: number,
): { shape: TrafficShape; share: number } {
  const window = Math.min(26 * HOUR, now - monthStart);
  const monthEndShare = 1.28;
  const share = Math.min(0.94, Math.max(0.42, (monthEndShare * window) / (monthEnd - now + window)));
  const pace = ((monthEndShare - share) * gb * GB) / ((monthEnd - now) / 1000);
  const recent = pace * (window / 1000);
  const before = Math.max(0, share * gb * GB - recent);
  const from = now - window;
  const shape =
    from > monthStart
      ? combined(spread(before, monthStart, from), constant({ bytesPerSecond: pace, from: from / 1000 }))
      : constant({ bytesPerSecond: pace, from: from / 1000 });
  return { shape, share };
}

/**
 * The demo's account: a few instances in several regions, one over its threshold, one heading past
 * its allowance by the month's end (a forecast), one 1 Gbps proxy whose burst began 40 minutes ago
 * (a stop ahead), one created this month (its allowance pro-rated), one named with `_` and `.`
 * (the names that made the Python recipe's Markdown alerts fail), a pool of an IPv4 and an IPv6
 * plan of one size, one stopped by its owner, a smaller Mumbai allowance, and a test box over its
 * threshold that the demo makes notify-only.
 */
export function sampleAccount(now: Date): SimInstanceSpec[] {
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  const createdAt = new Date(Math.max(monthStart + 60_000, now.getTime() - 3 * DAY));
  const share = (monthEnd - createdAt.getTime()) / (monthEnd - monthStart);
  const burstFrom = now.getTime() - 90 * 60_000;
  return [
    {
      name: 'web-1',
      region: 'us-east-1',
      gbPerMonthAllocated: 1024,
      shape: heading(now.getTime(), monthStart, monthEnd, 1024).shape,
    },
    {
      name: 'proxy_eu.lon_01',
      region: 'eu-west-2',
      bundleId: 'small_3_0',
      gbPerMonthAllocated: 2048,
      traffic: trafficAt(0.973, 2048),
    },
    { name: 'web_2', region: 'eu-west-2', gbPerMonthAllocated: 1024, traffic: trafficAt(0.84, 1024) },
    {
      name: 'web_3',
      region: 'eu-west-2',
      bundleId: 'nano_ipv6_3_0',
      gbPerMonthAllocated: 1024,
      traffic: trafficAt(0.2, 1024),
    },
    {
      name: 'proxy-tokyo',
      region: 'ap-northeast-1',
      bundleId: 'medium_3_0',
      gbPerMonthAllocated: 3072,
      // 71.8% before its burst; at 1 Gbps since 90 minutes ago, all but the last minute of which
      // the metrics show (93.5%): at that pace it would pass 95% before the next check.
      shape: combined(
        spread(0.718 * 3072 * GB, Math.min(monthStart, burstFrom - HOUR), burstFrom),
        constant({ bytesPerSecond: gbps(1), from: burstFrom / 1000 }),
      ),
    },
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
