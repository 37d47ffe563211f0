import { describe, expect, it } from 'vitest';
import { gbps } from '../../sim/traffic.js';
import { alertText } from '../../src/core/alerts.js';
import { zhCN } from '../../src/core/i18n/zh-CN.js';
import { rowNote } from '../../src/core/report.js';
import type { ReportRow } from '../../src/core/report-model.js';
import {
  BURST_FLOOR_PERCENT,
  burstStopPercent,
  formatRate,
  type StopAheadSettings,
  stopAheadOf,
} from '../../src/core/stop-ahead.js';
import { anInstance, GB } from '../support/builders.js';

/** A 1 TB plan (1,024 GB), the cheapest plans' allowance. */
const PLAN = 1024 * GB;
/** BURST_MBPS=1000 over the default 25-minute horizon: 1.25e8 B/s x 1,500 s = 187.5 GB. */
const RESERVE = 187.5 * GB;
const BURST: StopAheadSettings = {
  enabled: true,
  checkIntervalMinutes: 10,
  lagMinutes: 15,
  lagSource: 'assumed',
  burstBytesPerSecond: gbps(1),
};

const aheadAt = (usedBytes: number, settings = BURST, allowanceBytes = PLAN, rate: number | null = 0) =>
  stopAheadOf({ usedBytes, allowanceBytes, quotaPercent: 95, ratePerSecond: rate, settings });

describe('the burst reserve (BURST_MBPS)', () => {
  it('stops an idle 1 TB instance once a 1 Gbps burst could carry it past 100% before a check sees it', () => {
    expect(aheadAt(PLAN - RESERVE)).toEqual({
      ratePerSecond: gbps(1),
      withinMinutes: 25,
      lagMinutes: 15,
      lagSource: 'assumed',
      burst: true,
    });
    expect(aheadAt(PLAN - RESERVE - 1)).toBeUndefined();
  });

  it('is off by default: without BURST_MBPS an idle instance at 90% runs on to the threshold', () => {
    const { burstBytesPerSecond: _off, ...withoutBurst } = BURST;

    expect(aheadAt(0.9 * PLAN, withoutBurst)).toBeUndefined();
    expect(aheadAt(0.9 * PLAN, { ...BURST, burstBytesPerSecond: 0 })).toBeUndefined();
  });

  it('is part of stop ahead: STOP_AHEAD=false turns it off', () => {
    expect(aheadAt(0.9 * PLAN, { ...BURST, enabled: false })).toBeUndefined();
  });

  it('grows with the horizon: a 60-minute schedule keeps 450 GB in reserve', () => {
    const hourly = { ...BURST, checkIntervalMinutes: 45 };

    expect(aheadAt(PLAN - 450 * GB, hourly)).toMatchObject({ burst: true, withinMinutes: 60 });
    expect(aheadAt(PLAN - 450.1 * GB, hourly)).toBeUndefined();
  });

  it('never stops below half the allowance, so a small pro-rated allowance is not stopped on sight', () => {
    // Created on the 29th: 2/30 of 1 TB, less than the reserve itself.
    const small = (PLAN * 2) / 30;

    expect(aheadAt(0, BURST, small)).toBeUndefined();
    expect(aheadAt(small * 0.49, BURST, small)).toBeUndefined();
    expect(aheadAt(small * 0.5, BURST, small)).toMatchObject({ burst: true });
  });

  it('names the pace seen, not the assumed burst, when the pace alone would pass the threshold in time', () => {
    expect(aheadAt(0.9 * PLAN, BURST, PLAN, gbps(0.5))).toEqual({
      ratePerSecond: gbps(0.5),
      withinMinutes: 25,
      lagMinutes: 15,
      lagSource: 'assumed',
    });
  });

  it('falls back to the burst when the pace seen is too slow to pass the threshold in time', () => {
    expect(aheadAt(0.9 * PLAN, BURST, PLAN, gbps(0.01))).toEqual({
      ratePerSecond: gbps(1),
      withinMinutes: 25,
      lagMinutes: 15,
      lagSource: 'assumed',
      burst: true,
    });
  });

  it('does not stop an instance past 100% under a threshold above 100% without a reserve', () => {
    const over = { usedBytes: 1.05 * PLAN, allowanceBytes: PLAN, quotaPercent: 110, ratePerSecond: 0 };

    expect(stopAheadOf({ ...over, settings: { ...BURST, burstBytesPerSecond: 0 } })).toBeUndefined();
    expect(stopAheadOf({ ...over, settings: BURST })).toMatchObject({ burst: true });
  });

  it('leaves an instance at the threshold to the ordinary stop', () => {
    expect(aheadAt(0.95 * PLAN)).toBeUndefined();
  });
});

describe('formatRate at its unit boundaries', () => {
  it('says Gbps from 100 Mbps and Mbps from 1 Mbps', () => {
    expect(formatRate(1e8 / 8)).toBe('0.10 Gbps');
    expect(formatRate(1e6 / 8)).toBe('1 Mbps');
  });
});

describe('burstStopPercent', () => {
  const level = (allowanceBytes: number, settings = BURST, quotaPercent = 95) =>
    burstStopPercent({ allowanceBytes, quotaPercent, settings });

  it('says where the reserve stops each plan: 1 TB at 81.69%, 2 TB at 90.84%, 3 TB at 93.89%', () => {
    expect(level(PLAN)).toBeCloseTo(100 - (187.5 / 1024) * 100, 10);
    expect(level(2 * PLAN)).toBeCloseTo(100 - (187.5 / 2048) * 100, 10);
    expect(level(3 * PLAN)).toBeCloseTo(100 - (187.5 / 3072) * 100, 10);
  });

  it('is undefined where the threshold comes first (a 4 TB plan at 95%), or with no reserve', () => {
    expect(level(4 * PLAN)).toBeUndefined();
    expect(level(PLAN, BURST, 80)).toBeUndefined();
    expect(level(PLAN, { ...BURST, burstBytesPerSecond: 0 })).toBeUndefined();
    expect(level(PLAN, { ...BURST, enabled: false })).toBeUndefined();
    expect(level(0)).toBeUndefined();
  });

  it('is undefined where the reserve would stop exactly at the threshold: the ordinary stop is that stop', () => {
    // 187.5 GB is 5% of 3,750 GB: 100% less the reserve is 95% exactly.
    expect(level(3750 * GB)).toBeUndefined();
    expect(level(3749 * GB)).toBeLessThan(95);
  });

  it('says 100% under a threshold above 100% only with a reserve: without one there is no level', () => {
    expect(level(PLAN, { ...BURST, burstBytesPerSecond: 0 }, 110)).toBeUndefined();
    expect(level(100_000 * GB, BURST, 110)).toBeGreaterThan(99.8);
  });

  it('never says less than the floor', () => {
    expect(level(100 * GB)).toBe(BURST_FLOOR_PERCENT);
  });

  it('agrees with stopAheadOf at the level it names', () => {
    const at = level(PLAN) as number;

    expect(aheadAt((at / 100) * PLAN + 1)).toMatchObject({ burst: true });
    expect(aheadAt((at / 100) * PLAN - GB)).toBeUndefined();
  });
});

describe('what the burst reserve says', () => {
  const event = {
    kind: 'stop' as const,
    instance: anInstance({ name: 'proxy_1' }),
    outcome: 'stopped' as const,
    usedBytes: 850 * GB,
    allowanceBytes: PLAN,
    percent: (850 / 1024) * 100,
    ahead: {
      ratePerSecond: gbps(1),
      withinMinutes: 25,
      lagMinutes: 15,
      lagSource: 'assumed' as const,
      burst: true as const,
    },
  };
  const context = { unit: 'GB' as const, quotaPercent: 95, monthKey: '2026-11' };

  it('explains the stop as the reserve, in English', () => {
    expect(alertText(event, context)).toContain(
      'threshold 95%. A burst at 1.00 Gbps (BURST_MBPS) could pass 100% of the allowance within 25 minutes (10 to the next check, 15 of metric lag, assumed (METRIC_DELAY_MINUTES)), before a check could see it.',
    );
  });

  it('explains the stop as the reserve, in Chinese', () => {
    expect(alertText(event, context, zhCN)).toContain(
      '因此提前停止：若以 1.00 Gbps 的速度突发（BURST_MBPS），它可能在 25 分钟内用完全部流量配额（距下次检查 10 分钟，指标延迟 15 分钟，按 METRIC_DELAY_MINUTES 估计），检查来不及发现。',
    );
  });

  const row: ReportRow = {
    name: 'proxy_1',
    region: 'ap-northeast-1',
    state: 'running',
    usedBytes: 700 * GB,
    allowanceBytes: PLAN,
    allowanceShare: 1,
    percent: (700 / 1024) * 100,
    action: 'none',
    burstStopPercent: 100 - (187.5 / 1024) * 100,
  };

  it('shows in the table and the report where the reserve will stop a running instance', () => {
    expect(rowNote(row)).toBe('stops at 81.6% (burst reserve)');
    expect(rowNote(row, zhCN)).toBe('将在 81.6% 停止（突发预留）');
  });

  it('says a stop made for the reserve was the reserve, not the pace', () => {
    const stopped: ReportRow = { ...row, action: 'stopped', reason: 'ahead', burst: true };
    const { burstStopPercent: _level, ...plain } = stopped;
    const { burst: _burst, ...byPace } = plain;

    expect(rowNote(plain)).toBe('stopped ahead: a burst at BURST_MBPS could pass 100% before a check saw it');
    expect(rowNote(byPace)).toBe('stopped ahead: it would pass the threshold before the next check');
  });
});
