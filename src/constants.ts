/**
 * Names shared by the code and the CDK stack, defined once so that the handler and the
 * infrastructure cannot drift apart.
 */

/** Environment variables read by the CLI and the Lambda handler. */
export const ENV = {
  telegramBotToken: 'TELEGRAM_BOT_TOKEN',
  telegramBotTokenParameter: 'TELEGRAM_BOT_TOKEN_PARAMETER',
  telegramChatId: 'TELEGRAM_CHAT_ID',
  telegramApiRoot: 'TELEGRAM_API_ROOT',
  quotaPercent: 'QUOTA_PERCENT',
  warnPercent: 'WARN_PERCENT',
  instancesToMonitor: 'INSTANCES_TO_MONITOR',
  regions: 'REGIONS',
  allowanceUnit: 'ALLOWANCE_UNIT',
  prorateNewInstances: 'PRORATE_NEW_INSTANCES',
  concurrency: 'CONCURRENCY',
  requestsPerSecond: 'REQUESTS_PER_SECOND',
} as const;

/** Prefix of every Lightsail tag the guard reads or writes on an instance. */
export const TAG_PREFIX = 'lightsail-guard:';

/** Tag keys the guard reads and writes; parsed in src/core/alert-state.ts. */
export const TAGS = {
  /**
   * `YYYY-MM:80/90/override`: the alerts already delivered in that billing month. Lightsail tag
   * values allow letters, digits, spaces and `_ . : / = + - @` only, hence `/` and not `,`.
   */
  alerted: `${TAG_PREFIX}alerted`,
  /** `YYYY-MM-DD`: the UTC day an "usage unknown" alert was last delivered for this instance. */
  unknownAlerted: `${TAG_PREFIX}unknown-alerted`,
  /**
   * ISO time of a stop whose alert could not be delivered; the next check re-sends it and clears
   * the value, so that a stop is never silent even while Telegram is down.
   */
  stopUnsent: `${TAG_PREFIX}stop-unsent`,
  /** `YYYY-MM`: keep this instance running past the threshold for that billing month. */
  keepRunning: `${TAG_PREFIX}keep-running`,
  /**
   * `YYYY-MM`: the billing month in which the guard stopped this instance, written with the stop's
   * write-ahead record, so that the guard's own stops can be told from anyone else's.
   */
  stopped: `${TAG_PREFIX}stopped`,
} as const;

/** The Lambda event that asks for the daily report (kept from the recipe users migrate from). */
export const DAILY_REPORT_EVENT = { report_type: 'daily_report' } as const;

export const DEFAULT_TELEGRAM_API_ROOT = 'https://api.telegram.org';
