/**
 * USD per GB out past the allowance, by region (Lightsail FAQ, "data transfer allowance"; see
 * shared lightsail-facts). A region missing here has no published figure: no price is quoted.
 */
export const OVERAGE_USD_PER_GB: Readonly<Record<string, number>> = {
  'us-east-1': 0.09,
  'us-east-2': 0.09,
  'us-west-2': 0.09,
  'ca-central-1': 0.09,
  'eu-central-1': 0.09,
  'eu-west-1': 0.09,
  'eu-west-2': 0.09,
  'eu-west-3': 0.09,
  'eu-north-1': 0.09,
  'ap-south-1': 0.13,
  'ap-northeast-2': 0.13,
  'ap-southeast-1': 0.12,
  'ap-northeast-1': 0.14,
  'ap-southeast-2': 0.17,
};

/** What traffic past the allowance may cost: the figures a catalogue puts into words. */
export interface OverageFigures {
  /** Decimal GB past the allowance, two decimals. */
  readonly overGb: string;
  /** USD per GB out in the region; absent where no price is published. */
  readonly price?: number;
  /** Upper bound of the cost in USD, two decimals; absent with the price. */
  readonly costUsd?: string;
}

/**
 * Whether any byte is beyond the allowance. AWS bills only those, so at exactly 100% nothing is
 * billed yet: the alerts, the report and the table all take "past" and "billed" from here.
 */
function pastAllowance(usedBytes: number | null, allowanceBytes: number): usedBytes is number {
  return usedBytes !== null && usedBytes > allowanceBytes;
}

/**
 * Where used bytes stand for an alert's words: `past` the allowance (billed), `all` of it used
 * (exactly 100%: the next byte out is billed), or `undefined` for neither or unknown usage.
 */
export function allowanceStanding(figures: {
  readonly usedBytes: number | null;
  readonly allowanceBytes: number;
}): 'past' | 'all' | undefined {
  if (pastAllowance(figures.usedBytes, figures.allowanceBytes)) return 'past';
  return figures.allowanceBytes > 0 && figures.usedBytes === figures.allowanceBytes ? 'all' : undefined;
}

/**
 * What the traffic past the allowance may cost, or `undefined` when not past it. Only outbound
 * traffic past the allowance is billed, and the metrics count both directions, so this is an upper
 * bound.
 */
export function overageFigures(
  region: string,
  usedBytes: number | null,
  allowanceBytes: number,
): OverageFigures | undefined {
  if (!pastAllowance(usedBytes, allowanceBytes)) return undefined;
  const overGb = (usedBytes - allowanceBytes) / 1e9;
  const price = OVERAGE_USD_PER_GB[region];
  if (price === undefined) return { overGb: overGb.toFixed(2) };
  return { overGb: overGb.toFixed(2), price, costUsd: (overGb * price).toFixed(2) };
}
