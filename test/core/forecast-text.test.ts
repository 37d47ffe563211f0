import { describe, expect, it } from 'vitest';
import { displayTime, isIanaTimeZone } from '../../src/core/display-time.js';
import { type ForecastDisplay, type ForecastJson, forecastHeading } from '../../src/core/forecast-text.js';
import { en } from '../../src/core/i18n/en.js';
import { zhCN } from '../../src/core/i18n/zh-CN.js';
import { rowNote } from '../../src/core/report.js';
import { aRow, at, GB } from '../support/builders.js';

const HEADING: ForecastJson = {
  ratePerSecond: 2e6,
  monthEndBytes: 128 * GB,
  monthEndPercent: 128.7,
  thresholdPercent: 95,
  thresholdAt: '2026-11-24T09:00:00.000Z',
  fullAt: '2026-11-25T03:00:00.000Z',
  dailyRatePerSecond: 2e6,
  basisHours: 24,
};
const NOVEMBER = { quotaPercent: 95, timeZone: 'UTC', monthEnd: at('2026-12-01T00:00:00.000Z') };

/** The clause the English catalogue says, or `undefined` when there is nothing worth saying. */
const forecastClause = (forecast: ForecastJson | null, percent: number | null, display: ForecastDisplay) => {
  const heading = forecastHeading(forecast, percent, display);
  return heading === undefined ? undefined : en.report.heading(heading);
};

describe('the forecast clause', () => {
  it('says where an instance is heading and when it reaches the threshold', () => {
    expect(forecastClause(HEADING, 60, NOVEMBER)).toBe(
      'on pace for 128% by 30 Nov; 95% around 24 Nov 09:00 UTC',
    );
  });

  it('names the instance’s own threshold when it has one', () => {
    expect(forecastClause({ ...HEADING, thresholdPercent: 90 }, 60, NOVEMBER)).toBe(
      'on pace for 128% by 30 Nov; 90% around 24 Nov 09:00 UTC',
    );
  });

  it('shows the threshold time in TIME_ZONE, with the zone named', () => {
    const clause = forecastClause(HEADING, 60, { ...NOVEMBER, timeZone: 'Asia/Shanghai' });

    expect(clause).toBe('on pace for 128% by 30 Nov; 95% around 24 Nov 17:00 UTC+8');
  });

  it('names the last day of December at the turn of the year', () => {
    const clause = forecastClause({ ...HEADING, thresholdAt: null }, 60, {
      ...NOVEMBER,
      monthEnd: at('2027-01-01T00:00:00.000Z'),
    });

    expect(clause).toBe('on pace for 128% by 31 Dec');
  });

  it.each([
    ['there is no forecast', null, 60],
    ['the usage is unknown', HEADING, null],
    ['the instance is already at the threshold', HEADING, 95],
    ['the projection rests on less than a day', { ...HEADING, basisHours: 23 }, 60],
    [
      'it reaches neither the threshold nor 100%',
      { ...HEADING, thresholdAt: null, monthEndPercent: 99.9 },
      60,
    ],
  ])('says nothing when %s', (_label, forecast, percent) => {
    expect(
      forecastClause(forecast as ForecastJson | null, percent as number | null, NOVEMBER),
    ).toBeUndefined();
  });

  it('joins the action column of the table and the report', () => {
    const note = rowNote(aRow({ percent: 60, forecast: HEADING }), en, NOVEMBER);

    expect(note).toBe('on pace for 128% by 30 Nov; 95% around 24 Nov 09:00 UTC');
    expect(rowNote(aRow({ percent: 60, forecast: HEADING }))).toBe('');
  });

  it('says it in Chinese, in the Chinese catalogue', () => {
    const note = rowNote(aRow({ percent: 60, forecast: HEADING }), zhCN, {
      ...NOVEMBER,
      timeZone: 'Asia/Shanghai',
    });

    expect(note).toBe('按当前速度，月底（11月30日）将达 128%；预计北京时间 11月24日 17:00 达到 95%');
  });

  it('says nothing of where an instance that is being stopped ahead would have gone', () => {
    const note = rowNote(
      aRow({ percent: 94, forecast: HEADING, action: 'stopped', reason: 'ahead' }),
      en,
      NOVEMBER,
    );

    expect(note).toBe('stopped ahead: it would pass the threshold before the next check');
  });
});

describe('display time', () => {
  it('shows a time in Los Angeles with its zone, whatever zone the machine runs in', () => {
    expect(displayTime(at('2026-11-24T09:00:00.000Z'), 'America/Los_Angeles')).toBe('24 Nov 01:00 PST');
  });

  it.each([
    ['UTC', true],
    ['Asia/Shanghai', true],
    ['America/Argentina/Buenos_Aires', true],
    ['+08:00', false],
    ['Mars/Olympus', false],
    ['', false],
  ])('accepts %s as an IANA time zone: %s', (zone, valid) => {
    expect(isIanaTimeZone(zone)).toBe(valid);
  });
});
