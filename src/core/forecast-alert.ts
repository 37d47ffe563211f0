import { FORECAST_KEY } from './alert-keys.js';
import { FORECAST_MIN_HOURS, type Forecast } from './forecast.js';

/**
 * Whether the early warning is due: the projected month end has reached 100% of the allowance while
 * usage is still below the first warning level (the threshold when there are none), and it was not
 * sent this month. Only a projection that rests on a whole day of hours counts (`FORECAST_MIN_HOURS`,
 * so from 01:15 UTC on the 2nd, or a day after creation): a few hours of a daily rhythm can promise
 * double the month, and a false alarm teaches people to ignore the real one. Past the first warning
 * level the warnings say more than a projection would.
 */
export function forecastAlertDue(input: {
  readonly forecast: Forecast | null | undefined;
  readonly percent: number;
  readonly policy: { readonly quotaPercent: number; readonly warnPercents: readonly number[] };
  readonly delivered: ReadonlySet<string>;
}): boolean {
  const { forecast, percent, policy, delivered } = input;
  if (forecast == null || delivered.has(FORECAST_KEY)) return false;
  const firstLevel = Math.min(policy.quotaPercent, ...policy.warnPercents);
  return forecast.basisHours >= FORECAST_MIN_HOURS && forecast.monthEndPercent >= 100 && percent < firstLevel;
}
