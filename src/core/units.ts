import { type AllowanceUnit, BYTES_PER_UNIT } from './allowance.js';

/** Bytes in the configured unit, two decimals: the precision a user compares with the console. */
export function formatAmount(bytes: number, unit: AllowanceUnit): string {
  return (bytes / BYTES_PER_UNIT[unit]).toFixed(2);
}

/**
 * A percentage cut (never rounded up) to one decimal, or to two where one would reach the next
 * whole number: 99.99% must not read as "100.0%" while the instance keeps running under a 100%
 * threshold. An infinite share (allowance 0) reads as such.
 */
export function formatPercent(percent: number | null): string {
  if (percent === null) return 'unknown';
  if (!Number.isFinite(percent)) return '∞%';
  // Snap floating-point noise first (10% of 1,024 GB computes as 9.999999999999998%), then cut.
  const value = Math.round(percent * 1e9) / 1e9;
  const cut = (decimals: number): string => {
    const scale = 10 ** decimals;
    return (Math.floor(value * scale + 1e-7) / scale).toFixed(decimals);
  };
  const fraction = value - Math.floor(value);
  return `${fraction >= 0.95 ? cut(2) : cut(1)}%`;
}
