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
  /** Chat commands: the user ids who may command in a group (default: its administrators). */
  telegramAdminIds: 'TELEGRAM_ADMIN_IDS',
  quotaPercent: 'QUOTA_PERCENT',
  warnPercent: 'WARN_PERCENT',
  instancesToMonitor: 'INSTANCES_TO_MONITOR',
  regions: 'REGIONS',
  allowanceUnit: 'ALLOWANCE_UNIT',
  prorateNewInstances: 'PRORATE_NEW_INSTANCES',
  concurrency: 'CONCURRENCY',
  requestsPerSecond: 'REQUESTS_PER_SECOND',
  action: 'ACTION',
  restartOnNewMonth: 'RESTART_ON_NEW_MONTH',
  alertLanguage: 'ALERT_LANGUAGE',
  snsTopicArn: 'SNS_TOPIC_ARN',
  webhookUrl: 'WEBHOOK_URL',
  webhookSecret: 'WEBHOOK_SECRET',
  feishuWebhookUrl: 'FEISHU_WEBHOOK_URL',
  feishuSecret: 'FEISHU_SECRET',
  dingtalkWebhookUrl: 'DINGTALK_WEBHOOK_URL',
  dingtalkSecret: 'DINGTALK_SECRET',
  wecomWebhookUrl: 'WECOM_WEBHOOK_URL',
  barkUrl: 'BARK_URL',
  serverchanSendkey: 'SERVERCHAN_SENDKEY',
  serverchanApiRoot: 'SERVERCHAN_API_ROOT',
  discordWebhookUrl: 'DISCORD_WEBHOOK_URL',
  slackWebhookUrl: 'SLACK_WEBHOOK_URL',
  ntfyUrl: 'NTFY_URL',
  ntfyToken: 'NTFY_TOKEN',
  channelSecretsParameter: 'CHANNEL_SECRETS_PARAMETER',
  timeZone: 'TIME_ZONE',
  metricDelayMinutes: 'METRIC_DELAY_MINUTES',
  checkIntervalMinutes: 'CHECK_INTERVAL_MINUTES',
  stopAhead: 'STOP_AHEAD',
  burstMbps: 'BURST_MBPS',
  allowanceScope: 'ALLOWANCE_SCOPE',
  accounts: 'ACCOUNTS',
  accountExternalId: 'ACCOUNT_EXTERNAL_ID',
} as const;

/** The session name of every role the guard assumes: member accounts' CloudTrail shows it. */
export const ROLE_SESSION_NAME = 'lightsail-guard';

/**
 * The SNS message attribute naming what a message is (`alerts`, `report` or `test`, as the
 * webhook's `type`): the stack's SMS subscriptions filter on it, so a daily report is never texted.
 */
export const SNS_TYPE_ATTRIBUTE = 'type';

/** The message types an SMS subscription takes: alerts and the test message, never the report. */
export const SMS_MESSAGE_TYPES = ['alerts', 'test'] as const;

/** Prefix of every Lightsail tag the guard reads or writes on an instance. */
export const TAG_PREFIX = 'lightsail-guard:';

/**
 * Tag keys the guard reads and writes; the alert keys inside `alerted` and `sent-to` are built and
 * parsed in src/core/alert-keys.ts, the other values in src/core/alert-state.ts.
 */
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
  /**
   * `<alert key>=<channel>+<channel> ...`: which channels already took which alerts while another
   * channel has not yet; see src/core/alert-keys.ts. Cleared once every channel took them.
   */
  sentTo: `${TAG_PREFIX}sent-to`,
  /** `YYYY-MM`: keep this instance running past the threshold for that billing month. */
  keepRunning: `${TAG_PREFIX}keep-running`,
  /**
   * `YYYY-MM`: the billing month in which the guard stopped this instance, written with the stop's
   * write-ahead record. Only an instance carrying it is started again on a later month (and only
   * with RESTART_ON_NEW_MONTH); cleared (set empty) once it runs again, so a later stop by its
   * owner is never undone. An empty value is no record, to the code and to the start grant alike.
   */
  stopped: `${TAG_PREFIX}stopped`,
  /**
   * Any value, even none: never start this instance again on a new month (the owner's choice wins).
   * The docs ask for a non-empty one, the only kind the start grant is sure to see.
   */
  hold: `${TAG_PREFIX}hold`,
  /** This instance's stop threshold in percent, by the rules of QUOTA_PERCENT. */
  quota: `${TAG_PREFIX}quota`,
  /** This instance's warning levels, e.g. `80/90` (`,` is not allowed in tag values), by the rules of WARN_PERCENT. */
  warn: `${TAG_PREFIX}warn`,
  /** `stop` (default), `notify` (alerts only, never stopped) or `ignore` (not monitored). */
  action: `${TAG_PREFIX}action`,
  /** `YYYY-MM-DD`: the UTC day an alert about a malformed setting tag was last delivered. */
  badTagAlerted: `${TAG_PREFIX}bad-tag-alerted`,
} as const;

/** The Lambda event that asks for the daily report (kept from the recipe users migrate from). */
export const DAILY_REPORT_EVENT = { report_type: 'daily_report' } as const;

export const DEFAULT_TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** The deploy settings every `cdk synth`/`deploy` reads, at the repository's root (infra/settings-file.ts). */
export const DEPLOY_SETTINGS_FILE = 'deploy.settings.json';
