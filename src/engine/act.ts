import { startOrForget } from './restart.js';
import { stopAssessed } from './stop.js';
import type { InstanceOutcome, RunContext } from './types.js';

/**
 * Acts on one assessed instance: in a `check`, stops it when its assessment says so (a dry run only
 * says it would), and otherwise takes the new month's step (starts what the guard stopped in an
 * earlier month, or forgets a spent stop record). `status` and `report` never act.
 */
export async function actOn(ctx: RunContext, outcome: InstanceOutcome): Promise<InstanceOutcome> {
  const { fleet, command, dryRun, month, now, deadline, log } = ctx;
  if (command !== 'check') return outcome;
  if (!outcome.assessment?.stop) {
    const { restartOnNewMonth } = ctx.settings;
    return startOrForget({ fleet, outcome, month, restartOnNewMonth, dryRun, deadline, log });
  }
  if (dryRun) return { ...outcome, action: 'would-stop' };
  return stopAssessed({ fleet, outcome, now, deadline, log });
}
