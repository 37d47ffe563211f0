import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { type AlertEvent, alertRank, alertText } from '../../src/core/alerts.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { assess, type GuardPolicy } from '../../src/core/decide.js';
import { alertData } from '../../src/core/event-data.js';
import type { Forecast } from '../../src/core/forecast.js';
import { zhCN } from '../../src/core/i18n/zh-CN.js';
import { anInstance, at, DEFAULT_POLICY, fullAllowance, GB, knownUsage } from '../support/builders.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

const NOW = at('2026-11-10T10:00:00.000Z');

/** 40% used, heading for 128% by the month's end, 95% on the 24th, on a day of hours. */
const HEADING: Forecast = {
  ratePerSecond: 1e6,
  dailyRatePerSecond: 1e6,
  basisHours: 24,
  monthEndBytes: 128 * GB,
  monthEndPercent: 128,
  thresholdPercent: 95,
  thresholdAt: at('2026-11-24T09:00:00.000Z'),
  fullAt: at('2026-11-25T20:00:00.000Z'),
};

function assessWith(
  options: {
    percent?: number;
    forecast?: Forecast | null;
    tags?: Record<string, string>;
    policy?: GuardPolicy;
    now?: Date;
  } = {},
) {
  const now = options.now ?? NOW;
  return assess({
    instance: anInstance({ tags: options.tags ?? {} }),
    usage: knownUsage((options.percent ?? 40) * GB),
    allowance: fullAllowance(100),
    policy: options.policy ?? DEFAULT_POLICY,
    month: billingMonthOf(now),
    now,
    forecast: options.forecast === undefined ? HEADING : options.forecast,
  });
}

describe('the forecast alert', () => {
  it('is due when the projected month end first reaches 100% below the first warning level, and recorded', () => {
    const assessment = assessWith();

    expect(assessment.due).toEqual([{ kind: 'forecast', forecast: HEADING }]);
    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:forecast' });
  });

  it('is sent once a billing month: not again this month, again in the next', () => {
    const tags = { [TAGS.alerted]: '2026-11:forecast' };

    expect(assessWith({ tags }).due).toEqual([]);
    expect(assessWith({ tags, now: at('2026-12-03T10:00:00.000Z') }).due).toEqual([
      { kind: 'forecast', forecast: HEADING },
    ]);
  });

  it('keeps the warning levels already recorded next to it', () => {
    const assessment = assessWith({ tags: { [TAGS.alerted]: '2026-11:override' } });

    expect(assessment.tagsOnDelivery).toEqual({ [TAGS.alerted]: '2026-11:forecast/override' });
  });

  it('is not due while the projection stays under 100%', () => {
    expect(assessWith({ forecast: { ...HEADING, monthEndPercent: 99.99 } }).due).toEqual([]);
  });

  it('is not due at or past the first warning level: the warnings take over', () => {
    expect(assessWith({ percent: 80 }).due).toEqual([{ kind: 'warn', level: 80 }]);
    expect(assessWith({ percent: 79.99 }).due).toEqual([{ kind: 'forecast', forecast: HEADING }]);
  });

  it('uses the threshold as the first level when warnings are off', () => {
    const policy = { quotaPercent: 95, warnPercents: [] };

    expect(assessWith({ percent: 90, policy }).due).toEqual([{ kind: 'forecast', forecast: HEADING }]);
  });

  it('is not due before the projection rests on a whole day of hours', () => {
    expect(assessWith({ forecast: { ...HEADING, basisHours: 23 } }).due).toEqual([]);
  });

  it('is not due without a forecast', () => {
    expect(assessWith({ forecast: null }).due).toEqual([]);
  });
});

describe('the forecast alert text', () => {
  const event: AlertEvent = {
    kind: 'forecast',
    instance: anInstance({ name: 'web_1.<b>', region: 'ap-northeast-1' }),
    forecast: HEADING,
    usedBytes: 40 * GB,
    allowanceBytes: 100 * GB,
    percent: 40,
  };

  it('names the time the threshold will be reached, in TIME_ZONE, and the month-end projection', () => {
    const text = alertText(event, {
      unit: 'GB',
      quotaPercent: 95,
      monthKey: '2026-11',
      timeZone: 'Asia/Shanghai',
    });

    expect(text).toBe(
      '📈 <b>On pace to pass the allowance</b> <code>web_1.&lt;b&gt;</code> in ap-northeast-1: 40.00 of 100.00 GB used (40.0%); at its pace of the last day it reaches 95% around 24 Nov 17:00 UTC+8 and 128% by 30 Nov. It will be stopped at 95%.',
    );
    expect(telegramHtmlProblems(text)).toEqual([]);
  });

  it('names the time 100% is reached when the threshold is above 100%', () => {
    const text = alertText(
      { ...event, forecast: { ...HEADING, thresholdAt: null, thresholdPercent: 130 } },
      { unit: 'GB', quotaPercent: 130, monthKey: '2026-11' },
    );

    expect(text).toContain('it reaches 100% around 25 Nov 20:00 UTC and 128% by 30 Nov');
  });

  it('says it in Chinese, in the Chinese catalogue, and carries the projection in the webhook’s data', () => {
    const context = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11', timeZone: 'Asia/Shanghai' } as const;

    const text = alertText(event, context, zhCN);
    const data = alertData(event, context, 'text');

    expect(text).toBe(
      '📈 <b>预计超出配额</b> <code>web_1.&lt;b&gt;</code>（ap-northeast-1）：已用 40.00 GB / 100.00 GB（40.0%）；按最近一天的速度，预计北京时间 11月24日 17:00 达到 95%，月底（11月30日）将达 128%。达到 95% 时将被停止。',
    );
    expect(data).toMatchObject({
      kind: 'forecast',
      instance: 'web_1.<b>',
      monthEndPercent: 128,
      thresholdPercent: 95,
      thresholdAt: '2026-11-24T09:00:00.000Z',
      billingMonth: '2026-11',
    });
  });

  it('comes after every other alert', () => {
    expect(alertRank(event)).toBeGreaterThan(alertRank({ ...event, kind: 'warn', level: 80 }));
  });
});
