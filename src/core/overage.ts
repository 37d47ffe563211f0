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

/**
 * What the traffic past the allowance may cost, as text, or `undefined` when under it. Only
 * outbound traffic past the allowance is billed, and the metrics count both directions, so this
 * is an upper bound.
 */
export function overageNote(
  region: string,
  usedBytes: number | null,
  allowanceBytes: number,
): string | undefined {
  if (usedBytes === null || usedBytes <= allowanceBytes) return undefined;
  const overGb = (usedBytes - allowanceBytes) / 1e9;
  const price = OVERAGE_USD_PER_GB[region];
  const over = `${overGb.toFixed(2)} GB over the allowance`;
  if (price === undefined) return `${over}: billed per GB out`;
  return `${over}: up to ${(overGb * price).toFixed(2)} USD at ${price} USD/GB out`;
}

/** The price sentence for an alert about traffic that will be billed. */
export function overagePriceText(region: string): string {
  const price = OVERAGE_USD_PER_GB[region];
  return price === undefined ? 'billed per GB out' : `billed at ${price} USD/GB out in ${region}`;
}
