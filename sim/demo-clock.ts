/**
 * The demo's clock: where `npm run demo` jumps, and what it says when it does. A deployed guard
 * checks every few minutes; the demo runs a handful of those checks and skips the ones in between,
 * so each jump is announced, and a jump never carries an instance past a threshold that a skipped
 * check would have caught: the demo runs that check first.
 */
import type { SimInstanceSpec } from './lightsail/index.js';

const GB = 1e9;
const MINUTE = 60_000;

/**
 * The first scheduled check, `start` plus a whole number of `intervalMinutes`, at which `spec`'s
 * shaped traffic since the month began (as the metrics show it, `lagSeconds` late) has reached
 * `percent` of its allowance; `undefined` if it does not before the month ends, or it has no shape.
 */
export function checkThatSeesThreshold(options: {
  readonly spec: SimInstanceSpec;
  readonly start: Date;
  readonly monthStart: Date;
  readonly monthEnd: Date;
  readonly percent: number;
  readonly intervalMinutes: number;
  readonly lagSeconds: number;
}): Date | undefined {
  const { spec, start, monthStart, monthEnd, percent, intervalMinutes, lagSeconds } = options;
  if (spec.shape === undefined) return undefined;
  const allowance = (spec.gbPerMonthAllocated ?? 1024) * GB;
  const seen = (at: number): number => {
    const bytes = spec.shape?.between(monthStart.getTime() / 1000, at / 1000 - lagSeconds) ?? {
      inBytes: 0,
      outBytes: 0,
    };
    return ((bytes.inBytes + bytes.outBytes) / allowance) * 100;
  };
  const step = intervalMinutes * MINUTE;
  // Usage only grows: search the checks for the first that sees the threshold.
  let low = 0;
  let high = Math.floor((monthEnd.getTime() - 1 - start.getTime()) / step);
  if (high < 0 || seen(start.getTime() + high * step) < percent) return undefined;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (seen(start.getTime() + middle * step) >= percent) high = middle;
    else low = middle + 1;
  }
  return new Date(start.getTime() + low * step);
}

/**
 * The checks the demo runs for `spec` before the month's end, so that skipping the ones in between
 * changes nothing that matters: the check before the one that sees `percent` (stop ahead may act
 * there), and that one. Those at or before `after` are left out.
 */
export function checksThatCatch(
  options: Parameters<typeof checkThatSeesThreshold>[0] & { readonly after: Date },
): Date[] {
  const sees = checkThatSeesThreshold(options);
  if (sees === undefined) return [];
  const before = new Date(sees.getTime() - options.intervalMinutes * MINUTE);
  return [before, sees].filter((at) => at.getTime() > options.after.getTime());
}

const when = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The line the demo prints when it moves its clock from `from` to `to`, and why it may. */
export function clockJump(from: Date, to: Date, why: string): string {
  const minutes = Math.round((to.getTime() - from.getTime()) / MINUTE);
  const span =
    minutes < 120
      ? `${minutes} minutes`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} hours`
        : `${Math.round(minutes / (24 * 60))} days`;
  return `⏩ The demo moves its clock ${span} forward, from ${when(from)} to ${when(to)}: ${why}`;
}
