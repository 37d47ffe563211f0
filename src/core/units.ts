import { type AllowanceUnit, BYTES_PER_UNIT } from './allowance.js';

/** Bytes in the configured unit, two decimals: the precision a user compares with the console. */
export function formatAmount(bytes: number, unit: AllowanceUnit): string {
  return (bytes / BYTES_PER_UNIT[unit]).toFixed(2);
}

/** A percentage with one decimal; an infinite share (allowance 0) reads as such. */
export function formatPercent(percent: number | null): string {
  if (percent === null) return 'unknown';
  if (!Number.isFinite(percent)) return '∞%';
  return `${percent.toFixed(1)}%`;
}
