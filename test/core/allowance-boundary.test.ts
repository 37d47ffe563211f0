import { describe, expect, it } from 'vitest';
import { type AlertEvent, alertText } from '../../src/core/alerts.js';
import { htmlToPlain } from '../../src/core/html.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import { overageFigures } from '../../src/core/overage.js';
import { percentUsed } from '../../src/core/percent.js';
import { rowNote } from '../../src/core/report.js';
import { anInstance, aRow, GB } from '../support/builders.js';

// AWS bills only the bytes beyond the allowance: at exactly 100% nothing is billed yet, and one
// byte more is. Every text must draw the line there, whatever percentage it shows.
const CONTEXT = { unit: 'GB', quotaPercent: 150, monthKey: '2026-11' } as const;
const web = anInstance({ name: 'web_1', region: 'eu-west-2' });
const ALLOWANCE = 100 * GB;
const at = (usedBytes: number) => ({
  usedBytes,
  allowanceBytes: ALLOWANCE,
  percent: percentUsed(usedBytes, ALLOWANCE),
});
const EXACTLY_ALL = at(ALLOWANCE);
const ONE_BYTE_PAST = at(ALLOWANCE + 1);

const text = (event: AlertEvent, language: 'en' | 'zh-CN'): string =>
  htmlToPlain(alertText(event, CONTEXT, catalogueFor(language)));
const warn = (figures: typeof EXACTLY_ALL): AlertEvent => ({
  kind: 'warn',
  instance: web,
  level: 90,
  ...figures,
});
const notStopped = (figures: typeof EXACTLY_ALL): AlertEvent => ({
  kind: 'not-stopped',
  instance: web,
  because: 'tag',
  ...figures,
});

describe('the 100% boundary of the allowance', () => {
  it('warns at exactly 100% that the allowance is used up, not that it is past it or billed', () => {
    expect(text(warn(EXACTLY_ALL), 'en')).toBe(
      '⚠️ 90% warning web_1 in eu-west-2: 100.00 of 100.00 GB used (100.0%). It will be stopped at 150%. It has used all of its allowance: any more traffic out is billed at 0.09 USD/GB out in eu-west-2.',
    );
  });

  it('warns one byte past 100% that the instance is past its allowance and its traffic out billed', () => {
    expect(text(warn(ONE_BYTE_PAST), 'en')).toBe(
      '⚠️ 90% warning web_1 in eu-west-2: 100.00 of 100.00 GB used (100.0%). It will be stopped at 150%. It is past its allowance: traffic out is billed at 0.09 USD/GB out in eu-west-2.',
    );
  });

  it('says the same in Chinese: used up at exactly 100%, past and billed one byte later', () => {
    expect(text(warn(EXACTLY_ALL), 'zh-CN')).toBe(
      '⚠️ 90% 预警 web_1（eu-west-2）：已用 100.00 GB / 100.00 GB（100.0%）。达到 150% 时将被停止。已用完全部流量配额：此后的出站流量按 0.09 USD/GB 计费（eu-west-2）。',
    );
    expect(text(warn(ONE_BYTE_PAST), 'zh-CN')).toBe(
      '⚠️ 90% 预警 web_1（eu-west-2）：已用 100.00 GB / 100.00 GB（100.0%）。达到 150% 时将被停止。已超出流量配额：出站流量按 0.09 USD/GB 计费（eu-west-2）。',
    );
  });

  it('draws the same line in the "not stopped" alert, in both languages', () => {
    expect(text(notStopped(EXACTLY_ALL), 'en')).toContain(
      '(alerts only). It has used all of its allowance: any more traffic out is billed at 0.09 USD/GB out in eu-west-2. To have it stopped',
    );
    expect(text(notStopped(EXACTLY_ALL), 'en')).not.toContain('past its allowance');
    expect(text(notStopped(ONE_BYTE_PAST), 'en')).toContain(
      '(alerts only). It is past its allowance: traffic out is billed at 0.09 USD/GB out in eu-west-2. To have it stopped',
    );
    expect(text(notStopped(EXACTLY_ALL), 'zh-CN')).toContain(
      '（仅提醒）。已用完全部流量配额：此后的出站流量按 0.09 USD/GB 计费（eu-west-2）。如需停止它',
    );
    expect(text(notStopped(EXACTLY_ALL), 'zh-CN')).not.toContain('已超出');
    expect(text(notStopped(ONE_BYTE_PAST), 'zh-CN')).toContain(
      '（仅提醒）。已超出流量配额：出站流量按 0.09 USD/GB 计费（eu-west-2）。如需停止它',
    );
  });

  it('says nothing of the allowance just under 100%', () => {
    const under = at(ALLOWANCE - 1);

    expect(text(warn(under), 'en')).not.toMatch(/allowance:/);
    expect(text(warn(under), 'zh-CN')).not.toMatch(/流量配额：/);
  });

  it('quotes an overage in the report from one byte past the allowance, never at exactly 100%', () => {
    expect(overageFigures('eu-west-2', ALLOWANCE, ALLOWANCE)).toBeUndefined();
    expect(overageFigures('eu-west-2', ALLOWANCE + 1, ALLOWANCE)).toEqual({
      overGb: '0.00',
      price: 0.09,
      costUsd: '0.00',
    });
    expect(rowNote(aRow({ region: 'eu-west-2', ...EXACTLY_ALL }))).not.toContain('over the allowance');
  });
});
