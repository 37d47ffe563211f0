import { type AccountsConfig, parseAccounts } from './accounts/config.js';
import { type ChannelSettings, parseChannelSettings } from './channels/registry.js';
import { parseTelegram, type TelegramConfig } from './channels/telegram.js';
import { DEFAULT_LANGUAGE, parseLanguages } from './config-language.js';
import { ENV } from './constants.js';
import type { AllowanceUnit } from './core/allowance.js';
import { DEFAULT_TIME_ZONE, isIanaTimeZone } from './core/display-time.js';
import type { GlobalAction } from './core/instance-policy.js';
import { percentValue, warnLevels } from './core/percent-rules.js';
import type { AllowanceScope, GuardSettings } from './engine/run.js';
import { type Environment, setting, splitList } from './env.js';
import { ConfigError } from './errors.js';
import type { Pace } from './lightsail/pacing.js';

export { checkTelegram, parseTelegram, type TelegramConfig } from './channels/telegram.js';
export type { Environment } from './env.js';

/** The whole configuration, parsed once and frozen. */
export interface Config extends GuardSettings, AccountsConfig {
  /**
   * The Telegram settings as given, in use or not: find-chat-id, TELEGRAM_API_ROOT and the
   * Lambda's token parameter read them here.
   */
  readonly telegram: TelegramConfig;
  /** Every channel's settings, `undefined` where it is not in use (src/channels/registry.ts). */
  readonly channels: ChannelSettings;
  /**
   * CHANNEL_SECRETS_PARAMETER: the SSM parameter the Lambda reads secret channel settings from
   * (src/config-secrets.ts); the CLI only names it when no channel is set.
   */
  readonly channelSecretsParameter: string | undefined;
  /** Client-side pace of Lightsail requests per region; `undefined`: none (REQUESTS_PER_SECOND). */
  readonly pace: Pace | undefined;
}

export const DEFAULTS = {
  quotaPercent: 95,
  warnPercents: [80, 90],
  allowanceUnit: 'GB' as AllowanceUnit,
  prorateNewInstances: true,
  concurrency: 8,
  action: 'stop' as GlobalAction,
  restartOnNewMonth: false,
  language: DEFAULT_LANGUAGE,
  timeZone: DEFAULT_TIME_ZONE,
  /**
   * The metrics' lag where it cannot be measured from their sample counts (core/coverage.ts): no
   * sample count in the answer, or no complete hour yet this month. Measured on the real service
   * (lightsail-facts.md): a 5-minute bucket is final as it closes, and the open one is returned
   * from about 68 s into it, growing about every minute, so the newest byte is one to two minutes
   * old. 2 takes the longer end: a lag assumed too long makes the pace read a little high and stop
   * ahead look a little further, the side that protects the bill.
   */
  metricDelayMinutes: 2,
  /** The stack's schedule, `rate(10 minutes)`: how soon the next check can act. */
  checkIntervalMinutes: 10,
  stopAhead: true,
  /** Off: the reserve stops small plans far below QUOTA_PERCENT (src/core/stop-ahead.ts). */
  burstMbps: 0,
  allowanceScope: 'instance' as AllowanceScope,
} as const;

/** Longer than this, a delay setting is a mistake: the metrics would be useless for a guard. */
const MAX_METRIC_DELAY_MINUTES = 120;

/** The stack checks at least every 12 hours (infra/settings.ts); a guard run by hand may say the same. */
const MAX_CHECK_INTERVAL_MINUTES = 720;

/**
 * Two metric calls per instance in flight: past 25 the SDK's pool of 50 sockets per client is
 * the limit, not this setting (BENCHMARKS.md).
 */
const MAX_CONCURRENCY = 25;

/** A Lightsail region code such as `us-east-1` (REGIONS, and the CLI's `--region`). */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** A percentage greater than 0; `what` says what `name` holds, for the message. */
function notPercent(name: string, raw: string, what: string): ConfigError {
  return new ConfigError(`${name} must be a number greater than 0 (${what}); got "${raw}".`);
}

function parsePercent(name: string, raw: string, what: string): number {
  const parsed = percentValue(raw);
  if (parsed === undefined) throw notPercent(name, raw, what);
  return parsed;
}

function parseQuota(env: Environment): number {
  const raw = setting(env, ENV.quotaPercent);
  if (raw === undefined) return DEFAULTS.quotaPercent;
  return parsePercent(
    ENV.quotaPercent,
    raw,
    `the stop threshold in percent of the allowance, default ${DEFAULTS.quotaPercent}`,
  );
}

function parseWarn(env: Environment, quota: number): number[] {
  const raw = env[ENV.warnPercent];
  // Defaults at or above a lowered threshold are dropped; levels the user chose are checked.
  if (raw === undefined) return DEFAULTS.warnPercents.filter((level) => level < quota);
  const checked = warnLevels(splitList(raw), quota);
  if (checked.kind === 'not-percent') {
    throw notPercent(
      ENV.warnPercent,
      checked.items[0] ?? '',
      'comma-separated warning levels in percent, e.g. 80,90; empty disables',
    );
  }
  if (checked.kind === 'too-high') {
    throw new ConfigError(
      `${ENV.warnPercent} levels must be below ${ENV.quotaPercent} (${quota}); got ${checked.levels.join(', ')}.`,
    );
  }
  return [...checked.levels];
}

function parseInstances(env: Environment): string[] | undefined {
  const raw = setting(env, ENV.instancesToMonitor);
  if (raw === undefined || raw.toUpperCase() === 'ALL') return undefined;
  const names = splitList(raw);
  if (names.length === 0) {
    throw new ConfigError(
      `${ENV.instancesToMonitor} must be ALL or comma-separated instance names; got "${raw}".`,
    );
  }
  return [...new Set(names)];
}

function parseRegions(env: Environment): string[] | undefined {
  const raw = setting(env, ENV.regions);
  if (raw === undefined) return undefined;
  const regions = [...new Set(splitList(raw))];
  const bad = regions.filter((region) => !REGION_PATTERN.test(region));
  if (regions.length === 0 || bad.length > 0) {
    throw new ConfigError(
      `${ENV.regions} must be comma-separated Lightsail regions such as us-east-1,eu-west-2 (unset: every region); got "${bad.join(', ') || raw}".`,
    );
  }
  return regions;
}

function parseUnit(env: Environment): AllowanceUnit {
  const raw = setting(env, ENV.allowanceUnit);
  if (raw === undefined) return DEFAULTS.allowanceUnit;
  if (raw.toUpperCase() === 'GB') return 'GB';
  if (raw.toUpperCase() === 'GIB') return 'GiB';
  throw new ConfigError(
    `${ENV.allowanceUnit} must be GB (10^9 bytes, default) or GiB (2^30 bytes); got "${raw}".`,
  );
}

function parseAction(env: Environment): GlobalAction {
  const raw = setting(env, ENV.action);
  if (raw === undefined) return DEFAULTS.action;
  const action = raw.toLowerCase();
  if (action === 'stop' || action === 'notify') return action;
  throw new ConfigError(
    `${ENV.action} must be stop (default: stop instances at the threshold) or notify (send every alert, never stop); got "${raw}".`,
  );
}

function parseBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const raw = setting(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false (default ${fallback}); got "${raw}".`);
}

function parseConcurrency(env: Environment): number {
  const raw = setting(env, ENV.concurrency);
  if (raw === undefined) return DEFAULTS.concurrency;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > MAX_CONCURRENCY) {
    throw new ConfigError(
      `${ENV.concurrency} must be a whole number from 1 to ${MAX_CONCURRENCY} (default ${DEFAULTS.concurrency}); got "${raw}".`,
    );
  }
  return parsed;
}

function parseScope(env: Environment): AllowanceScope {
  const raw = setting(env, ENV.allowanceScope);
  if (raw === undefined) return DEFAULTS.allowanceScope;
  const scope = raw.toLowerCase();
  if (scope === 'instance' || scope === 'pool') return scope;
  throw new ConfigError(
    `${ENV.allowanceScope} must be instance (each instance against its own allowance, default) or pool (instances of one bundle in one region against their pooled allowance); got "${raw}".`,
  );
}

/** TIME_ZONE: the zone every time a message shows is given in. */
export function parseTimeZone(env: Environment): string {
  const raw = setting(env, ENV.timeZone);
  if (raw === undefined) return DEFAULTS.timeZone;
  if (!isIanaTimeZone(raw)) {
    throw new ConfigError(
      `${ENV.timeZone} must be an IANA time zone such as Asia/Shanghai or Europe/Berlin (default ${DEFAULTS.timeZone}); got "${raw}".`,
    );
  }
  return raw;
}

/** A whole number of minutes from `min` to `max`; `what` says what `name` holds, for the message. */
function parseMinutes(
  env: Environment,
  name: string,
  fallback: number,
  min: number,
  max: number,
  what: string,
): number {
  const raw = setting(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed < min || parsed > max) {
    throw new ConfigError(
      `${name} must be a whole number of minutes from ${min} to ${max} (${what}, default ${fallback}); got "${raw}".`,
    );
  }
  return parsed;
}

/** The fastest link Lightsail sells is far below this: a larger figure is a unit mistake. */
const MAX_BURST_MBPS = 100_000;

function parseStopAhead(env: Environment): { stopAhead: boolean; burstMbps: number } {
  const stopAhead = parseBoolean(env, ENV.stopAhead, DEFAULTS.stopAhead);
  const raw = setting(env, ENV.burstMbps);
  if (raw === undefined) return { stopAhead, burstMbps: DEFAULTS.burstMbps };
  const parsed = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || parsed > MAX_BURST_MBPS) {
    throw new ConfigError(
      `${ENV.burstMbps} must be a number of megabits per second from 0 to ${MAX_BURST_MBPS} (the burst stop ahead keeps in reserve, e.g. 1000 for 1 Gbps; 0 or unset: none); got "${raw}".`,
    );
  }
  if (parsed > 0 && !stopAhead) {
    // Silently ignoring the reserve would leave the user believing they are covered.
    throw new ConfigError(
      `${ENV.burstMbps} is a reserve kept by stop ahead, which ${ENV.stopAhead}=false turns off; unset one of them.`,
    );
  }
  return { stopAhead, burstMbps: parsed };
}

function parsePace(env: Environment): Pace | undefined {
  const raw = setting(env, ENV.requestsPerSecond);
  if (raw === undefined) return undefined;
  const perSecond = Number(raw);
  if (!Number.isFinite(perSecond) || perSecond <= 0) {
    throw new ConfigError(
      `${ENV.requestsPerSecond} must be a number greater than 0 (Lightsail requests per second per region; unset: no pacing); got "${raw}".`,
    );
  }
  // One second's worth may go at once: small fleets barely wait, and a burst no larger than the
  // rate stays under a limit's bucket whenever the pace is under its rate.
  return Object.freeze({ perSecond, burst: Math.max(1, Math.floor(perSecond)) });
}

function freezeList(items: string[] | undefined): readonly string[] | undefined {
  return items === undefined ? undefined : Object.freeze(items);
}

/**
 * Parses the environment once into a frozen configuration. Throws `ConfigError` naming the
 * variable and what it accepts; nothing is called before this succeeds.
 */
export function parseConfig(env: Environment): Config {
  const quotaPercent = parseQuota(env);
  return Object.freeze({
    policy: Object.freeze({ quotaPercent, warnPercents: Object.freeze(parseWarn(env, quotaPercent)) }),
    allowance: Object.freeze({
      unit: parseUnit(env),
      prorateNewInstances: parseBoolean(env, ENV.prorateNewInstances, DEFAULTS.prorateNewInstances),
    }),
    regions: freezeList(parseRegions(env)),
    instances: freezeList(parseInstances(env)),
    concurrency: parseConcurrency(env),
    action: parseAction(env),
    restartOnNewMonth: parseBoolean(env, ENV.restartOnNewMonth, DEFAULTS.restartOnNewMonth),
    timeZone: parseTimeZone(env),
    allowanceScope: parseScope(env),
    foresight: Object.freeze({
      metricDelayMinutes: parseMinutes(
        env,
        ENV.metricDelayMinutes,
        DEFAULTS.metricDelayMinutes,
        0,
        MAX_METRIC_DELAY_MINUTES,
        'how late Lightsail network metrics land',
      ),
      checkIntervalMinutes: parseMinutes(
        env,
        ENV.checkIntervalMinutes,
        DEFAULTS.checkIntervalMinutes,
        1,
        MAX_CHECK_INTERVAL_MINUTES,
        'minutes between two scheduled checks',
      ),
      ...parseStopAhead(env),
    }),
    pace: parsePace(env),
    ...parseLanguages(env),
    telegram: parseTelegram(env),
    channels: parseChannelSettings(env),
    channelSecretsParameter: setting(env, ENV.channelSecretsParameter),
    ...parseAccounts(env),
  });
}
