/**
 * Stop ahead: a running instance under the threshold is stopped when, at its pace ahead, it would
 * pass the threshold before the next check could stop it. The metrics a check reads end
 * `METRIC_DELAY_MINUTES` ago, and the next check comes `CHECK_INTERVAL_MINUTES` later, so from the
 * last byte the guard can see to the next moment it can act is their sum (25 minutes by default):
 * if the threshold lies within that, waiting means passing it. The pace ahead (`pace.ts`) counts a
 * spike in full and takes the current hour's unexplained bytes to be the newest: this errs on the
 * side of stopping, because a burst that runs on past the threshold unseen costs money, and one
 * that stops early costs a restart.
 *
 * A pace can only be seen once it is in the metrics. A burst that begins right after a check shows
 * nowhere for `METRIC_DELAY_MINUTES`, and at 1 Gbps 10% of a 1 TB plan lasts 13.7 minutes: no
 * reading of these metrics can stop it in time. `BURST_MBPS` closes that gap by assumption instead
 * of observation: it keeps in reserve what a burst at that speed would move over the same horizon,
 * and stops an instance once 100% of its allowance lies within the reserve. It is off by default,
 * because on small plans it stops far below the threshold the user chose (1 Gbps over 25 minutes
 * is 187.5 GB, 18% of 1 TB); the reserve never takes the stop below half the allowance, so that an
 * instance created late in the month (a small pro-rated allowance) is not stopped on sight.
 */

/** The burst reserve never stops an instance that has used less than this share of its allowance. */
export const BURST_FLOOR_PERCENT = 50;

export interface StopAheadSettings {
  /** STOP_AHEAD: off, only the threshold stops instances. */
  readonly enabled: boolean;
  /** CHECK_INTERVAL_MINUTES: how soon the next check comes. */
  readonly checkIntervalMinutes: number;
  /** METRIC_DELAY_MINUTES: how late the metrics are. */
  readonly metricDelayMinutes: number;
  /**
   * BURST_MBPS in bytes per second, times the running instances it covers (a pool's members can
   * burst together); 0 or unset: no reserve.
   */
  readonly burstBytesPerSecond?: number;
}

/** Why an instance is stopped ahead, for the alert: "at 0.98 Gbps it would pass 95% within 25 minutes". */
export interface StopAhead {
  /** The pace ahead (`aheadPace`), bytes per second. */
  readonly ratePerSecond: number;
  /** Minutes from the last visible byte to the next check: the horizon it would cross within. */
  readonly withinMinutes: number;
  /**
   * Set when the reason is the burst reserve, not the pace seen: `ratePerSecond` is then the
   * assumed burst (BURST_MBPS), and what it could pass is 100% of the allowance.
   */
  readonly burst?: true;
}

/**
 * The reason to stop ahead, or `undefined`: when it is off, the usage is already at the threshold
 * (the ordinary stop applies), or neither the pace seen (unknown or zero counts as no reason) nor a
 * burst at BURST_MBPS could take it past its limit before the next check.
 */
export function stopAheadOf(input: {
  readonly usedBytes: number;
  readonly allowanceBytes: number;
  readonly quotaPercent: number;
  readonly ratePerSecond: number | null;
  readonly settings: StopAheadSettings;
}): StopAhead | undefined {
  const { usedBytes, allowanceBytes, quotaPercent, ratePerSecond, settings } = input;
  if (!settings.enabled) return undefined;
  // Multiplied out like percentUsed: at exactly the threshold counts as reaching it.
  const thresholdTimes100 = allowanceBytes * quotaPercent;
  if (usedBytes * 100 >= thresholdTimes100) return undefined;
  const withinMinutes = settings.checkIntervalMinutes + settings.metricDelayMinutes;
  const horizonSeconds = withinMinutes * 60;
  // An unknown pace is no pace: at a standstill an instance under the threshold stays under it.
  const pace = ratePerSecond ?? 0;
  if ((usedBytes + pace * horizonSeconds) * 100 >= thresholdTimes100) {
    return { ratePerSecond: pace, withinMinutes };
  }
  // The reserve's level is below the threshold whenever it applies: the usage under the threshold
  // may still have reached it.
  const level = burstStopPercent({ allowanceBytes, quotaPercent, settings });
  if (level !== undefined && usedBytes * 100 >= allowanceBytes * level) {
    return { ratePerSecond: settings.burstBytesPerSecond ?? 0, withinMinutes, burst: true };
  }
  return undefined;
}

/**
 * Where the burst reserve stops an instance, in percent of its allowance, when that is below its
 * threshold (`undefined` otherwise, or when there is no reserve): 100% less what a burst moves over
 * the horizon, never below `BURST_FLOOR_PERCENT`. The one rule: `stopAheadOf` stops an instance
 * from this level, and `status` shows it.
 */
export function burstStopPercent(input: {
  readonly allowanceBytes: number;
  readonly quotaPercent: number;
  readonly settings: StopAheadSettings;
}): number | undefined {
  const { allowanceBytes, quotaPercent, settings } = input;
  const burst = settings.burstBytesPerSecond ?? 0;
  if (!settings.enabled || !(burst > 0) || !(allowanceBytes > 0)) return undefined;
  const reserve = burst * (settings.checkIntervalMinutes + settings.metricDelayMinutes) * 60;
  const level = Math.max(BURST_FLOOR_PERCENT, 100 - (reserve * 100) / allowanceBytes);
  return level < quotaPercent ? level : undefined;
}

/** "0.98 Gbps", "42 Mbps", "850 kbps": a pace as network people say it (bits, powers of 1,000). */
export function formatRate(bytesPerSecond: number): string {
  const bits = bytesPerSecond * 8;
  if (bits >= 1e8) return `${(bits / 1e9).toFixed(2)} Gbps`;
  if (bits >= 1e6) return `${Math.round(bits / 1e6)} Mbps`;
  return `${Math.round(bits / 1e3)} kbps`;
}
