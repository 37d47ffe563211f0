/**
 * The rules a stop threshold and warning levels obey, whether they come from QUOTA_PERCENT and
 * WARN_PERCENT or from an instance's `lightsail-guard:quota` and `lightsail-guard:warn` tags: one
 * rule, so a value the environment refuses is refused on a tag too.
 */

/** A percentage greater than 0 (above 100 accepts some overage), or `undefined` when `raw` is not one. */
export function percentValue(raw: string): number | undefined {
  const parsed = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) return undefined;
  return parsed;
}

/** Warning levels checked against a threshold: each a percentage, all below the threshold. */
export type WarnLevels =
  | { readonly kind: 'levels'; readonly levels: readonly number[] }
  /** Items that are not a percentage greater than 0. */
  | { readonly kind: 'not-percent'; readonly items: readonly string[] }
  /** Levels at or above the threshold: the stop alert already says those. */
  | { readonly kind: 'too-high'; readonly levels: readonly number[] };

/** Checks `items` (already split) as warning levels below `quota`; sorted, without repeats. */
export function warnLevels(items: readonly string[], quota: number): WarnLevels {
  const bad = items.filter((item) => percentValue(item) === undefined);
  if (bad.length > 0) return { kind: 'not-percent', items: bad };
  const levels = items.map(Number);
  const tooHigh = levels.filter((level) => level >= quota);
  if (tooHigh.length > 0) return { kind: 'too-high', levels: tooHigh };
  return { kind: 'levels', levels: [...new Set(levels)].sort((a, b) => a - b) };
}

/**
 * A tag's list of levels. Lightsail tag values may not hold `,`, so `/` and spaces separate them
 * there (`80/90`, as the guard's own `alerted` tag does); `,` is accepted too.
 */
export function splitLevels(raw: string): string[] {
  return raw
    .split(/[,/\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Levels as a tag value: `80/90`. */
export function levelsTagValue(levels: readonly number[]): string {
  return levels.join('/');
}
