/**
 * One virtual month of the real engine (`runGuard`) over one profile under one policy, with metrics
 * landing `lagMinutes` late: the guard's own METRIC_DELAY_MINUTES stays whatever `settings` say.
 */

import { billingMonthOf } from '../../src/core/billing-month.js';
import type { Channel } from '../../src/core/ports.js';
import { type GuardSettings, runGuard } from '../../src/engine/run.js';
import { billOf, type MonthBill } from './bill.js';
import { type MonthInstance, monthFleet } from './fleet.js';
import { hoursStoppedEarly, perfectStops } from './perfect.js';
import { MONTH_END, MONTH_START } from './profiles.js';

/** Checks every 10 minutes (the stack's default), at 3 minutes past: a schedule has its own offset. */
export const CHECK_EVERY_MINUTES = 10;
const FIRST_CHECK_OFFSET_MINUTES = 3;

export interface MonthRun extends MonthBill {
  /** Hours instances were stopped before a guard with perfect knowledge would have (`perfect.ts`). */
  readonly hoursStoppedEarly: number;
  readonly checks: number;
  /** Stops, with their reasons, as the rows said. */
  readonly stops: readonly string[];
  /** Metric reads per check per running instance: the call bound says 2. */
  readonly metricReadsPerRead: number;
  readonly problems: number;
}

/** Takes every message at once: alert state then follows as it would with the channel up. */
const sink: Channel = {
  name: 'telegram',
  label: 'Telegram',
  format: { body: 'html', limit: 4096, measure: 'chars' },
  send: async () => {},
};

/** The month of one account (one variant of a profile) under `settings`, its metrics `lagMinutes` late. */
export async function simulateMonth(
  instances: readonly MonthInstance[],
  settings: GuardSettings,
  truth: { readonly lagMinutes: number },
): Promise<MonthRun> {
  let now = new Date(MONTH_START + FIRST_CHECK_OFFSET_MINUTES * 60_000);
  const fleet = monthFleet({ instances, now: () => now, lagMinutes: truth.lagMinutes });
  let checks = 0;
  let instanceReads = 0;
  let problems = 0;
  const stops: string[] = [];
  while (now.getTime() < MONTH_END) {
    const running = fleet.live.filter((each) => each.state === 'running' && each.createdAt <= now).length;
    const result = await runGuard({ fleet, channels: [sink], now: () => now }, settings, {
      command: 'check',
      dryRun: false,
    });
    checks += 1;
    instanceReads += running;
    problems += result.problems.length;
    for (const row of result.rows) {
      if (row.action !== 'stopped') continue;
      const each = fleet.live.find((live) => live.name === row.name);
      if (each) each.stopReason = row.reason;
      stops.push(`${row.name} ${now.toISOString().slice(5, 16)} (${row.reason ?? '?'})`);
    }
    now = new Date(now.getTime() + CHECK_EVERY_MINUTES * 60_000);
  }
  const month = billingMonthOf(new Date(MONTH_START));
  const perfect = perfectStops(
    instances,
    { quotaPercent: settings.policy.quotaPercent, scope: settings.allowanceScope },
    month,
  );
  return {
    ...billOf(fleet.live, month),
    hoursStoppedEarly: hoursStoppedEarly(fleet.live, perfect, month),
    checks,
    stops,
    metricReadsPerRead: (fleet.calls.GetInstanceMetricData ?? 0) / Math.max(1, instanceReads),
    problems,
  };
}
