import { describe, expect, it } from 'vitest';
import { type AlertEvent, type AlertTextContext, alertText } from '../../src/core/alerts.js';
import { resetBeforeNextCheck } from '../../src/core/billing-month.js';
import type { Forecast } from '../../src/core/forecast.js';
import { zhCN } from '../../src/core/i18n/zh-CN.js';
import { rowNote } from '../../src/core/report.js';
import { anInstance, aRow, at, GB } from '../support/builders.js';

const INTERVAL = 10;
const DECEMBER_1 = at('2026-12-01T00:00:00.000Z');
const JANUARY_1 = at('2027-01-01T00:00:00.000Z');

describe('the allowance resets before the next check', () => {
  it.each([
    ['the last second of the month', '2026-11-30T23:59:59.999Z'],
    ['within the last check interval', '2026-11-30T23:55:00.000Z'],
    [
      'exactly one interval before the end: the next check would come at the reset',
      '2026-11-30T23:50:00.000Z',
    ],
  ])('applies at %s', (_, now) => {
    expect(resetBeforeNextCheck(at(now), INTERVAL)).toEqual(DECEMBER_1);
  });

  it.each([
    ['just before the last check interval', '2026-11-30T23:49:59.999Z'],
    ['the first moment of a month', '2026-12-01T00:00:00.000Z'],
    ['the middle of the month', '2026-11-20T10:00:00.000Z'],
  ])('does not apply %s', (_, now) => {
    expect(resetBeforeNextCheck(at(now), INTERVAL)).toBeUndefined();
  });

  it('applies from December into January, and with a longer interval from earlier on', () => {
    expect(resetBeforeNextCheck(at('2026-12-31T23:55:00.000Z'), INTERVAL)).toEqual(JANUARY_1);
    expect(resetBeforeNextCheck(at('2026-12-31T22:00:00.000Z'), 120)).toEqual(JANUARY_1);
    expect(resetBeforeNextCheck(at('2026-12-31T21:59:59.000Z'), 120)).toBeUndefined();
  });
});

const WEB_1 = anInstance({ name: 'web_1', region: 'eu-west-2' });
const figures = { usedBytes: 92 * GB, allowanceBytes: 100 * GB, percent: 92 };
const NOVEMBER: AlertTextContext = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' };
const LAST_INTERVAL: AlertTextContext = { ...NOVEMBER, resetBeforeNextCheck: DECEMBER_1 };
const DECEMBER_LAST: AlertTextContext = {
  unit: 'GB',
  quotaPercent: 95,
  monthKey: '2026-12',
  resetBeforeNextCheck: JANUARY_1,
};

describe('alerts in the month’s last check interval promise no stop the reset makes moot', () => {
  const warn: AlertEvent = { kind: 'warn', instance: WEB_1, level: 90, ...figures };

  it('a warning says when the allowance resets instead of when the instance will be stopped', () => {
    expect(alertText(warn, LAST_INTERVAL)).toBe(
      '⚠️ <b>90% warning</b> <code>web_1</code> in eu-west-2: 92.00 of 100.00 GB used (92.0%). The allowance resets at 1 Dec 00:00 UTC, before the next check.',
    );
    expect(alertText(warn, LAST_INTERVAL, zhCN)).toBe(
      '⚠️ <b>90% 预警</b> <code>web_1</code>（eu-west-2）：已用 92.00 GB / 100.00 GB（92.0%）。流量配额将于 12月1日 00:00 UTC 重置，早于下次检查。',
    );
  });

  it('a warning before the last interval still says when it will be stopped', () => {
    expect(alertText(warn, NOVEMBER)).toContain('It will be stopped at 95%.');
    expect(alertText(warn, NOVEMBER, zhCN)).toContain('达到 95% 时将被停止。');
  });

  it('names the reset in the display time zone, from December into January', () => {
    const shanghai = { ...DECEMBER_LAST, timeZone: 'Asia/Shanghai' };

    expect(alertText(warn, DECEMBER_LAST)).toContain(
      'The allowance resets at 1 Jan 00:00 UTC, before the next check.',
    );
    expect(alertText(warn, shanghai)).toContain(
      'The allowance resets at 1 Jan 00:00 UTC (08:00 UTC+8), before the next check.',
    );
    expect(alertText(warn, shanghai, zhCN)).toContain(
      '⚠️ <b>90% 预警</b> <code>web_1</code>（eu-west-2）：已用 92.00 GB / 100.00 GB（92.0%）。流量配额将于 1月1日 00:00 UTC（北京时间 08:00）重置，早于下次检查。',
    );
  });

  it('a pool’s warning promises no stop of its members either', () => {
    const pool = {
      region: 'eu-west-2',
      bundleId: 'small_3_0',
      instances: ['web_1', 'web_2'],
      usedBytes: 184 * GB,
      allowanceBytes: 200 * GB,
      percent: 92,
    };
    const pooled: AlertEvent = { ...warn, usedBytes: 184 * GB, allowanceBytes: 200 * GB, pool };

    expect(alertText(pooled, LAST_INTERVAL)).not.toContain('will be stopped');
    expect(alertText(pooled, LAST_INTERVAL)).toContain('The allowance resets at 1 Dec 00:00 UTC');
    expect(alertText(pooled, LAST_INTERVAL, zhCN)).not.toContain('将被停止');
  });

  it('a failed stop says the next check will not retry it, and how to stop it this month', () => {
    const failed: AlertEvent = {
      kind: 'stop',
      instance: WEB_1,
      outcome: 'failed',
      error: 'boom',
      ...figures,
    };

    expect(alertText(failed, LAST_INTERVAL)).toContain(
      'The instance is still running: boom. The allowance resets at 1 Dec 00:00 UTC, before the next check, which will not stop it: to stop it this month, stop it by hand.',
    );
    expect(alertText(failed, LAST_INTERVAL, zhCN)).toContain(
      '流量配额将于 12月1日 00:00 UTC 重置，早于下次检查，届时不会再停止它：如需在本月停止它，请手动停止。',
    );
    expect(alertText(failed, NOVEMBER)).toContain('The next check tries again.');
  });

  it('a kept-running or notify-only instance is not told how to have the next check stop it', () => {
    const kept: AlertEvent = { kind: 'kept-running', instance: WEB_1, ...figures };
    const notify: AlertEvent = { kind: 'not-stopped', instance: WEB_1, because: 'setting', ...figures };

    expect(alertText(kept, LAST_INTERVAL)).not.toContain('To let the guard stop it again');
    expect(alertText(kept, LAST_INTERVAL)).toContain(
      'The allowance resets at 1 Dec 00:00 UTC, before the next check.',
    );
    expect(alertText(kept, LAST_INTERVAL, zhCN)).not.toContain('如需让 lightsail-guard 重新在阈值处停止它');
    expect(alertText(kept, LAST_INTERVAL, zhCN)).toContain(
      '流量配额将于 12月1日 00:00 UTC 重置，早于下次检查。',
    );
    expect(alertText(notify, LAST_INTERVAL)).toContain(
      'The allowance resets at 1 Dec 00:00 UTC, before the next check; to have it stopped from then on: set ACTION=stop',
    );
    expect(alertText(notify, LAST_INTERVAL, zhCN)).toContain(
      '流量配额将于 12月1日 00:00 UTC 重置，早于下次检查；如需从那时起停止它：设置 ACTION=stop',
    );
  });
});

describe('the forecast alert at the month’s edge', () => {
  const forecast = (overrides: Partial<Forecast>): AlertEvent => ({
    kind: 'forecast',
    instance: WEB_1,
    usedBytes: 70 * GB,
    allowanceBytes: 100 * GB,
    percent: 70,
    forecast: {
      ratePerSecond: null,
      dailyRatePerSecond: 1e6,
      basisHours: 24,
      monthEndBytes: 100 * GB,
      monthEndPercent: 100,
      thresholdPercent: 95,
      thresholdAt: at('2026-11-30T23:57:00.000Z'),
      fullAt: null,
      ...overrides,
    },
  });

  it('in the last interval, says when it reaches the threshold and when the allowance resets, not that it will be stopped', () => {
    expect(alertText(forecast({}), LAST_INTERVAL)).toBe(
      '📈 <b>On pace to pass the allowance</b> <code>web_1</code> in eu-west-2: 70.00 of 100.00 GB used (70.0%); at its pace of the last day it reaches 95% around 30 Nov 23:57 UTC and 100% by 30 Nov. The allowance resets at 1 Dec 00:00 UTC, before the next check.',
    );
    expect(alertText(forecast({}), LAST_INTERVAL, zhCN)).toBe(
      '📈 <b>预计超出配额</b> <code>web_1</code>（eu-west-2）：已用 70.00 GB / 100.00 GB（70.0%）；按最近一天的速度，预计 11月30日 23:57 UTC 达到 95%，月底（11月30日）将达 100%。流量配额将于 12月1日 00:00 UTC 重置，早于下次检查。',
    );
  });

  it('names no time at or past the month’s end when 100% falls exactly on it', () => {
    const atTheEnd = forecast({ thresholdAt: null, fullAt: null, thresholdPercent: 101 });

    expect(alertText(atTheEnd, NOVEMBER)).toContain('at its pace of the last day it reaches 100% by 30 Nov.');
    expect(alertText(atTheEnd, NOVEMBER)).not.toContain('1 Dec');
    expect(alertText(atTheEnd, NOVEMBER, zhCN)).toContain(
      '按最近一天的速度，预计月底（11月30日）将达 100%。',
    );
    expect(alertText(atTheEnd, NOVEMBER, zhCN)).not.toContain('12月1日');
  });
});

describe('status and report rows in the month’s last check interval', () => {
  const reset = DECEMBER_1.toISOString();
  const over = aRow({ usedBytes: 97 * GB, percent: 97, action: 'over-threshold', reason: 'threshold' });
  const display = { quotaPercent: 95, timeZone: 'UTC', monthEnd: DECEMBER_1 };

  it('an instance over its threshold: no "the next check stops it", but when the allowance resets', () => {
    const row = { ...over, resetBeforeNextCheck: reset };

    expect(rowNote(row, undefined, display)).toBe(
      'over threshold; the allowance resets at 1 Dec 00:00 UTC, before the next check',
    );
    expect(rowNote(row, zhCN, display)).toBe('超过阈值；流量配额将于 12月1日 00:00 UTC 重置，早于下次检查');
  });

  it('one due a stop ahead, by pace or by the burst reserve, says the same', () => {
    const ahead = { ...over, percent: 90, reason: 'ahead' as const, resetBeforeNextCheck: reset };

    expect(rowNote(ahead)).toBe(
      'would pass the threshold at its pace; the allowance resets at 1 Dec 00:00 UTC, before the next check',
    );
    expect(rowNote({ ...ahead, burst: true }, zhCN)).toBe(
      '已进入突发预留；流量配额将于 12月1日 00:00 UTC 重置，早于下次检查',
    );
  });

  it('names the reset in TIME_ZONE, from December into January', () => {
    const row = { ...over, resetBeforeNextCheck: JANUARY_1.toISOString() };
    const tokyo = { ...display, timeZone: 'Asia/Tokyo', monthEnd: JANUARY_1 };

    expect(rowNote(row, undefined, tokyo)).toBe(
      'over threshold; the allowance resets at 1 Jan 00:00 UTC (09:00 UTC+9), before the next check',
    );
    expect(rowNote(row, zhCN, tokyo)).toBe(
      '超过阈值；流量配额将于 1月1日 00:00 UTC（09:00 UTC+9）重置，早于下次检查',
    );
  });

  it('before the last interval, still says the next check stops it', () => {
    expect(rowNote(over)).toBe('over threshold: the next check stops it');
    expect(rowNote(over, zhCN)).toBe('超过阈值：下次检查时停止');
  });
});
