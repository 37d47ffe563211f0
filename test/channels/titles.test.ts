import { describe, expect, it } from 'vitest';
import { TITLE_MAX_CHARS } from '../../src/channels/chat.js';
import { SERVERCHAN_LIMITS } from '../../src/channels/serverchan.js';
import { SNS_SUBJECT_MAX_CHARS, snsSubject } from '../../src/channels/sns.js';
import { type AlertEvent, alertHeadline } from '../../src/core/alerts.js';
import { cutLine } from '../../src/core/compose.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import { anInstance, at, GB } from '../support/builders.js';

/**
 * A ServerChan title (32 characters), a Bark or ntfy title and a lock-screen line show the start of
 * the subject: in Chinese it says what happened first, so the cut never leaves only the product's
 * name.
 */

const zh = catalogueFor('zh-CN');
const context = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11', timeZone: 'Asia/Shanghai' } as const;
const web = anInstance({ name: 'proxy-hk-web-production-01', region: 'ap-east-1' });
const figures = { usedBytes: 95.2 * GB, allowanceBytes: 100 * GB, percent: 95.2 };
const forecast = {
  ratePerSecond: 1e6,
  dailyRatePerSecond: 1e6,
  basisHours: 24,
  monthEndBytes: 128 * GB,
  monthEndPercent: 128,
  thresholdPercent: 95,
  thresholdAt: at('2026-11-24T09:00:00.000Z'),
  fullAt: null,
};

const EVENTS: readonly [string, AlertEvent][] = [
  ['已停止：', { kind: 'stop', instance: web, outcome: 'stopped', ...figures }],
  [
    '已提前停止：',
    {
      kind: 'stop',
      instance: web,
      outcome: 'stopped',
      ...figures,
      ahead: { ratePerSecond: 1e6, withinMinutes: 9, lagMinutes: 1, lagSource: 'measured' },
    },
  ],
  ['停止失败：', { kind: 'stop', instance: web, outcome: 'failed', error: 'busy', ...figures }],
  ['将会停止：', { kind: 'stop', instance: web, outcome: 'dry-run', ...figures }],
  ['80% 预警：', { kind: 'warn', instance: web, level: 80, ...figures }],
  ['超过阈值仍运行：', { kind: 'kept-running', instance: web, ...figures }],
  ['超过阈值未停止：', { kind: 'not-stopped', instance: web, because: 'setting', ...figures }],
  ['预计超出配额：', { kind: 'forecast', instance: web, forecast, ...figures }],
  ['已启动：', { kind: 'started', started: [{ instance: web, stoppedIn: '2026-10' }], dryRun: false }],
  ['启动失败：', { kind: 'start-failed', instance: web, error: 'busy' }],
  ['设置标签无效：', { kind: 'bad-tag', instance: web, problems: [] }],
  ['用量未知：', { kind: 'unknown', instance: web, reason: 'no datapoints' }],
  ['区域未检查：', { kind: 'region-failed', region: 'ap-southeast-3', error: 'down' }],
  ['未检查任何实例', { kind: 'regions-failed', error: 'down' }],
  ['未找到：', { kind: 'missing', names: ['a', 'b'] }],
];

const LIMITS = [
  ['ServerChan', SERVERCHAN_LIMITS.titleChars],
  ['Bark and ntfy', TITLE_MAX_CHARS],
  ['SNS', SNS_SUBJECT_MAX_CHARS],
] as const;

describe('Chinese subjects say what happened first, within each service’s title limit', () => {
  it.each(EVENTS)('a subject starting with %s, alone or with more alerts', (status, event) => {
    for (const more of [0, 4]) {
      const subject = zh.alertSubject(alertHeadline(event, context, zh), more);
      for (const [, limit] of LIMITS) {
        const title = cutLine(subject, limit);
        expect([...title].length).toBeLessThanOrEqual(limit);
        expect(title.startsWith(status), title).toBe(true);
      }
      expect(snsSubject(subject).startsWith(status)).toBe(true);
    }
  });

  it('fits a short instance’s stop, its name and percentage whole, in a ServerChan title', () => {
    const event: AlertEvent = {
      kind: 'stop',
      instance: anInstance({ name: 'web-1' }),
      outcome: 'stopped',
      ...figures,
    };

    expect(cutLine(zh.alertSubject(alertHeadline(event, context, zh), 0), SERVERCHAN_LIMITS.titleChars)).toBe(
      '已停止：web-1 95.2%',
    );
  });

  it('starts the report’s and the test message’s subjects with what they are', () => {
    expect(zh.testAlertSubject.startsWith('测试提醒')).toBe(true);
  });
});
