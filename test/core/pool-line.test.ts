import { describe, expect, it } from 'vitest';
import { zhCN } from '../../src/core/i18n/zh-CN.js';
import { type PoolRow, poolLine, poolShown } from '../../src/core/report.js';
import { at, GB } from '../support/builders.js';

const CONTEXT = { unit: 'GB', quotaPercent: 95, warnPercents: [80, 90] } as const;
const DISPLAY = { quotaPercent: 95, timeZone: 'UTC', monthEnd: at('2026-12-01T00:00:00.000Z') };

/** Two 1 TB members in Tokyo, `web-2` stopped and not read by a check. */
const POOL: PoolRow = {
  region: 'ap-northeast-1',
  bundleId: 'large_3_0',
  instances: ['web-1', 'web-2'],
  usedBytes: null,
  allowanceBytes: 2048 * GB,
  percent: null,
  forecast: null,
  judged: false,
  notRead: ['web-2'],
  readBytes: 910 * GB,
};

describe('a pool line', () => {
  it('shows what the members read used as a floor, and names the one not read, in both languages', () => {
    expect(poolLine(POOL, CONTEXT, DISPLAY)).toBe(
      'pool <code>large_3_0</code> in ap-northeast-1: web-1, web-2 · at least 910.00 / 2048.00 GB · at least 44.4% · web-2 not read (not running)',
    );
    expect(poolLine(POOL, CONTEXT, DISPLAY, zhCN)).toBe(
      '资源池 <code>large_3_0</code>（ap-northeast-1）：web-1、web-2 · 至少 910.00 / 2048.00 GB · 至少 44.4% · web-2 未读取（未运行）',
    );
  });

  it('with no member read, says so, not "unknown"', () => {
    const none: PoolRow = { ...POOL, notRead: ['web-1', 'web-2'], readBytes: undefined };

    expect(poolShown(none).kind).toBe('not-read');
    expect(poolLine(none, CONTEXT, DISPLAY)).toBe(
      'pool <code>large_3_0</code> in ap-northeast-1: web-1, web-2 · ? / 2048.00 GB · web-1, web-2 not read (not running)',
    );
    expect(poolLine(none, CONTEXT, DISPLAY, zhCN)).not.toContain('未知');
  });

  it('is unknown only when a member read could not be, and still names the one not read', () => {
    const unknown: PoolRow = {
      ...POOL,
      instances: ['web-1', 'web-2', 'web-3'],
      readBytes: undefined,
    };

    expect(poolShown(unknown).kind).toBe('unknown');
    expect(poolLine(unknown, CONTEXT, DISPLAY)).toBe(
      'pool <code>large_3_0</code> in ap-northeast-1: web-1, web-2, web-3 · ? / 2048.00 GB · unknown · web-2 not read (not running)',
    );
    expect(poolLine(unknown, CONTEXT, DISPLAY, zhCN)).toContain(
      '? / 2048.00 GB · 未知 · web-2 未读取（未运行）',
    );
  });

  it('with every member read, shows the pool’s usage as before', () => {
    const read: PoolRow = {
      ...POOL,
      usedBytes: 921 * GB,
      percent: 44.97,
      notRead: undefined,
      readBytes: undefined,
    };

    expect(poolLine(read, CONTEXT, DISPLAY)).toBe(
      'pool <code>large_3_0</code> in ap-northeast-1: web-1, web-2 · 921.00 / 2048.00 GB · 44.97%',
    );
  });

  it('says where a pool read in full is heading when it will cross the threshold this month', () => {
    const forecast = {
      ratePerSecond: 1,
      monthEndBytes: 1,
      monthEndPercent: 128.7,
      thresholdPercent: 95,
      thresholdAt: '2026-11-24T09:00:00.000Z',
      fullAt: null,
      dailyRatePerSecond: 1,
      basisHours: 24,
    };
    const pool: PoolRow = {
      region: 'eu-west-2',
      bundleId: 'small_3_0',
      instances: ['a', 'b'],
      usedBytes: 120 * GB,
      allowanceBytes: 200 * GB,
      percent: 60,
      forecast,
      judged: true,
    };

    expect(poolLine(pool, CONTEXT, DISPLAY)).toBe(
      'pool <code>small_3_0</code> in eu-west-2: a, b · 120.00 / 200.00 GB · 60.0% · on pace for 128% by 30 Nov; 95% around 24 Nov 09:00 UTC',
    );
  });
});
