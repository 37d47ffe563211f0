import { checkTelegram, parseConfig } from '../src/config.js';
import { ENV } from '../src/constants.js';
import { isIanaTimeZone } from '../src/core/display-time.js';
import { ConfigError } from '../src/errors.js';

/**
 * Deploy-time settings of the stack, read once (from `deploy.settings.json`, with `-c key=value`
 * overriding a key: infra/settings-file.ts) and validated here, so that a typo fails `cdk synth`
 * with a message naming the key instead of deploying a guard that fails every ten minutes. The
 * defaults live here, in code, so that a settings file holds only what its owner chose.
 */

/** Where the settings come from, by key: `-c` context over the settings file. */
export type ContextReader = (key: string) => unknown;

export interface DeploySettings {
  /**
   * Guard settings for the function's environment, by environment-variable name: those the user
   * set, and what the stack itself decides (the report's time zone as TIME_ZONE, the check's
   * schedule as CHECK_INTERVAL_MINUTES). Checked with the
   * handler's own parser, so the stack cannot accept what it rejects.
   */
  readonly guardEnvironment: Readonly<Record<string, string>>;
  /** SSM Parameter Store name of the SecureString holding the bot token. */
  readonly botTokenParameterName: string;
  /**
   * SSM Parameter Store name of a SecureString holding the secret channel settings (webhook and push
   * URLs, signing secrets; `CHANNEL_SECRETS_PARAMETER`), or unset.
   */
  readonly channelSecretsParameterName: string | undefined;
  /** Customer-managed KMS key of the parameters; unset for the AWS-managed `aws/ssm` key. */
  readonly botTokenKmsKeyArn: string | undefined;
  /** `rate(...)` expression of the check. */
  readonly checkSchedule: string;
  /** Minutes between two checks, read from `checkSchedule` (sizes the "did not run" alarm). */
  readonly checkIntervalMinutes: number;
  readonly reportHour: number;
  readonly reportMinute: number;
  /** IANA time zone the report time is read in; Scheduler handles daylight saving. */
  readonly reportTimeZone: string;
  readonly alarmEmail: string | undefined;
  /**
   * Email addresses and E.164 phone numbers subscribed to an alert topic the stack creates (its
   * ARN becomes `SNS_TOPIC_ARN`); empty when the guard uses an existing topic or none.
   */
  readonly alertEmails: readonly string[];
  readonly alertPhoneNumbers: readonly string[];
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  /** `restartOnNewMonth` (RESTART_ON_NEW_MONTH): also what grants the function `lightsail:StartInstance`. */
  readonly restartOnNewMonth: boolean;
  /** The member accounts' roles (`accounts`, ACCOUNTS): the function may assume exactly these. */
  readonly accountRoleArns: readonly string[];
  /**
   * `telegramCommands`: a second function behind a Function URL answers the chat commands
   * (docs/telegram-commands.md). Off by default.
   */
  readonly telegramCommands: boolean;
  /** `telegramAdminIds` (TELEGRAM_ADMIN_IDS of the commands' function): who may command in a group. */
  readonly telegramAdminIds: string | undefined;
}

/** Context keys passed through to the handler, and the environment variable each becomes. */
export const GUARD_SETTINGS = {
  telegramChatId: ENV.telegramChatId,
  quotaPercent: ENV.quotaPercent,
  warnPercent: ENV.warnPercent,
  instancesToMonitor: ENV.instancesToMonitor,
  regions: ENV.regions,
  allowanceUnit: ENV.allowanceUnit,
  prorateNewInstances: ENV.prorateNewInstances,
  concurrency: ENV.concurrency,
  requestsPerSecond: ENV.requestsPerSecond,
  action: ENV.action,
  restartOnNewMonth: ENV.restartOnNewMonth,
  snsTopicArn: ENV.snsTopicArn,
  alertLanguage: ENV.alertLanguage,
  metricDelayMinutes: ENV.metricDelayMinutes,
  stopAhead: ENV.stopAhead,
  burstMbps: ENV.burstMbps,
  allowanceScope: ENV.allowanceScope,
  // Before externalId: the external id is checked against the roles it belongs to.
  accounts: ENV.accounts,
  externalId: ENV.accountExternalId,
} as const;

/** Every setting a settings file or `-c` may give, guard settings first. */
export const SETTING_KEYS = [
  ...(Object.keys(GUARD_SETTINGS) as (keyof typeof GUARD_SETTINGS)[]),
  'botTokenParameterName',
  'channelSecretsParameterName',
  'botTokenKmsKeyArn',
  'checkSchedule',
  'reportTime',
  'reportTimeZone',
  'alarmEmail',
  'alertEmails',
  'alertPhoneNumbers',
  'memorySize',
  'timeoutSeconds',
  'logRetentionDays',
  'telegramCommands',
  'telegramAdminIds',
] as const;

/** Thrown when a setting is missing or malformed; the message names the key and what it accepts. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export const DEFAULT_BOT_TOKEN_PARAMETER = '/lightsail-guard/telegram-bot-token';

/** Values CloudWatch Logs accepts as a retention (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Parses and validates every setting; throws {@link SettingsError} on the first bad one. */
export function readSettings(read: ContextReader): DeploySettings {
  const text = (key: string): string | undefined => {
    const value = read(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new SettingsError(
        `${key}: expected a string, a number or true/false, got ${JSON.stringify(value)}`,
      );
    }
    const trimmed = String(value).trim();
    // An empty value is unset: `-c key=` clears what the settings file says.
    return trimmed === '' ? undefined : trimmed;
  };
  const check = parseRate('checkSchedule', text('checkSchedule') ?? 'rate(10 minutes)');
  const [reportHour, reportMinute] = parseTime('reportTime', text('reportTime') ?? '23:58');
  const reportTimeZone = timeZone(text('reportTimeZone') ?? 'UTC');
  // Forecast times in the report read in the zone the report is scheduled in, and stop ahead
  // looks as far ahead as the next scheduled check.
  const environment = guardEnvironment(text, {
    [ENV.timeZone]: reportTimeZone,
    [ENV.checkIntervalMinutes]: String(check.minutes),
  });
  const alertEmails = list(text('alertEmails'), 'alertEmails', EMAIL, 'email addresses');
  const alertPhoneNumbers = list(
    text('alertPhoneNumbers'),
    'alertPhoneNumbers',
    /^\+[1-9]\d{6,14}$/,
    'phone numbers in E.164 form, e.g. +8613800138000',
  );
  if (environment[ENV.snsTopicArn] !== undefined && alertEmails.length + alertPhoneNumbers.length > 0) {
    throw new SettingsError(
      'alertEmails and alertPhoneNumbers subscribe to the topic the stack creates; with snsTopicArn (a topic of your own) subscribe them to that topic yourself, or leave snsTopicArn unset.',
    );
  }
  return Object.freeze({
    guardEnvironment: environment,
    alertEmails,
    alertPhoneNumbers,
    // Read with the handler's parser, so the policy grants StartInstance exactly when it restarts.
    restartOnNewMonth: parseConfig(environment).restartOnNewMonth,
    accountRoleArns: Object.freeze(parseConfig(environment).accounts.map((account) => account.roleArn)),
    botTokenParameterName: parameterName(
      'botTokenParameterName',
      text('botTokenParameterName') ?? DEFAULT_BOT_TOKEN_PARAMETER,
    ),
    channelSecretsParameterName: maybe(text('channelSecretsParameterName'), (value) =>
      parameterName('channelSecretsParameterName', value),
    ),
    botTokenKmsKeyArn: optional(
      text('botTokenKmsKeyArn'),
      'botTokenKmsKeyArn',
      /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/,
      'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)',
    ),
    checkSchedule: check.expression,
    checkIntervalMinutes: check.minutes,
    reportHour,
    reportMinute,
    reportTimeZone,
    alarmEmail: optional(text('alarmEmail'), 'alarmEmail', EMAIL, 'an email address'),
    // A check is CPU-bound in the SDK (about 2.5 ms of CPU per Lightsail call, BENCHMARKS.md) and
    // Lambda's CPU grows with memory: 512 MB checks 1,000 instances in well under the timeout and
    // stays in the free tier at a 10-minute schedule; peak RSS at 8,000 instances was 168 MB.
    memorySize: integer('memorySize', text('memorySize') ?? '512', 128, 10_240),
    timeoutSeconds: integer('timeoutSeconds', text('timeoutSeconds') ?? '300', 1, 900),
    logRetentionDays: retention(text('logRetentionDays') ?? '90'),
    telegramCommands: flag('telegramCommands', text('telegramCommands') ?? 'false'),
    telegramAdminIds: optional(
      text('telegramAdminIds'),
      'telegramAdminIds',
      /^\d{1,20}(,\d{1,20})*$/,
      'comma-separated Telegram user ids, e.g. 123456789,987654321',
    ),
  });
}

function guardEnvironment(
  text: (key: string) => string | undefined,
  fromTheStack: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, name] of Object.entries(GUARD_SETTINGS)) {
    const value = text(key);
    if (value === undefined) continue;
    env[name] = value;
    try {
      // Together with what came before: warning levels are checked against the threshold. The
      // function sends, so its Telegram settings are checked as a sender checks them.
      checkTelegram(parseConfig(env).telegram);
    } catch (error) {
      if (error instanceof ConfigError) throw new SettingsError(`${key}: ${error.message}`, { cause: error });
      throw error;
    }
  }
  // The stack's own values were validated where they were read; the parser checks them once more.
  Object.assign(env, fromTheStack);
  parseConfig(env);
  return env;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

/** A comma-separated list, each item checked; empty when unset. */
function list(value: string | undefined, key: string, pattern: RegExp, accepts: string): readonly string[] {
  if (value === undefined) return Object.freeze([]);
  const items = [...new Set(value.split(',').map((item) => item.trim()))].filter((item) => item !== '');
  const bad = items.filter((item) => !pattern.test(item));
  if (bad.length > 0) {
    throw new SettingsError(
      `${key}: expected comma-separated ${accepts}, got ${JSON.stringify(bad.join(','))}`,
    );
  }
  return Object.freeze(items);
}

function optional(
  value: string | undefined,
  key: string,
  pattern: RegExp,
  accepts: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value))
    throw new SettingsError(`${key}: expected ${accepts}, got ${JSON.stringify(value)}`);
  return value;
}

function maybe<T>(value: string | undefined, read: (value: string) => T): T | undefined {
  return value === undefined ? undefined : read(value);
}

function parameterName(key: string, value: string): string {
  // SSM names: letters, digits and . - _ /; a name in a hierarchy must start with '/'.
  if (
    !/^[\w.\-/]{1,1011}$/.test(value) ||
    (value.includes('/') && !value.startsWith('/')) ||
    value.endsWith('/')
  ) {
    throw new SettingsError(
      `${key}: expected an SSM parameter name such as ${DEFAULT_BOT_TOKEN_PARAMETER}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function parseRate(key: string, value: string): { expression: string; minutes: number } {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(value);
  const amount = Number(match?.[1]);
  const unit = match?.[2] ?? '';
  // Scheduler wants the singular unit for 1 and the plural otherwise.
  if (!match || amount < 1 || (amount === 1) !== !unit.endsWith('s')) {
    throw new SettingsError(
      `${key}: expected rate(N minutes|hours|days), e.g. rate(10 minutes), got ${JSON.stringify(value)}`,
    );
  }
  const minutes = amount * (unit.startsWith('minute') ? 1 : unit.startsWith('hour') ? 60 : 1440);
  // Rarer checks cannot protect a bill, and the "did not run" alarm needs a window within one day.
  if (minutes > 720)
    throw new SettingsError(`${key}: checks must run at least every 12 hours, got ${JSON.stringify(value)}`);
  return { expression: value, minutes };
}

function parseTime(key: string, value: string): [number, number] {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match)
    throw new SettingsError(
      `${key}: expected a 24-hour time HH:MM such as 23:58, got ${JSON.stringify(value)}`,
    );
  return [Number(match[1]), Number(match[2])];
}

function timeZone(value: string): string {
  // One rule with the guard's TIME_ZONE, which the stack sets to this zone.
  if (!isIanaTimeZone(value)) {
    throw new SettingsError(
      `reportTimeZone: expected an IANA time zone such as Asia/Shanghai or UTC, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function integer(key: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new SettingsError(
      `${key}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function flag(key: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') {
    throw new SettingsError(`${key}: expected true or false, got ${JSON.stringify(value)}`);
  }
  return value === 'true';
}

function retention(value: string): number {
  const n = Number(value);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(n)) {
    throw new SettingsError(
      `logRetentionDays: expected one of ${LOG_RETENTION_DAYS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}
