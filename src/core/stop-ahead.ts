/**
 * Stop ahead: a running instance under the threshold is stopped when, at its pace ahead, it would
 * pass the threshold before the next check could stop it. The metrics a check reads end the lag
 * ago (measured from the sample counts, `coverage.ts`, about a minute on the real service; or
 * `METRIC_DELAY_MINUTES` where it cannot be measured), and the next check comes
 * `CHECK_INTERVAL_MINUTES` later, so from the last byte the guard can see to the next moment it
 * can act is their sum, the lag rounded up to a whole minute (11 minutes with a measured minute and
 * the default interval): if the threshold lies within that, waiting means passing it. The pace ahead (`pace.ts`) counts a
 * spike in full and takes the current hour's unexplained bytes to be the newest: this errs on the
 * side of stopping, because a burst that runs on past the threshold unseen costs money, and one
 * that stops early costs a restart.
 *
 * A pace can only be seen once it is in the metrics. A burst that begins right after a check shows
 * nowhere until the next check, and at 1 Gbps 10% of a 1 TB plan lasts 13.7 minutes: a pace can
 * stop it only if a check falls inside those minutes with the burst already in the metrics. `BURST_MBPS` closes that gap by assumption instead
 * of observation: it keeps in reserve what a burst at that speed would move over the same horizon,
 * and stops an instance once 100% of its allowance lies within the reserve. It is off by default,
 * because on small plans it stops far below the threshold the user chose (1 Gbps over 25 minutes
 * is 187.5 GB, 18% of 1 TB, with the old 15 assumed minutes of lag; 82.5 GB over a measured minute); the reserve never takes the stop below half the allowance, so that an
 * instance created late in the month (a small pro-rated allowance) is not stopped on sight.
 */

/** The burst reserve never stops an instance that has used less than this share of its allowance. */
export const BURST_FLOOR_PERCENT = 50;

export interface StopAheadSettings {
  /** STOP_AHEAD: off, only the threshold stops instances. */
  readonly enabled: boolean;
  /** CHECK_INTERVAL_MINUTES: how soon the next check comes. */
  readonly checkIntervalMinutes: number;
  /**
   * How far behind `now` the metrics reach, minutes: measured from the sample counts, or
   * METRIC_DELAY_MINUTES where that cannot be measured (`lagSource`).
   */
  readonly lagMinutes: number;
  readonly lagSource: LagSource;
  /**
   * Minutes from the last visible byte to 00:00 UTC on the 1st, when known: traffic after it is
   * next month's, against a fresh allowance, so no stop ahead is made for it.
   */
  readonly minutesToMonthEnd?: number;
  /**
   * BURST_MBPS in bytes per second, times the running instances it covers (a pool's members can
   * burst together); 0 or unset: no reserve.
   */
  readonly burstBytesPerSecond?: number;
}

/**
 * Where the lag comes from: `measured` from the metrics' sample counts; `newest-sample`, measured
 * from the start of the newest sample because the pace rose within it (`coverage.ts`); `assumed`,
 * METRIC_DELAY_MINUTES where nothing could be measured.
 */
export type LagSource = 'measured' | 'newest-sample' | 'assumed';

/**
 * Minutes from the last visible byte to the next check: CHECK_INTERVAL_MINUTES and the lag rounded
 * up to a whole minute (a lag of 1.2 minutes plans for 2), so the horizon the alert names is the one
 * acted on.
 */
export function horizonMinutes(
  settings: Pick<StopAheadSettings, 'checkIntervalMinutes' | 'lagMinutes'>,
): number {
  // A lag that is a whole minute up to rounding noise is that minute, not the next.
  return settings.checkIntervalMinutes + Math.max(0, Math.ceil(settings.lagMinutes - 1e-9));
}

/** Why an instance is stopped ahead, for the alert: "at 0.98 Gbps it would pass 95% within 11 minutes". */
export interface StopAhead {
  /**
   * The measured pace (`recentPace`: bytes over the time they cover), bytes per second; with
   * `burst`, the assumed burst instead.
   */
  readonly ratePerSecond: number;
  /**
   * Set when the measured pace alone would not have passed the threshold in time, but the worst
   * case would: this hour's bytes beyond the last hour's pace all in the newest check interval
   * (`aheadPace`). A margin, so it is named apart from the measured pace, never folded into it.
   */
  readonly worstCaseRatePerSecond?: number;
  /** Minutes from the last visible byte to the next check: the horizon it would cross within. */
  readonly withinMinutes: number;
  /** Of those, the metrics' lag (whole minutes) and whether it was measured or assumed. */
  readonly lagMinutes: number;
  readonly lagSource: LagSource;
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
  /** The measured pace; `null` when too little is seen. */
  readonly ratePerSecond: number | null;
  /** The worst case of the newest slice (`aheadPace`), when known: never below the measured pace. */
  readonly worstCaseRatePerSecond?: number | null;
  readonly settings: StopAheadSettings;
}): StopAhead | undefined {
  const { usedBytes, allowanceBytes, quotaPercent, ratePerSecond, settings } = input;
  if (!settings.enabled) return undefined;
  // Multiplied out like percentUsed: at exactly the threshold counts as reaching it.
  const thresholdTimes100 = allowanceBytes * quotaPercent;
  if (usedBytes * 100 >= thresholdTimes100) return undefined;
  const withinMinutes = horizonMinutes(settings);
  const horizonSeconds = Math.min(withinMinutes, settings.minutesToMonthEnd ?? withinMinutes) * 60;
  const lag = { lagMinutes: withinMinutes - settings.checkIntervalMinutes, lagSource: settings.lagSource };
  // An unknown pace is no pace: at a standstill an instance under the threshold stays under it.
  const pace = ratePerSecond ?? 0;
  const passes = (rate: number): boolean => (usedBytes + rate * horizonSeconds) * 100 >= thresholdTimes100;
  if (passes(pace)) return { ratePerSecond: pace, withinMinutes, ...lag };
  const worst = input.worstCaseRatePerSecond ?? 0;
  if (worst > pace && passes(worst)) {
    return { ratePerSecond: pace, worstCaseRatePerSecond: worst, withinMinutes, ...lag };
  }
  // The reserve's level is below the threshold whenever it applies: the usage under the threshold
  // may still have reached it.
  const level = burstStopPercent({ allowanceBytes, quotaPercent, settings });
  if (level !== undefined && usedBytes * 100 >= allowanceBytes * level) {
    return { ratePerSecond: settings.burstBytesPerSecond ?? 0, withinMinutes, ...lag, burst: true };
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
  readonly settings: Omit<StopAheadSettings, 'lagSource'>;
}): number | undefined {
  const { allowanceBytes, quotaPercent, settings } = input;
  const burst = settings.burstBytesPerSecond ?? 0;
  if (!settings.enabled || !(burst > 0) || !(allowanceBytes > 0)) return undefined;
  const reserve =
    burst * Math.min(horizonMinutes(settings), settings.minutesToMonthEnd ?? Number.POSITIVE_INFINITY) * 60;
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
