import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/core/alerts.js';
import { alertHeadline, alertSmsLine, alertText } from '../../src/core/alerts.js';
import type { Forecast } from '../../src/core/forecast.js';
import { commandsZhCN } from '../../src/core/i18n/commands-zh-CN.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import { instancePolicy, type TagProblem } from '../../src/core/instance-policy.js';
import {
  type AccountFailure,
  accountFailureText,
  type Failure,
  failureText,
  rowErrorText,
  type UnknownReason,
  unknownReasonText,
} from '../../src/core/reasons.js';
import { reportMessages, reportSubject, rowNote } from '../../src/core/report.js';
import type { InstanceAction, ReportRow } from '../../src/core/report-model.js';
import { smsOfReport, smsOfTestAlert } from '../../src/core/sms.js';
import type { StopAhead } from '../../src/core/stop-ahead.js';
import { type AccountRef, UNIDENTIFIED_ACCOUNT } from '../../src/core/types.js';
import { anInstance, aRow, at, GB } from '../support/builders.js';
import { englishLeft } from '../support/english-left.js';

/**
 * A Chinese reader reads every alert, report line and reply in Chinese: every message kind, with
 * every reason core can give, leaves no English outside names, identifiers, units, commands and what
 * the service itself said.
 */

const zh = catalogueFor('zh-CN');
const NAMES = ['web_1', 'db-2', 'busy', 'idle', 'small_3_0', '@ops', 'prod'];
/** Several accounts checked (ACCOUNTS): every place also names its account. */
const PROD: AccountRef = { id: '111122223333', name: 'prod' };
const ACCOUNTS = [undefined, PROD] as const;
const withAccount = (account: AccountRef | undefined) => (account === undefined ? {} : { account });
const figures = { usedBytes: 97 * GB, allowanceBytes: 100 * GB, percent: 97 };
const CONTEXTS = [
  { unit: 'GB', quotaPercent: 95, monthKey: '2026-11', timeZone: 'Asia/Shanghai' },
  {
    unit: 'GB',
    quotaPercent: 95,
    monthKey: '2026-11',
    timeZone: 'America/Los_Angeles',
    resetBeforeNextCheck: at('2026-12-01T00:00:00.000Z'),
  },
] as const;

const FAILURES: readonly Failure[] = [
  { kind: 'service', text: 'ServiceUnavailableException: try again later' },
  { kind: 'no-answer', deadline: { seconds: 180 } },
  { kind: 'not-attempted', deadline: {} },
];

const UNKNOWN: readonly UnknownReason[] = [
  ...FAILURES.map(
    (failure): UnknownReason => ({
      kind: 'metrics',
      problems: [{ metrics: ['NetworkIn'], problem: { kind: 'metric-failed', failure } }],
    }),
  ),
  {
    kind: 'metrics',
    problems: [
      { metrics: ['NetworkIn'], problem: { kind: 'no-metric-data' } },
      { metrics: ['NetworkOut'], problem: { kind: 'not-finite' } },
    ],
  },
  {
    kind: 'metrics',
    problems: [{ metrics: ['NetworkIn', 'NetworkOut'], problem: { kind: 'no-datapoints', hours: '166.1' } }],
  },
  { kind: 'no-allowance' },
  { kind: 'not-read', deadline: { seconds: 180 } },
  { kind: 'members-unknown', names: ['busy', 'idle'] },
];

/** Every malformed tag instancePolicy names. */
const TAG_PROBLEMS: readonly TagProblem[] = (
  [
    { 'lightsail-guard:quota': 'lots' },
    { 'lightsail-guard:warn': 'often' },
    { 'lightsail-guard:warn': '80/99', 'lightsail-guard:quota': '90' },
    { 'lightsail-guard:warn': '99', 'lightsail-guard:quota': '50' },
    { 'lightsail-guard:action': 'pause' },
  ] as Record<string, string>[]
).flatMap(
  (tags) =>
    instancePolicy(tags, { policy: { quotaPercent: 95, warnPercents: [80, 90] }, action: 'stop' })
      .tagProblems,
);

const AHEAD: readonly StopAhead[] = [
  { ratePerSecond: 12.5e6, withinMinutes: 11, lagMinutes: 1, lagSource: 'measured' },
  {
    ratePerSecond: 12.5e6,
    worstCaseRatePerSecond: 20e6,
    withinMinutes: 9,
    lagMinutes: 3,
    lagSource: 'newest-sample',
  },
  { ratePerSecond: 12.5e6, withinMinutes: 7, lagMinutes: 15, lagSource: 'assumed', burst: true },
];

const forecast = {
  ratePerSecond: 1e6,
  dailyRatePerSecond: 1e6,
  basisHours: 24,
  monthEndBytes: 128 * GB,
  monthEndPercent: 128,
  thresholdPercent: 95,
  thresholdAt: null,
  fullAt: null,
} as const;
const FORECASTS: readonly Forecast[] = [
  { ...forecast, thresholdAt: at('2026-11-24T23:08:00.000Z'), fullAt: at('2026-11-26T09:00:00.000Z') },
  { ...forecast, fullAt: at('2026-11-26T09:00:00.000Z') },
  forecast,
];

/** Every reason an account could not be checked. */
const ACCOUNT_FAILURES: readonly AccountFailure[] = FAILURES.flatMap((failure): AccountFailure[] => [
  { kind: 'not-assumed', role: 'arn:aws:iam::111122223333:role/lightsail-guard-member', failure },
  { kind: 'not-identified', failure },
  { kind: 'refused', failure },
]);

function accountEvents(): AlertEvent[] {
  return [PROD, { id: PROD.id }, UNIDENTIFIED_ACCOUNT].flatMap((account) =>
    ACCOUNT_FAILURES.map(
      (failure): AlertEvent => ({ kind: 'account-failed', account, error: accountFailureText(failure) }),
    ),
  );
}

function everyEvent(account?: AccountRef): AlertEvent[] {
  const web = anInstance({ name: 'web_1', region: 'ap-northeast-1', ...withAccount(account) });
  const errors = FAILURES.map(failureText);
  const pool = {
    region: 'ap-northeast-1',
    bundleId: 'small_3_0',
    instances: ['busy', 'idle'],
    usedBytes: 190 * GB,
    allowanceBytes: 200 * GB,
    percent: 95,
  };
  return [
    { kind: 'stop', instance: web, outcome: 'stopped', ...figures },
    {
      kind: 'stop',
      instance: web,
      outcome: 'stopped',
      alreadyStopping: true,
      recordError: 'Throttled',
      ...figures,
    },
    ...errors.map(
      (error): AlertEvent => ({ kind: 'stop', instance: web, outcome: 'failed', error, ...figures }),
    ),
    { kind: 'stop', instance: web, outcome: 'failed', ...figures },
    { kind: 'stop', instance: web, outcome: 'dry-run', ...figures, pool },
    ...AHEAD.map(
      (ahead): AlertEvent => ({ kind: 'stop', instance: web, outcome: 'stopped', ...figures, ahead }),
    ),
    ...FORECASTS.map(
      (forecast): AlertEvent => ({ kind: 'forecast', instance: web, forecast, ...figures, percent: 60 }),
    ),
    { kind: 'stop', instance: web, outcome: 'earlier', stoppedAt: '2026-11-20T09:50:00.000Z', ...figures },
    {
      kind: 'stop',
      instance: anInstance({ name: 'web_1', state: 'running' }),
      outcome: 'earlier',
      ...figures,
    },
    { kind: 'warn', instance: web, level: 80, usedBytes: 104 * GB, allowanceBytes: 100 * GB, percent: 104 },
    { kind: 'warn', instance: web, level: 80, ...figures, pool },
    { kind: 'kept-running', instance: web, ...figures },
    { kind: 'not-stopped', instance: web, because: 'setting', ...figures },
    { kind: 'not-stopped', instance: web, because: 'tag', ...figures, pool },
    { kind: 'started', started: [{ instance: web, stoppedIn: '2026-10' }], dryRun: false },
    { kind: 'started', started: [{ instance: web, stoppedIn: '2026-10' }], dryRun: true },
    ...errors.map((error): AlertEvent => ({ kind: 'start-failed', instance: web, error })),
    { kind: 'bad-tag', instance: web, problems: TAG_PROBLEMS },
    ...UNKNOWN.map(
      (reason): AlertEvent => ({ kind: 'unknown', instance: web, reason: unknownReasonText(reason) }),
    ),
    ...errors.map(
      (error): AlertEvent => ({ kind: 'region-failed', region: 'eu-west-3', error, ...withAccount(account) }),
    ),
    ...errors.map((error): AlertEvent => ({ kind: 'regions-failed', error })),
    { kind: 'missing', names: ['web_1', 'db-2'] },
    ...(account === undefined ? [] : accountEvents()),
  ];
}

const ACTIONS: readonly InstanceAction[] = [
  'none',
  'stopped',
  'stop-failed',
  'would-stop',
  'kept-running',
  'warned',
  'not-read',
  'over-threshold',
  'not-stopped',
  'ignored',
  'started',
  'would-start',
  'start-failed',
];

function everyRow(account?: AccountRef): ReportRow[] {
  const rows: ReportRow[] = [
    ...ACTIONS.map((action) => aRow({ name: 'web_1', action })),
    ...(['stopped', 'stop-failed', 'would-stop', 'over-threshold'] as const).flatMap((action) => [
      aRow({ name: 'web_1', action, reason: 'ahead' }),
      aRow({ name: 'web_1', action, reason: 'ahead', burst: true }),
    ]),
    aRow({ name: 'web_1', action: 'over-threshold', resetBeforeNextCheck: '2026-12-01T00:00:00.000Z' }),
    ...UNKNOWN.map((reason) =>
      aRow({ name: 'web_1', usedBytes: null, percent: null, unknownReason: unknownReasonText(reason) }),
    ),
    ...FAILURES.flatMap((failure) => [
      aRow({ name: 'web_1', action: 'stop-failed', error: rowErrorText({ kind: 'stop-failed', failure }) }),
      aRow({ name: 'web_1', action: 'start-failed', error: rowErrorText({ kind: 'start-failed', failure }) }),
    ]),
    ...(['start', 'next-check', 'hold'] as const).map((nextMonth) => aRow({ name: 'web_1', nextMonth })),
    aRow({ name: 'web_1', burstStopPercent: 81.6, allowanceShare: 0.5 }),
    aRow({ name: 'web_1', usedBytes: 120 * GB, percent: 120, pool: { bundleId: 'small_3_0', percent: 65 } }),
  ];
  return account === undefined
    ? rows
    : rows.map((row) => ({ ...row, account: account.id, accountName: account.name }));
}

/** The texts that leave English, with the words. */
const leftIn = (texts: readonly string[]): string[] =>
  texts.flatMap((text) => {
    const words = englishLeft(text, NAMES);
    return words.length === 0 ? [] : [`${words.join(' ')} <- ${text}`];
  });

describe('no English left in a Chinese message', () => {
  it.each(
    CONTEXTS.flatMap((context) =>
      ACCOUNTS.map(
        (account) =>
          [context.timeZone, account === undefined ? 'one account' : 'ACCOUNTS', context, account] as const,
      ),
    ),
  )(
    'every alert, its subject and its SMS line, with every reason (%s, %s)',
    (_zone, _accounts, context, account) => {
      const texts = everyEvent(account).flatMap((event) => [
        alertText(event, context, zh),
        zh.alertSubject(alertHeadline(event, context, zh), 2),
        alertSmsLine(event, context, zh),
      ]);

      expect(leftIn(texts)).toEqual([]);
    },
  );

  it.each(ACCOUNTS.map((account) => [account === undefined ? 'one account' : 'ACCOUNTS', account] as const))(
    'the report: every action, note and reason, its subject and its SMS (%s)',
    (_accounts, account) => {
      const context = { unit: 'GB', quotaPercent: 95, warnPercents: [80, 90] } as const;
      const model = {
        generatedAt: at('2026-11-30T23:30:00.000Z'),
        monthKey: '2026-11',
        rows: everyRow(account),
        regionErrors: FAILURES.map((failure) => ({
          region: 'eu-west-3',
          error: failureText(failure),
          ...withAccount(account),
        })),
      };
      const texts = [
        ...reportMessages(model, context, 4096, zh),
        reportSubject(model, context, zh),
        smsOfReport(model, context, zh),
        ...model.rows.map((row) => rowNote(row, zh)),
      ];

      expect(leftIn(texts)).toEqual([]);
    },
  );

  it('the test alert, in a chat and elsewhere, and its SMS', () => {
    const now = at('2026-12-07T14:21:00.000Z');
    const texts = [
      zh.testAlert(now, 'chat'),
      zh.testAlert(now, 'here'),
      zh.testAlertSubject,
      smsOfTestAlert(now, zh),
    ];

    expect(leftIn(texts)).toEqual([]);
  });

  it('the replies to chat commands', () => {
    const c = commandsZhCN;
    const changes = [
      { kind: 'kept', name: 'web_1', region: 'ap-northeast-1', month: '2026-11', started: true, by: '@ops' },
      { kind: 'held', name: 'web_1', region: 'ap-northeast-1', by: '@ops' },
      { kind: 'released', name: 'web_1', region: 'ap-northeast-1', by: '@ops', stoppedIn: undefined },
      { kind: 'released', name: 'web_1', region: 'ap-northeast-1', by: '@ops', stoppedIn: '2026-10' },
    ] as const;
    const question = {
      name: 'web_1',
      region: 'ap-northeast-1',
      month: '2026-11',
      allowanceGb: 1024,
      pricePerGb: 0.09,
      expiresAt: at('2026-11-20T10:00:00.000Z'),
      by: '@ops',
    };
    const texts = [
      ...Object.values(c.descriptions),
      c.help,
      c.statusHeading(at('2026-11-20T09:50:00.000Z'), 'Asia/Shanghai'),
      c.notMonitored('web_1'),
      c.needsName('keep'),
      c.notFound('web_1', []),
      c.inSeveral('keep', 'web_1', ['ap-northeast-1', 'eu-west-3']),
      c.adminsOnly,
      c.keepQuestion({ ...question, state: 'stopped' }, 'Asia/Shanghai'),
      c.keepQuestion({ ...question, state: 'running', pricePerGb: undefined }, 'UTC'),
      c.keepButton,
      c.keepHeld('web_1', 'ap-northeast-1'),
      c.keepAlready('web_1', 'ap-northeast-1', '2026-11'),
      c.notStartable('web_1', 'ap-northeast-1', 'stopping'),
      c.holdAlready('web_1', 'ap-northeast-1'),
      c.releaseNone('web_1', 'ap-northeast-1'),
      ...changes.flatMap((change) => [c.change(change), c.changeSubject(change)]),
      c.buttonNotYours,
      c.buttonExpired,
      c.buttonDone,
      c.expiredQuestion('web_1', 'ap-northeast-1'),
    ];

    expect(leftIn(texts)).toEqual([]);
  });

  it('flags English a Chinese text leaves, and not what must stay as typed', () => {
    expect(englishLeft('用量未知：NetworkIn: the answer had no metricData')).toEqual([
      'the',
      'answer',
      'had',
    ]);
    expect(
      englishLeft(
        '实例仍在运行（AWS 返回：Throttling: Rate exceeded）。如需本月继续运行：<code>lightsail-guard keep-running web_1 --start</code>，设置 BURST_MBPS 或 ACTION=stop。',
      ),
    ).toEqual([]);
  });
});
