/**
 * Stop ahead: a running instance under the threshold is stopped when, at its pace ahead, it would
 * pass the threshold before the next check could stop it. The metrics a check reads end
 * `METRIC_DELAY_MINUTES` ago, and the next check comes `CHECK_INTERVAL_MINUTES` later, so from the
 * last byte the guard can see to the next moment it can act is their sum (25 minutes by default):
 * if the threshold lies within that, waiting means passing it. The pace ahead (`pace.ts`) counts a
 * spike in full and takes the current hour's unexplained bytes to be the newest: this errs on the
 * side of stopping, because a burst that runs on past the threshold unseen costs money, and one
 * that stops early costs a restart.
 */

export interface StopAheadSettings {
  /** STOP_AHEAD: off, only the threshold stops instances. */
  readonly enabled: boolean;
  /** CHECK_INTERVAL_MINUTES: how soon the next check comes. */
  readonly checkIntervalMinutes: number;
  /** METRIC_DELAY_MINUTES: how late the metrics are. */
  readonly metricDelayMinutes: number;
}

/** Why an instance is stopped ahead, for the alert: "at 0.98 Gbps it would pass 95% within 25 minutes". */
export interface StopAhead {
  /** The pace ahead (`aheadPace`), bytes per second. */
  readonly ratePerSecond: number;
  /** Minutes from the last visible byte to the next check: the horizon it would cross within. */
  readonly withinMinutes: number;
}

/**
 * The reason to stop ahead, or `undefined`: when it is off, the pace is unknown or zero, the usage
 * is already at the threshold (the ordinary stop applies), or the threshold lies beyond the horizon.
 */
export function stopAheadOf(input: {
  readonly usedBytes: number;
  readonly allowanceBytes: number;
  readonly quotaPercent: number;
  readonly ratePerSecond: number | null;
  readonly settings: StopAheadSettings;
}): StopAhead | undefined {
  const { usedBytes, allowanceBytes, quotaPercent, ratePerSecond, settings } = input;
  if (!settings.enabled || ratePerSecond === null || !(ratePerSecond > 0)) return undefined;
  // Multiplied out like percentUsed: at exactly the threshold counts as reaching it.
  const thresholdTimes100 = allowanceBytes * quotaPercent;
  if (usedBytes * 100 >= thresholdTimes100) return undefined;
  const withinMinutes = settings.checkIntervalMinutes + settings.metricDelayMinutes;
  const reached = usedBytes + ratePerSecond * withinMinutes * 60;
  return reached * 100 >= thresholdTimes100 ? { ratePerSecond, withinMinutes } : undefined;
}

/** "0.98 Gbps", "42 Mbps", "850 kbps": a pace as network people say it (bits, powers of 1,000). */
export function formatRate(bytesPerSecond: number): string {
  const bits = bytesPerSecond * 8;
  if (bits >= 1e8) return `${(bits / 1e9).toFixed(2)} Gbps`;
  if (bits >= 1e6) return `${Math.round(bits / 1e6)} Mbps`;
  return `${Math.round(bits / 1e3)} kbps`;
}
