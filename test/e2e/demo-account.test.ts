import { afterEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from '../../sim/lightsail/index.js';
import { sampleAccount } from '../../sim/sample-account.js';
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
});
