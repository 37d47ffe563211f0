import { describe, expect, it } from 'vitest';
import { gbps } from '../../sim/traffic.js';
import { TAGS } from '../../src/constants.js';
import { alertText } from '../../src/core/alerts.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { assess } from '../../src/core/decide.js';
import {
  formatRate,
  type StopAhead,
  type StopAheadSettings,
  stopAheadOf,
} from '../../src/core/stop-ahead.js';
import type { Instance, UsageReading } from '../../src/core/types.js';
import { anInstance, at, DEFAULT_POLICY, fullAllowance, GB, knownUsage } from '../support/builders.js';

const SETTINGS: StopAheadSettings = {
  enabled: true,
  checkIntervalMinutes: 10,
  lagMinutes: 15,
  lagSource: 'assumed',
};
const NOW = at('2026-11-20T10:00:00.000Z');

/** A 2,048 GB instance at `percent`, going at `rate` bytes per second. */
const aheadAt = (percent: number, rate: number | null, settings = SETTINGS) =>
  stopAheadOf({
    usedBytes: (percent / 100) * 2048 * GB,
    allowanceBytes: 2048 * GB,
    quotaPercent: 95,
    ratePerSecond: rate,
    settings,
  });

describe('stopAheadOf', () => {
  it('stops ahead at 0.98 Gbps from 92%: it would pass 95% within the 25 minutes to the next check', () => {
    expect(aheadAt(92, gbps(0.98))).toEqual({
      ratePerSecond: gbps(0.98),
      withinMinutes: 25,
      lagMinutes: 15,
      lagSource: 'assumed',
    });
  });

  it('stops ahead when the threshold is exactly 25 minutes away, and not a byte further', () => {
    const gap = 0.03 * 2048 * GB;
    const rate = gap / (25 * 60);

    expect(aheadAt(92, rate)).toBeDefined();
    expect(aheadAt(92, rate * 0.999)).toBeUndefined();
  });

  it('looks as far ahead as the next check: CHECK_INTERVAL_MINUTES plus METRIC_DELAY_MINUTES', () => {
    const rate = (0.03 * 2048 * GB) / (40 * 60);

    expect(aheadAt(92, rate)).toBeUndefined();
    expect(aheadAt(92, rate, { ...SETTINGS, checkIntervalMinutes: 25 })).toEqual({
      ratePerSecond: rate,
      withinMinutes: 40,
      lagMinutes: 15,
      lagSource: 'assumed',
    });
  });

  it('looks no further than the month’s end: traffic after 00:00 UTC on the 1st is next month’s', () => {
    // 1% of 2,048 GB a minute: 95% comes 3 minutes after the last visible byte at 92%.
    const rate = (0.01 * 2048 * GB) / 60;

    expect(aheadAt(92, rate, { ...SETTINGS, minutesToMonthEnd: 2.9 })).toBeUndefined();
    expect(aheadAt(92, rate, { ...SETTINGS, minutesToMonthEnd: 3 })).toBeDefined();
    expect(aheadAt(92, rate, SETTINGS)).toBeDefined();
  });

  it('keeps no burst reserve for traffic after the month’s end', () => {
    const burst = { ...SETTINGS, burstBytesPerSecond: gbps(1) };

    expect(aheadAt(93, 0, burst)).toMatchObject({ burst: true });
    expect(aheadAt(93, 0, { ...burst, minutesToMonthEnd: 1 })).toBeUndefined();
  });

  it('never stops ahead with STOP_AHEAD=false, without a pace, or at a standstill', () => {
    expect(aheadAt(92, gbps(5), { ...SETTINGS, enabled: false })).toBeUndefined();
    expect(aheadAt(94.9, null)).toBeUndefined();
    expect(aheadAt(94.9, 0)).toBeUndefined();
  });

  it('leaves an instance already at the threshold to the ordinary stop', () => {
    expect(aheadAt(95, gbps(1))).toBeUndefined();
  });

  it('says the pace as network people do', () => {
    expect(formatRate(gbps(0.98))).toBe('0.98 Gbps');
    expect(formatRate(gbps(5))).toBe('5.00 Gbps');
    expect(formatRate(42e6 / 8)).toBe('42 Mbps');
    expect(formatRate(850e3 / 8)).toBe('850 kbps');
  });
});

describe('assess with a stop ahead', () => {
  const AHEAD: StopAhead = {
    ratePerSecond: gbps(0.98),
    withinMinutes: 25,
    lagMinutes: 15,
    lagSource: 'assumed',
  };
  const assessAhead = (instance: Partial<Instance> = {}, usage: UsageReading = knownUsage(92 * GB)) =>
    assess({
      instance: anInstance(instance),
      usage,
      allowance: fullAllowance(100),
      policy: DEFAULT_POLICY,
      month: billingMonthOf(NOW),
      now: NOW,
      ahead: AHEAD,
    });

  it('stops a running instance under the threshold, for the reason "ahead", recording the warnings it passed', () => {
    const assessment = assessAhead();

    expect(assessment.stop).toBe(true);
    expect(assessment.stopReason).toBe('ahead');
    expect(assessment.due).toEqual([{ kind: 'stop', ahead: AHEAD }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:80/90' });
  });

  it('lets a keep-running tag win', () => {
    const assessment = assessAhead({ tags: { [TAGS.keepRunning]: '2026-11' } });

    expect(assessment.stop).toBe(false);
    expect(assessment.due).toEqual([{ kind: 'warn', level: 90 }]);
  });

  it('never stops an instance whose usage is unknown', () => {
    const assessment = assessAhead({}, { kind: 'unknown', reason: 'NetworkOut: throttled' });

    expect(assessment.stop).toBe(false);
  });

  it('does not stop an instance that is not running', () => {
    expect(assessAhead({ state: 'stopping' }).stop).toBe(false);
  });

  it('gives an ordinary stop the reason "threshold"', () => {
    const assessment = assessAhead({}, knownUsage(96 * GB));

    expect(assessment.stopReason).toBe('threshold');
    expect(assessment.due).toEqual([{ kind: 'stop' }]);
  });

  it('says why in the stop alert: "at 0.98 Gbps it would pass 95% within 25 minutes"', () => {
    const text = alertText(
      {
        kind: 'stop',
        instance: anInstance({ name: 'proxy_1' }),
        outcome: 'stopped',
        usedBytes: 92 * GB,
        allowanceBytes: 100 * GB,
        percent: 92,
        ahead: AHEAD,
      },
      { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' },
    );

    expect(text).toContain(
      '<code>proxy_1</code> in us-east-1: 92.00 of 100.00 GB used (92.0%), threshold 95%. At 0.98 Gbps it would pass 95% within 25 minutes (10 to the next check, 15 of metric lag, assumed (METRIC_DELAY_MINUTES)), before the next check could see it.\nStop call succeeded.',
    );
  });
});
