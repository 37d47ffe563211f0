/**
 * The billing month: AWS bills, and Lightsail resets allowances, by calendar month in UTC.
 * `end` is exclusive (00:00 UTC on the 1st of the next month).
 */
export interface BillingMonth {
  /** `YYYY-MM`, the key alert state is stored under so that it resets on the 1st. */
  readonly key: string;
  readonly start: Date;
  readonly end: Date;
}

/** The UTC calendar month that contains `now`. */
export function billingMonthOf(now: Date): BillingMonth {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return {
    key: `${year}-${String(month + 1).padStart(2, '0')}`,
    start: new Date(Date.UTC(year, month, 1)),
    end: new Date(Date.UTC(year, month + 1, 1)),
  };
}

/** `YYYY-MM-DD` of `now` in UTC, the key of once-a-day alerts. */
export function utcDayKey(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The end of the billing month `YYYY-MM` (00:00 UTC on the 1st of the next), from its key. */
export function monthEndOf(monthKey: string): Date {
  const [year = Number.NaN, month = Number.NaN] = monthKey.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1));
}

/**
 * The allowance's reset (00:00 UTC on the 1st) when it comes before the next check, else
 * `undefined`. A run within the month's last `checkIntervalMinutes` is the month's last: the next
 * check reads a new month whose usage starts again from 0, so it will not stop what this month's
 * usage put over the threshold, nor retry a stop that failed. Nothing said in that run may promise
 * it; this is the one rule for when that applies (exactly one interval before the end counts: the
 * next check would come at 00:00, the reset itself).
 */
export function resetBeforeNextCheck(now: Date, checkIntervalMinutes: number): Date | undefined {
  const { end } = billingMonthOf(now);
  return now.getTime() + checkIntervalMinutes * 60_000 >= end.getTime() ? end : undefined;
}
