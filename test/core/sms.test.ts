import { describe, expect, it } from 'vitest';
import { smsEncoding, smsSegments } from '../../sim/sns/sms.js';
import { type AlertEvent, type AlertTextContext, alertSmsLine } from '../../src/core/alerts.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import type { ReportModel } from '../../src/core/report-model.js';
import { fitSms, SMS_MAX_CHARS, smsOfAlerts, smsOfReport, smsOfTestAlert } from '../../src/core/sms.js';
import { testAlertMessage } from '../../src/core/test-alert.js';
import { anInstance, aRow, at, GB } from '../support/builders.js';

// What an SMS subscriber of the SNS topic reads: one alert in a segment or two, a flood in one
// summary of at most 1,600 characters, never the full text that email gets.

const CONTEXT: AlertTextContext = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' };
const en = catalogueFor('en');
const zh = catalogueFor('zh-CN');

const stopOf = (name: string, region = 'us-east-1', percent = 95.2): AlertEvent => ({
  kind: 'stop',
  instance: anInstance({ name, region }),
  outcome: 'stopped',
  usedBytes: percent * GB,
  allowanceBytes: 100 * GB,
  percent,
});

/** Forty stops, as a fleet past its threshold at once would send: `web-server-01` .. `web-server-40`. */
const FLOOD = Array.from({ length: 40 }, (_, index) =>
  stopOf(`web-server-${String(index + 1).padStart(2, '0')}`, 'ap-northeast-1', 96),
);

/** How many of `FLOOD` a text names. */
const named = (text: string): number =>
  FLOOD.filter((event) => 'instance' in event && text.includes(event.instance.name)).length;

describe('the SMS of one alert', () => {
  it('says what happened, the instance, its region and its percent in one GSM-7 segment', () => {
    const sms = smsOfAlerts([stopOf('web-1')], CONTEXT, en);

    expect(sms).toBe('lightsail-guard: STOPPED web-1 (us-east-1) at 95.2% of its allowance');
    expect(smsEncoding(sms)).toBe('GSM-7');
    expect(smsSegments(sms)).toBe(1);
  });

  it('in Chinese, in at most two UCS-2 segments', () => {
    const sms = smsOfAlerts([stopOf('web-1')], CONTEXT, zh);

    expect(sms).toBe('lightsail-guard：已停止 web-1（us-east-1），已用配额的 95.2%');
    expect(smsSegments(sms)).toBeLessThanOrEqual(2);
  });

  it('keeps every English alert kind in the GSM-7 alphabet, in one or two segments', () => {
    const web1 = anInstance({ name: 'web_1', region: 'eu-west-2' });
    const figures = { usedBytes: 97.5 * GB, allowanceBytes: 100 * GB, percent: 97.5 };
    const pool = { region: 'eu-west-2', bundleId: 'small_3_0', instances: ['web_1', 'db_1'], ...figures };
    const events: AlertEvent[] = [
      { kind: 'stop', instance: web1, outcome: 'failed', error: 'Throttling', ...figures },
      { kind: 'stop', instance: web1, outcome: 'dry-run', ...figures },
      { kind: 'stop', instance: web1, outcome: 'earlier', ...figures },
      {
        kind: 'stop',
        instance: web1,
        outcome: 'stopped',
        ahead: { ratePerSecond: 1e6, withinMinutes: 20, lagMinutes: 10, lagSource: 'assumed' },
        ...figures,
      },
      { kind: 'warn', instance: web1, level: 80, ...figures, pool },
      {
        kind: 'forecast',
        instance: web1,
        ...figures,
        forecast: {
          ratePerSecond: 1e5,
          dailyRatePerSecond: 1e5,
          basisHours: 24,
          monthEndBytes: 130 * GB,
          monthEndPercent: 130.4,
          thresholdPercent: 95,
          thresholdAt: at('2026-11-25T10:00:00.000Z'),
          fullAt: at('2026-11-26T10:00:00.000Z'),
        },
      },
      { kind: 'kept-running', instance: web1, ...figures },
      { kind: 'not-stopped', instance: web1, because: 'setting', ...figures },
      { kind: 'started', dryRun: false, started: [{ instance: web1, stoppedIn: '2026-10' }] },
      { kind: 'start-failed', instance: web1, error: 'InvalidInputException' },
      {
        kind: 'bad-tag',
        instance: web1,
        problems: [{ key: 'lightsail-guard:quota', message: 'not a number' }],
      },
      { kind: 'unknown', instance: web1, reason: 'no datapoints' },
      { kind: 'region-failed', region: 'eu-west-2', error: 'AccessDenied' },
      { kind: 'regions-failed', error: 'AccessDenied' },
      { kind: 'missing', names: ['ghost'] },
    ];

    const texts = events.map((event) => smsOfAlerts([event], CONTEXT, en));

    expect(texts.filter((text) => smsEncoding(text) !== 'GSM-7')).toEqual([]);
    expect(texts.filter((text) => smsSegments(text) > 2)).toEqual([]);
    expect(texts[3]).toBe(
      'lightsail-guard: STOPPED web_1 (eu-west-2) at 97.5% of its allowance, ahead of the threshold',
    );
    expect(texts[5]).toBe(
      'lightsail-guard: ON PACE TO PASS THE ALLOWANCE web_1 (eu-west-2) at 97.5% of its allowance, 130% by month end',
    );
  });
});

describe('the SMS of each alert kind, word for word', () => {
  const web1 = anInstance({ name: 'web_1', region: 'eu-west-2' });
  const figures = { usedBytes: 97.5 * GB, allowanceBytes: 100 * GB, percent: 97.5 };
  const pool = { region: 'eu-west-2', bundleId: 'small_3_0', instances: ['web_1', 'db_1'], ...figures };
  const events: AlertEvent[] = [
    { kind: 'stop', instance: web1, outcome: 'stopped', ...figures, pool },
    {
      kind: 'stop',
      instance: web1,
      outcome: 'failed',
      usedBytes: null,
      allowanceBytes: 100 * GB,
      percent: null,
    },
    { kind: 'warn', instance: web1, level: 80, ...figures, pool },
    { kind: 'kept-running', instance: web1, ...figures },
    { kind: 'not-stopped', instance: web1, because: 'tag', ...figures },
    {
      kind: 'started',
      dryRun: true,
      started: [
        { instance: web1, stoppedIn: '2026-10' },
        { instance: anInstance({ name: 'db_1', region: 'us-east-1' }), stoppedIn: '2026-10' },
      ],
    },
    { kind: 'start-failed', instance: web1, error: 'x' },
    {
      kind: 'bad-tag',
      instance: web1,
      problems: [
        { key: 'lightsail-guard:quota', message: 'm' },
        { key: 'lightsail-guard:warn', message: 'n' },
      ],
    },
    { kind: 'unknown', instance: web1, reason: 'r' },
    { kind: 'region-failed', region: 'eu-west-3', error: 'e' },
    { kind: 'regions-failed', error: 'e' },
    { kind: 'missing', names: ['ghost', 'gone'] },
  ];

  it("in English: a pool member stopped at its pool's share, a pool warned as the pool, unknown as unknown", () => {
    expect(events.map((event) => alertSmsLine(event, CONTEXT, en))).toEqual([
      "STOPPED web_1 (eu-west-2) at 97.5% of its pool's allowance",
      'STOP FAILED web_1 (eu-west-2) usage unknown, still running',
      '80% WARNING pool small_3_0 (eu-west-2: web_1, db_1) at 97.5% of its allowance',
      'OVER THRESHOLD, KEPT RUNNING web_1 (eu-west-2) at 97.5% of its allowance',
      'OVER THRESHOLD, NOT STOPPED (notify only) web_1 (eu-west-2) at 97.5% of its allowance',
      'WOULD START for the new month: web_1 (eu-west-2), db_1 (us-east-1)',
      'START FAILED web_1 (eu-west-2), still stopped',
      'SETTING TAG NOT VALID web_1 (eu-west-2): lightsail-guard:quota, lightsail-guard:warn',
      'USAGE UNKNOWN web_1 (eu-west-2), not guarded until it can be read',
      'REGION NOT CHECKED eu-west-3, its instances are not guarded',
      'NOTHING CHECKED: the list of regions could not be read',
      'NOT FOUND in any region: ghost, gone (INSTANCES_TO_MONITOR)',
    ]);
  });

  it('says a stop ahead that failed failed, like any failed stop', () => {
    const ahead = { ratePerSecond: 1e6, withinMinutes: 20, lagMinutes: 10, lagSource: 'assumed' } as const;
    const failed: AlertEvent = { kind: 'stop', instance: web1, outcome: 'failed', ...figures, ahead };

    expect(alertSmsLine(failed, CONTEXT, en)).toBe(
      'STOP FAILED web_1 (eu-west-2) at 97.5% of its allowance, still running',
    );
  });

  it('in Chinese, the same choices', () => {
    expect(events.map((event) => alertSmsLine(event, CONTEXT, zh))).toEqual([
      '已停止 web_1（eu-west-2），已用资源池配额的 97.5%',
      '停止失败 web_1（eu-west-2），用量未知，仍在运行',
      '80% 预警 资源池 small_3_0（eu-west-2：web_1、db_1），已用配额的 97.5%',
      '超过阈值，保持运行 web_1（eu-west-2），已用配额的 97.5%',
      '超过阈值，未停止（仅提醒）web_1（eu-west-2），已用配额的 97.5%',
      '新的月份将会启动：web_1（eu-west-2）、db_1（us-east-1）',
      '启动失败 web_1（eu-west-2），仍处于停止状态',
      '设置标签无效 web_1（eu-west-2）：lightsail-guard:quota、lightsail-guard:warn',
      '用量未知 web_1（eu-west-2），暂不受保护',
      '区域未检查 eu-west-3，其中的实例暂不受保护',
      '未检查任何实例：无法读取区域列表',
      '未找到：INSTANCES_TO_MONITOR 中的 ghost、gone 不在任何区域中',
    ]);
  });
});

describe('the SMS of many alerts', () => {
  it('names the first of several in order and counts them all', () => {
    const sms = smsOfAlerts([stopOf('web-1'), stopOf('db-1', 'eu-west-2', 97)], CONTEXT, en);

    expect(sms).toBe(
      'lightsail-guard, 2 alerts: STOPPED web-1 (us-east-1) at 95.2% of its allowance; STOPPED db-1 (eu-west-2) at 97.0% of its allowance',
    );
  });

  it.each([
    ['English', en, (rest: number) => `; and ${rest} more`],
    ['Chinese', zh, (rest: number) => `；另有 ${rest} 条`],
  ] as const)(
    'fits a flood of 40 stops in 1,600 characters in %s: as many named as fit, the rest counted',
    (_language, catalogue, more) => {
      const sms = smsOfAlerts(FLOOD, CONTEXT, catalogue);
      const shown = named(sms);
      const lines = FLOOD.map((event) => alertSmsLine(event, CONTEXT, catalogue));

      expect(sms.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
      expect(sms).toContain('web-server-01');
      expect(sms.endsWith(more(40 - shown))).toBe(true);
      // Naming the next one as well would not have fitted.
      expect(catalogue.sms.alerts(lines.slice(0, shown + 1), 40).length).toBeGreaterThan(SMS_MAX_CHARS);
      expect(shown).toBeGreaterThan(10);
      expect(shown).toBeLessThan(40);
    },
  );

  it('cuts one alert too long for an SMS, with an ASCII ellipsis', () => {
    const names = Array.from({ length: 400 }, (_, index) => `ghost-${index}`);

    const sms = smsOfAlerts([{ kind: 'missing', names }], CONTEXT, en);

    expect(sms).toHaveLength(SMS_MAX_CHARS);
    expect(sms.startsWith('lightsail-guard: NOT FOUND in any region: ghost-0, ghost-1')).toBe(true);
    expect(sms.endsWith('...')).toBe(true);
  });

  it('never splits an emoji when cutting', () => {
    const cut = fitSms('😀'.repeat(SMS_MAX_CHARS));

    expect(cut.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    // 1,597 units leave room for 798 emoji of two units each, and the three dots.
    expect(cut).toBe(`${'😀'.repeat(798)}...`);
  });
});

describe('the SMS of the test message and the report', () => {
  const NOW = at('2026-11-28T17:05:30.000Z');

  it('the test message is short and plainly a test, in the channel’s language', () => {
    expect(smsOfTestAlert(NOW, en)).toBe(
      'lightsail-guard test alert: if you can read this, alerts will reach this phone. Sent 2026-11-28 17:05 UTC; nothing was stopped.',
    );
    expect(smsOfTestAlert(NOW, zh)).toBe(
      'lightsail-guard 测试提醒：收到这条短信，说明提醒会发到这个号码。发送于 2026-11-28 17:05 UTC，没有停止任何实例。',
    );
    expect(testAlertMessage(NOW, zh, 'here').sms).toBe(smsOfTestAlert(NOW, zh));
    expect(smsSegments(smsOfTestAlert(NOW, en))).toBe(1);
  });

  it('the report is its date and counts in one line', () => {
    const model: ReportModel = {
      generatedAt: NOW,
      monthKey: '2026-11',
      rows: [
        aRow(),
        aRow({ name: 'web-2', percent: 96, action: 'stopped' }),
        aRow({ name: 'web-3', percent: null, usedBytes: null, unknownReason: 'no data' }),
      ],
      regionErrors: [],
    };
    const context = { unit: 'GB', quotaPercent: 95, warnPercents: [80, 90] } as const;

    expect(smsOfReport(model, context, en)).toBe(
      'lightsail-guard report 2026-11-28: 3 instances, 1 at or over 95%, 1 unknown',
    );
    expect(smsOfReport(model, context, zh)).toBe(
      'lightsail-guard 流量日报 2026-11-28：共 3 台实例，1 台达到或超过 95%，1 台未知',
    );
  });
});
