/**
 * Settings that cannot be silently wrong: an environment variable whose name is close to one the
 * guard reads (`WARN_PERCENTS`, `warn_percent`, `TIMEZONE`) would otherwise be ignored without a
 * word, and the guard would run on a default the user believes they changed.
 */

import { ENV } from '../constants.js';
import type { Environment } from '../env.js';
import { editDistance } from './options.js';

/** A variable that is set but not read, and the setting it was probably meant to be. */
export interface NearMiss {
  readonly given: string;
  readonly meant: string;
}

/** Every name the guard reads from the environment, channels included. */
const KNOWN: readonly string[] = Object.values(ENV);

/**
 * The setting `name` was probably meant to be: the same name in another case, a plural or
 * singular of it, or one a typo away (one edit for names under 8 characters, two for longer
 * ones, so that short unrelated names are not taken for settings).
 */
export function meantSetting(name: string, known: readonly string[] = KNOWN): string | undefined {
  if (known.includes(name)) return undefined;
  const upper = name.toUpperCase().replace(/-/g, '_');
  let best: { name: string; score: number } | undefined;
  for (const candidate of known) {
    const plural = upper === `${candidate}S` || `${upper}S` === candidate;
    const score = upper === candidate || plural ? 0 : editDistance(upper, candidate);
    const limit = Math.min(name.length, candidate.length) < 8 ? 1 : 2;
    if (score <= limit && (best === undefined || score < best.score)) best = { name: candidate, score };
  }
  return best?.name;
}

/** The variables set in `env` that look like a misspelt setting, in name order. */
export function nearMissSettings(env: Environment, known: readonly string[] = KNOWN): NearMiss[] {
  return Object.keys(env)
    .filter((name) => env[name] !== undefined)
    .sort()
    .flatMap((given) => {
      const meant = meantSetting(given, known);
      return meant === undefined || env[meant] !== undefined ? [] : [{ given, meant }];
    });
}

/**
 * The warning for one near miss. A warning, not an error: the environment is shared with every
 * other program, and a name that only looks like a setting (another tool's `REGION`) must not
 * stop the guard from protecting the bill.
 */
export function nearMissWarning({ given, meant }: NearMiss): string {
  return `warning: ${given} is not a lightsail-guard setting and is ignored; did you mean ${meant}?`;
}
