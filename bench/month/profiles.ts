/** The traffic profiles of the month simulation (issue 9), over November 2026 (30 days). */

import { combined, constant, diurnal, gbps, type TrafficShape } from '../../sim/traffic.js';
import type { MonthInstance } from './fleet.js';

export const MONTH_START = Date.UTC(2026, 10, 1);
export const MONTH_END = Date.UTC(2026, 11, 1);
const MONTH_SECONDS = (MONTH_END - MONTH_START) / 1000;
const GB = 1e9;

export interface Profile {
  readonly name: string;
  /** The plan, in words, for the table. */
  readonly plan: string;
  /** One account, or several that differ only in when a burst starts: the table shows the worst. */
  readonly variants: readonly (readonly MonthInstance[])[];
}

/** A long-lived instance (created in 2025) with `allowanceGb` and this traffic. */
function anInstance(
  name: string,
  allowanceGb: number,
  shape: TrafficShape,
  extra: Partial<MonthInstance> = {},
): MonthInstance {
  return {
    name,
    region: 'ap-northeast-1',
    bundleId: 'small_3_0',
    allowanceGb,
    createdAt: new Date(Date.UTC(2025, 5, 1)),
    shape,
    ...extra,
  };
}

/** The pace that moves `share` of `allowanceGb` over the whole month. */
const monthlyPace = (share: number, allowanceGb: number): number =>
  (share * allowanceGb * GB) / MONTH_SECONDS;

/**
 * A quiet steady pace that reaches `fromShare` of the allowance at `at`, then a burst of `rate`
 * on top of it from that moment on.
 */
function burstFrom(fromShare: number, allowanceGb: number, at: number, rate: number): TrafficShape {
  const base = (fromShare * allowanceGb * GB) / ((at - MONTH_START) / 1000);
  return combined(constant({ bytesPerSecond: base }), constant({ bytesPerSecond: rate, from: at / 1000 }));
}

/**
 * Minutes after 13:00 UTC on 20 November that a burst starts at, one run each. A burst's first
 * bytes land in an hourly bucket with whatever came before them that hour, and the next check may
 * be 1 to 10 minutes away, so how soon it is seen depends on both: steps of 7 minutes over 70
 * cover every minute of the 10-minute check cycle and the hour from start to end.
 */
export const BURST_START_MINUTES = [0, 7, 14, 21, 28, 35, 42, 49, 56, 63] as const;

const burstAt = (minutes: number): number => Date.UTC(2026, 10, 20, 13, minutes);

export function profiles(): Profile[] {
  const tb = 1024;
  const created = Date.UTC(2026, 10, 20);
  const createdShare = (MONTH_END - created) / (MONTH_END - MONTH_START);
  const steady = (share: number, gb: number): TrafficShape =>
    constant({ bytesPerSecond: monthlyPace(share, gb) });
  const bursts = (label: string, fromShare: number, rateGbps: number, gb: number): Profile => ({
    name: `${label} (worst of ${BURST_START_MINUTES.length} start times)`,
    plan: `${gb / 1024} TB`,
    variants: BURST_START_MINUTES.map((minutes) => [
      anInstance('proxy', gb, burstFrom(fromShare, gb, burstAt(minutes), gbps(rateGbps))),
    ]),
  });
  return [
    { name: 'Steady, heading for 110%', plan: '1 TB', variants: [[anInstance('web', tb, steady(1.1, tb))]] },
    {
      name: 'Diurnal (peak 20:00 UTC, 9x the trough), heading for 110%',
      plan: '1 TB',
      variants: [
        [
          anInstance(
            'web',
            tb,
            diurnal({ meanBytesPerSecond: monthlyPace(1.1, tb), amplitude: 0.8, peakHourUtc: 20 }),
          ),
        ],
      ],
    },
    bursts('1 Gbps burst from 90%', 0.9, 1, tb),
    bursts('1 Gbps burst from 90%', 0.9, 1, 2 * tb),
    bursts('1 Gbps burst from 90%', 0.9, 1, 3 * tb),
    bursts('5 Gbps burst from 80%', 0.8, 5, tb),
    bursts('5 Gbps burst from 80%', 0.8, 5, 7 * tb),
    {
      name: 'Pool: busy (120% of its own) + idle (10%), IPv4 and IPv6 plan of one size',
      plan: '2 x 1 TB',
      variants: [
        [
          anInstance('busy', tb, steady(1.2, tb), { bundleId: 'small_3_0' }),
          anInstance('idle', tb, steady(0.1, tb), { bundleId: 'small_ipv6_3_0' }),
        ],
      ],
    },
    {
      name: 'Created on the 20th, heading for 110% of its pro-rated allowance',
      plan: '1 TB (11/30 of it)',
      variants: [
        [
          // 110% of the pro-rated allowance, over the 11 days it exists.
          anInstance(
            'new',
            tb,
            constant({ bytesPerSecond: (1.1 * createdShare * tb * GB) / ((MONTH_END - created) / 1000) }),
            { createdAt: new Date(created) },
          ),
        ],
      ],
    },
  ];
}
