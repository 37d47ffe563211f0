/** Used bytes as a percentage of the allowance; an allowance of 0 with any use is infinitely over. */
export function percentUsed(usedBytes: number, allowanceBytes: number): number {
  if (allowanceBytes <= 0) return usedBytes > 0 ? Number.POSITIVE_INFINITY : 0;
  // Multiply first: (used / allowance) * 100 rounds exactly-at-threshold shares such as 29% down
  // to 28.999...%, which would not stop an instance at exactly QUOTA_PERCENT.
  return (usedBytes * 100) / allowanceBytes;
}
