import { afterEach, describe, expect, it } from 'vitest';
import { checksThatCatch, clockJump } from '../../sim/demo-clock.js';
import { type LightsailSimulator, startLightsailSimulator } from '../../sim/lightsail/index.js';
import { sampleAccount } from '../../sim/sample-account.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { runGuard } from '../../src/engine/run.js';
import { renderResult } from '../../src/output.js';
import { guardSettings } from '../support/builders.js';
import { recordingChannel } from '../support/channel.js';
import { simulatorFleet } from '../support/sim-fleet.js';

/**
 * What `npm run demo` promises, at fixed times of a month (the demo itself runs at the real clock):
 * the real Lightsail fleet adapter over the simulator, with its one-minute metric lag.
 */
describe('the demo account', () => {
  let sim: LightsailSimulator | undefined;
  afterEach(() => sim?.close());

  it.each(['2026-11-28T17:48:00.000Z', '2026-11-05T09:05:00.000Z', '2026-12-30T22:30:00.000Z'])(
    'shows a forecast in status and is stopped ahead once, at %s',
    async (iso) => {
      const now = new Date(iso);
      sim = await startLightsailSimulator({
        now: () => now,
        instances: sampleAccount(now),
        metricDelaySeconds: 60,
      });
      const fleet = simulatorFleet(sim);
      const regions = ['us-east-1', 'eu-west-2', 'ap-northeast-1', 'ap-south-1', 'us-west-2'];
      const settings = guardSettings({ regions });

      const status = await runGuard({ fleet, channels: [], now: () => now }, settings, {
        command: 'status',
        dryRun: false,
      });
      const check = await runGuard(
        { fleet, channels: [recordingChannel('telegram')], now: () => now },
        settings,
        {
          command: 'check',
          dryRun: false,
        },
      );

      const table = renderResult(status, 'GB', { quotaPercent: 95, timeZone: 'UTC' });
      expect(table).toMatch(/^web-1 .*on pace for 1\d\d% by 3\d (Nov|Dec)/m);
      expect(check.rows.filter((row) => row.reason === 'ahead').map((row) => row.name)).toEqual([
        'proxy-tokyo',
      ]);
      expect(status.pools.map((pool) => pool.instances)).toEqual([
        ['web-1', 'test-box'],
        ['web_2', 'web_3'],
      ]);
    },
  );

  it.each(['2026-11-28T17:48:00.000Z', '2026-11-05T09:05:00.000Z', '2026-12-30T22:30:00.000Z'])(
    'ends the month, from %s, with web-1 stopped by the guard below its allowance, not over it',
    async (iso) => {
      let now = new Date(iso);
      const instances = sampleAccount(now);
      sim = await startLightsailSimulator({ now: () => now, instances, metricDelaySeconds: 60 });
      const fleet = simulatorFleet(sim);
      // As the demo runs: RESTART_ON_NEW_MONTH=true.
      const settings = guardSettings({
        regions: ['us-east-1', 'eu-west-2', 'ap-northeast-1', 'ap-south-1', 'us-west-2'],
        restartOnNewMonth: true,
      });
      const telegram = recordingChannel('telegram');
      const run = (command: 'check' | 'report') =>
        runGuard({ fleet, channels: [telegram], now: () => now }, settings, { command, dryRun: false });
      const month = billingMonthOf(now);
      const web1 = instances.find((instance) => instance.name === 'web-1');
      if (web1 === undefined) throw new Error('the sample account has no web-1');

      // The demo's steps: the first check, the checks that catch web-1, then the month's last report.
      const first = now;
      await run('check');
      const catching = checksThatCatch({
        spec: web1,
        start: first,
        after: now,
        monthStart: month.start,
        monthEnd: month.end,
        percent: 95,
        intervalMinutes: 10,
        lagSeconds: 60,
      });
      for (const at of catching) {
        if (sim.instance('us-east-1', 'web-1')?.state !== 'running') break;
        now = at;
        await run('check');
      }
      now = new Date(month.end.getTime() - 2 * 60_000);
      const report = await run('report');

      const table = renderResult(report, 'GB', { quotaPercent: 95, timeZone: 'UTC' });
      const sent = telegram.sent.at(-1)?.text ?? '';
      expect(table).toMatch(/^web-1 +us-east-1 +stopped .* 9[45]\.\d+% +stopped by the guard/m);
      expect(table).not.toContain('over the allowance');
      expect(sent).toMatch(/web-1 us-east-1 · stopped · .* · stopped by the guard/);
      expect(sent).not.toContain('over the allowance');
    },
  );
});

describe('the demo clock', () => {
  it('says how far it moves and between which times', () => {
    const from = new Date('2026-12-07T23:45:00Z');

    expect(clockJump(from, new Date('2026-12-07T23:55:00Z'), 'the next scheduled check')).toBe(
      '⏩ The demo moves its clock 10 minutes forward, from 2026-12-07 23:45 UTC to 2026-12-07 23:55 UTC: the next scheduled check',
    );
    expect(clockJump(from, new Date('2026-12-22T18:45:00Z'), 'x')).toContain('15 days forward');
  });
});
