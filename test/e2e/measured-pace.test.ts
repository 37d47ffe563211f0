import { afterEach, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from '../../sim/lightsail/index.js';
import type { SimInstanceSpec } from '../../sim/lightsail/types.js';
import { combined, constant, gbps } from '../../sim/traffic.js';
import { DEFAULTS } from '../../src/config.js';
import { htmlToPlain } from '../../src/core/html.js';
import { type GuardSettings, runGuard } from '../../src/engine/run.js';
import { metricsLine, renderResult } from '../../src/output.js';
import { guardSettings } from '../support/builders.js';
import { recordingChannel } from '../support/channel.js';
import { simulatorFleet } from '../support/sim-fleet.js';

/**
 * The pace the guard states, through the real SDK and fleet adapter against the simulator, at fixed
 * minutes of an hour: metrics that arrive at once and metrics 15 minutes late both give the true
 * rate, because the guard measures how far the metrics reach from their sample counts.
 */
const GB = 1e9;
const HOUR_START = Date.parse('2026-11-20T10:00:00.000Z');
const MONTH_START = Date.parse('2026-11-01T00:00:00.000Z') / 1000;
const settings: GuardSettings = guardSettings({
  regions: ['us-east-1'],
  foresight: {
    metricDelayMinutes: DEFAULTS.metricDelayMinutes,
    checkIntervalMinutes: DEFAULTS.checkIntervalMinutes,
    stopAhead: true,
    burstMbps: 0,
  },
});

describe('the pace measured over what the metrics cover', () => {
  let sim: LightsailSimulator | undefined;
  afterEach(() => sim?.close());

  async function world(now: Date, delaySeconds: number, instances: SimInstanceSpec[]) {
    sim = await startLightsailSimulator({ now: () => now, instances, metricDelaySeconds: delaySeconds });
    return simulatorFleet(sim);
  }

  const steadyRate = 2e6;
  const steady: SimInstanceSpec = {
    name: 'web_1',
    region: 'us-east-1',
    gbPerMonthAllocated: 7168,
    createdAt: new Date(Date.UTC(2025, 5, 1)),
    shape: constant({ bytesPerSecond: steadyRate }),
  };

  for (const delaySeconds of [0, 60, 900]) {
    for (const minute of [4, 10, 21, 47]) {
      it(`reports the true rate within 5% at minute ${minute}, metrics ${delaySeconds / 60} minutes late`, async () => {
        const now = new Date(HOUR_START + minute * 60_000);
        const fleet = await world(now, delaySeconds, [steady]);

        const status = await runGuard({ fleet, channels: [], now: () => now }, settings, {
          command: 'status',
          dryRun: false,
        });

        const [row] = status.rows;
        expect(row?.metrics).toEqual({
          seenUntil: new Date(now.getTime() - delaySeconds * 1000).toISOString(),
          lagMinutes: delaySeconds / 60,
          plannedLagMinutes: delaySeconds / 60,
          source: 'measured',
        });
        expect(Math.abs((row?.forecast?.ratePerSecond ?? 0) / steadyRate - 1)).toBeLessThan(0.05);
        expect(renderResult(status, 'GB')).toContain(
          `Metric lag: measured from their sample counts for 1 instance, ${(delaySeconds / 60).toFixed(1)} min behind.`,
        );
      });
    }
  }

  it('stops ahead of a 1 Gbps burst and says about 1 Gbps, measured, in the alert and --json', async () => {
    // 1,760 GB moved before this hour, then 1 Gbps from 10:00: at 10:21, 1,917.5 GB of 2,048 (93.6%),
    // and 75 GB more before the next check would pass 95%.
    const burst: SimInstanceSpec = {
      name: 'proxy_1',
      region: 'us-east-1',
      gbPerMonthAllocated: 2048,
      createdAt: new Date(Date.UTC(2025, 5, 1)),
      shape: combined(
        constant({ bytesPerSecond: (1760 * GB) / 60, from: MONTH_START, to: MONTH_START + 60 }),
        constant({ bytesPerSecond: 1e3 }),
        constant({ bytesPerSecond: gbps(1), from: HOUR_START / 1000 }),
      ),
    };
    const now = new Date(HOUR_START + 21 * 60_000);
    const fleet = await world(now, 0, [burst]);
    const telegram = recordingChannel('telegram');

    const check = await runGuard({ fleet, channels: [telegram], now: () => now }, settings, {
      command: 'check',
      dryRun: false,
    });

    const [row] = check.rows;
    expect(row).toMatchObject({ action: 'stopped', reason: 'ahead' });
    // The pace rose within the newest 5-minute sample, so stop ahead plans from its start (10:20).
    expect(row?.ahead).toMatchObject({ lagSource: 'newest-sample', lagMinutes: 1, withinMinutes: 11 });
    expect(row?.ahead?.worstCaseRatePerSecond).toBeUndefined();
    expect(Math.abs((row?.ahead?.ratePerSecond ?? 0) / gbps(1) - 1)).toBeLessThan(0.05);
    const text = telegram.sent.map((message) => htmlToPlain(message.text)).join('\n');
    expect(text).toContain(
      'At 1.00 Gbps it would pass 95% within 11 minutes (10 to the next check, 1 of metric lag, measured from the start of the newest sample, as the pace rose within it)',
    );
  });
});

describe('the metric lag status shows', () => {
  const row = (name: string, lagMinutes: number, source: 'measured' | 'assumed') => ({
    name,
    region: 'us-east-1',
    state: 'running',
    usedBytes: 1,
    allowanceBytes: 2,
    allowanceShare: 1,
    percent: 50,
    action: 'none' as const,
    metrics: { seenUntil: '2026-11-20T10:20:00.000Z', lagMinutes, plannedLagMinutes: lagMinutes, source },
  });

  it('names the instances whose lag was assumed, and why, beside those measured', () => {
    expect(
      metricsLine([row('web_1', 0.4, 'measured'), row('web_2', 1, 'measured'), row('new_1', 2, 'assumed')]),
    ).toEqual([
      '',
      'Metric lag: measured from their sample counts for 2 instances, 0.4-1.0 min behind; assumed 2.0 min behind (METRIC_DELAY_MINUTES) for new_1: no sample count to measure it from, or no complete hour yet this month.',
    ]);
  });

  it('says nothing when no running instance was read', () => {
    expect(metricsLine([])).toEqual([]);
  });
});
