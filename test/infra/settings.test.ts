import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../infra/settings.js';
import { CDK_JSON_CONTEXT } from './synth.js';

const read = (overrides: Record<string, unknown>) =>
  readSettings((key) => ({ ...CDK_JSON_CONTEXT, ...overrides })[key]);

describe('deploy settings', () => {
  it('defaults, when nothing is set: checks every 10 minutes, report at 23:58 UTC, 512 MB, 300 s, 90 days of logs', () => {
    const settings = read({});

    expect(settings).toMatchObject({
      botTokenParameterName: '/lightsail-guard/telegram-bot-token',
      checkSchedule: 'rate(10 minutes)',
      checkIntervalMinutes: 10,
      reportHour: 23,
      reportMinute: 58,
      reportTimeZone: 'UTC',
      memorySize: 512,
      timeoutSeconds: 300,
      logRetentionDays: 90,
      guardEnvironment: { TIME_ZONE: 'UTC', CHECK_INTERVAL_MINUTES: '10' },
      alarmEmail: undefined,
    });
  });

  it('reads -c values, which arrive as strings, and treats an empty one as unset', () => {
    const settings = read({
      memorySize: '1024',
      reportTime: '07:05',
      alarmEmail: '',
      telegramChatId: '@my_channel',
    });

    expect(settings).toMatchObject({
      memorySize: 1024,
      reportHour: 7,
      reportMinute: 5,
      alarmEmail: undefined,
    });
    expect(settings.guardEnvironment).toEqual({
      TELEGRAM_CHAT_ID: '@my_channel',
      TIME_ZONE: 'UTC',
      CHECK_INTERVAL_MINUTES: '10',
    });
  });

  it.each([
    ['reportTime', '24:00', /reportTime: expected a 24-hour time HH:MM/],
    ['reportTime', '7:05', /reportTime/],
    ['reportTimeZone', 'Asia/Shangai', /reportTimeZone: expected an IANA time zone/],
    ['reportTimeZone', '+08:00', /reportTimeZone/],
    ['checkSchedule', 'cron(0/10 * * * ? *)', /checkSchedule: expected rate\(N minutes\|hours\|days\)/],
    ['checkSchedule', 'rate(1 minutes)', /checkSchedule/],
    ['checkSchedule', 'rate(1 day)', /at least every 12 hours/],
    ['memorySize', '100', /memorySize: expected a whole number from 128 to 10240/],
    ['timeoutSeconds', '901', /timeoutSeconds: expected a whole number from 1 to 900/],
    ['logRetentionDays', '100', /logRetentionDays: expected one of 1, 3, 5/],
    ['quotaPercent', 'ninety', /quotaPercent: QUOTA_PERCENT must be a number/],
    ['warnPercent', '80;90', /warnPercent: WARN_PERCENT/],
    ['regions', 'us-east-1,Frankfurt', /regions: REGIONS must be comma-separated Lightsail regions/],
    ['allowanceUnit', 'TB', /allowanceUnit: ALLOWANCE_UNIT must be GB/],
    ['prorateNewInstances', 'maybe', /prorateNewInstances: PRORATE_NEW_INSTANCES must be true or false/],
    ['allowanceScope', 'region', /allowanceScope: ALLOWANCE_SCOPE must be instance/],
    [
      'metricDelayMinutes',
      '7.5',
      /metricDelayMinutes: METRIC_DELAY_MINUTES must be a whole number of minutes/,
    ],
    [
      'botTokenParameterName',
      'lightsail-guard/token',
      /botTokenParameterName: expected an SSM parameter name/,
    ],
    [
      'channelSecretsParameterName',
      'lightsail-guard/channels/',
      /channelSecretsParameterName: expected an SSM parameter name/,
    ],
    ['botTokenKmsKeyArn', 'alias/aws/ssm', /botTokenKmsKeyArn: expected a KMS key ARN/],
    ['alarmEmail', 'nobody', /alarmEmail: expected an email address/],
    ['telegramChatId', 'my chat', /telegramChatId/],
  ])('rejects %s=%s naming the key and what it accepts', (key, value, message) => {
    expect(() => read({ [key]: value })).toThrow(SettingsError);
    expect(() => read({ [key]: value })).toThrow(message);
  });

  it('checks warning levels against the threshold, as the handler would', () => {
    expect(() => read({ quotaPercent: '85', warnPercent: '80,90' })).toThrow(
      /warnPercent: WARN_PERCENT levels must be below/,
    );
    expect(read({ quotaPercent: '85', warnPercent: '70,80' }).guardEnvironment).toEqual({
      QUOTA_PERCENT: '85',
      WARN_PERCENT: '70,80',
      TIME_ZONE: 'UTC',
      CHECK_INTERVAL_MINUTES: '10',
    });
  });

  it('accepts the example time zone and keeps it as written', () => {
    expect(read({ reportTimeZone: 'Asia/Shanghai' }).reportTimeZone).toBe('Asia/Shanghai');
  });

  it('passes the alert language to the function, and refuses one it has no catalogue for', () => {
    expect(read({ alertLanguage: 'zh-CN,telegram:en' }).guardEnvironment).toMatchObject({
      ALERT_LANGUAGE: 'zh-CN,telegram:en',
    });
    expect(() => read({ alertLanguage: 'fr' })).toThrow(/^alertLanguage: ALERT_LANGUAGE takes en or zh-CN/);
  });

  it('shows forecast times in the report time zone: it passes reportTimeZone as TIME_ZONE', () => {
    expect(read({ reportTimeZone: 'Europe/Berlin' }).guardEnvironment).toMatchObject({
      TIME_ZONE: 'Europe/Berlin',
    });
  });

  it('looks as far ahead as its own schedule: it passes the check interval as CHECK_INTERVAL_MINUTES', () => {
    expect(read({ checkSchedule: 'rate(1 hour)' }).guardEnvironment).toMatchObject({
      CHECK_INTERVAL_MINUTES: '60',
    });
    expect(read({ checkSchedule: 'rate(5 minutes)' }).guardEnvironment).toMatchObject({
      CHECK_INTERVAL_MINUTES: '5',
    });
  });

  it('passes burstMbps on as BURST_MBPS, checked as the handler would', () => {
    expect(read({ burstMbps: 1000 }).guardEnvironment).toMatchObject({ BURST_MBPS: '1000' });
    expect(() => read({ burstMbps: '1 Gbps' })).toThrow(/burstMbps: BURST_MBPS must be a number of megabits/);
  });

  it('passes stopAhead on as STOP_AHEAD, checked as the handler would', () => {
    expect(read({ stopAhead: 'false' }).guardEnvironment).toMatchObject({ STOP_AHEAD: 'false' });
    expect(() => read({ stopAhead: 'later' })).toThrow(/stopAhead: STOP_AHEAD must be true or false/);
  });
});
