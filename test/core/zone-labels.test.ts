import { describe, expect, it } from 'vitest';
import { displayTime, resetTime, stampDate, stampTime, zoneLabel } from '../../src/core/display-time.js';
import { at } from '../support/builders.js';

/** Times in TIME_ZONE, labelled as their readers say them; the machine's own zone never matters. */

const WINTER = at('2026-12-07T14:21:00.000Z');
const SUMMER = at('2026-07-07T14:21:00.000Z');
const RESET = at('2026-12-01T00:00:00.000Z');

describe('the label of a time zone', () => {
  it('calls China’s time 北京时间 in Chinese and UTC+8 in English, never GMT+8', () => {
    expect(zoneLabel(WINTER, 'Asia/Shanghai', 'zh-CN')).toBe('北京时间');
    expect(zoneLabel(WINTER, 'Asia/Shanghai', 'en')).toBe('UTC+8');
    expect(displayTime(WINTER, 'Asia/Shanghai', 'zh-CN')).toBe('北京时间 12月7日 22:21');
    expect(displayTime(WINTER, 'Asia/Shanghai', 'en')).toBe('7 Dec 22:21 UTC+8');
    expect(stampTime(WINTER, 'Asia/Shanghai', 'zh-CN')).toBe('北京时间 2026年12月7日 22:21');
    expect(stampTime(WINTER, 'Asia/Shanghai', 'en')).toBe('2026-12-07 22:21 UTC+8');
  });

  it('gives another zone of UTC+8 its offset, not 北京时间', () => {
    expect(displayTime(WINTER, 'Asia/Hong_Kong', 'zh-CN')).toBe('12月7日 22:21 UTC+8');
  });

  it('uses a negative-offset zone’s own short name, winter and summer, in both languages', () => {
    expect(displayTime(WINTER, 'America/Los_Angeles', 'en')).toBe('7 Dec 06:21 PST');
    expect(displayTime(SUMMER, 'America/Los_Angeles', 'en')).toBe('7 Jul 07:21 PDT');
    expect(displayTime(WINTER, 'America/Los_Angeles', 'zh-CN')).toBe('12月7日 06:21 PST');
    expect(stampTime(SUMMER, 'America/Los_Angeles', 'zh-CN')).toBe('2026年7月7日 07:21 PDT');
  });

  it('writes UTC-3:30 for a zone without a short name', () => {
    expect(displayTime(WINTER, 'America/St_Johns', 'en')).toBe('7 Dec 10:51 UTC-3:30');
    expect(displayTime(WINTER, 'America/St_Johns', 'zh-CN')).toBe('12月7日 10:51 UTC-3:30');
  });

  it('writes UTC as UTC in both languages', () => {
    expect(displayTime(WINTER, 'UTC', 'en')).toBe('7 Dec 14:21 UTC');
    expect(displayTime(WINTER, 'UTC', 'zh-CN')).toBe('12月7日 14:21 UTC');
    expect(stampTime(WINTER, 'UTC', 'zh-CN')).toBe('2026年12月7日 14:21 UTC');
    expect(stampTime(WINTER)).toBe('2026-12-07 14:21 UTC');
  });

  it('dates a report in the reader’s zone', () => {
    const lateUtc = at('2026-12-07T20:00:00.000Z');

    expect(stampDate(lateUtc, 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月8日');
    expect(stampDate(lateUtc, 'UTC', 'en')).toBe('2026-12-07');
  });
});

describe('the billing month’s reset', () => {
  it('is stated in UTC and in the reader’s zone, with their day when it differs', () => {
    expect(resetTime(RESET, 'Asia/Shanghai', 'zh-CN')).toBe('12月1日 00:00 UTC（北京时间 08:00）');
    expect(resetTime(RESET, 'Asia/Shanghai', 'en')).toBe('1 Dec 00:00 UTC (08:00 UTC+8)');
    expect(resetTime(RESET, 'America/Los_Angeles', 'zh-CN')).toBe('12月1日 00:00 UTC（11月30日 16:00 PST）');
    expect(resetTime(RESET, 'America/St_Johns', 'en')).toBe('1 Dec 00:00 UTC (30 Nov 20:30 UTC-3:30)');
  });

  it('is stated once when the reader’s zone is UTC', () => {
    expect(resetTime(RESET, 'UTC', 'zh-CN')).toBe('12月1日 00:00 UTC');
    expect(resetTime(RESET, 'Europe/London', 'en')).toBe('1 Dec 00:00 UTC');
  });
});
