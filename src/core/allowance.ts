import type { BillingMonth } from './billing-month.js';
import type { Instance } from './types.js';

/**
 * What one "GB" of allowance is in bytes. AWS does not say; 10^9 stops earlier, so it is the
 * default (see docs: ALLOWANCE_UNIT).
 */
export type AllowanceUnit = 'GB' | 'GiB';

export const BYTES_PER_UNIT: Readonly<Record<AllowanceUnit, number>> = { GB: 1e9, GiB: 2 ** 30 };

export interface AllowanceSettings {
  readonly unit: AllowanceUnit;
  /** Pro-rate the allowance of an instance created this month by the share of the month left. */
  readonly prorateNewInstances: boolean;
}

export interface Allowance {
  readonly bytes: number;
  /** Share of the plan's allowance that applies this month: 1, or less when pro-rated. */
  readonly share: number;
}

/**
 * The creation time the allowance and the usage check may rely on, or `undefined` with the reason
 * when `GetInstances` gave none, or one in the future (a clock or API fault). Pro-rating from such a
 * time would shrink the allowance to almost nothing and show thousands of percent; a full month's
 * allowance is the reading that cannot stop an instance for nothing, and the fault is named.
 */
export function trustedCreation(
  createdAt: Date,
  now: Date,
):
  | { readonly at: Date; readonly problem?: undefined }
  | { readonly at?: undefined; readonly problem: string } {
  if (Number.isNaN(createdAt.getTime())) return { problem: 'GetInstances gave no creation time' };
  if (createdAt.getTime() > now.getTime()) {
    return { problem: `its creation time ${createdAt.toISOString()} lies in the future` };
  }
  return { at: createdAt };
}

/**
 * The instance's allowance for this billing month. AWS does not document pro-rating for instances
 * created mid-month; plan prices are pro-rated by the hour, so the safe reading is that the
 * allowance is too: an instance created on the 16th of a 30-day month gets half of it. An untrusted
 * creation time (see `trustedCreation`) gets the full month.
 */
export function allowanceFor(
  instance: Pick<Instance, 'allowanceGb' | 'createdAt'>,
  month: BillingMonth,
  settings: AllowanceSettings,
  now: Date,
): Allowance {
  const full = instance.allowanceGb * BYTES_PER_UNIT[settings.unit];
  const created = trustedCreation(instance.createdAt, now).at?.getTime();
  if (!settings.prorateNewInstances || created === undefined || created <= month.start.getTime()) {
    return { bytes: full, share: 1 };
  }
  const monthLength = month.end.getTime() - month.start.getTime();
  const left = Math.max(0, month.end.getTime() - created);
  const share = Math.min(1, left / monthLength);
  return { bytes: full * share, share };
}
