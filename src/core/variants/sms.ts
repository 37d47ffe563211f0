/**
 * Which SMS words apply, picked once from the alert events, the report and the test message
 * (`src/core/sms.ts` fits the result into one SMS publish).
 */

import type { AlertEvent, AlertFigures, AlertOfKind } from '../alert-event.js';
import { DEFAULT_TIME_ZONE } from '../display-time.js';
import type { ReportCounts, ReportModel, ReportTextContext } from '../report-model.js';
import { accountLabel, type Instance } from '../types.js';
import { inAccount, named, poolNames } from './alert-parts.js';
import type { InAccount, Named, PoolNames } from './phrases.js';

/** The instance, or its pool when the figures are the pool's. */
export type SmsSubject = ({ readonly kind: 'instance' } & Named) | ({ readonly kind: 'pool' } & PoolNames);

/** The share used: of its own allowance, of its pool's (a stopped member), or unknown. */
export type SmsShare =
  | { readonly kind: 'share'; readonly percent: number }
  | { readonly kind: 'pool-share'; readonly percent: number }
  | { readonly kind: 'share-unknown' };

type StopKind = 'stop-failed' | 'would-stop' | 'stopped-earlier' | 'stopped' | 'stopped-ahead';

export type SmsText =
  | SmsSubject
  | SmsShare
  | StopSms<StopKind>
  | { readonly kind: 'warn'; readonly level: number; readonly subject: SmsSubject; readonly share: SmsShare }
  | {
      readonly kind: 'forecast';
      readonly subject: SmsSubject;
      readonly share: SmsShare;
      readonly monthEndPercent: number;
    }
  | { readonly kind: 'kept-running'; readonly subject: SmsSubject; readonly share: SmsShare }
  | ({ readonly kind: 'not-stopped'; readonly share: SmsShare } & Named)
  | { readonly kind: 'started'; readonly instances: readonly Named[] }
  | { readonly kind: 'would-start'; readonly instances: readonly Named[] }
  | ({ readonly kind: 'start-failed' } & Named)
  | ({ readonly kind: 'bad-tag'; readonly keys: readonly string[] } & Named)
  | ({ readonly kind: 'unknown' } & Named)
  | InAccount
  | { readonly kind: 'region-failed'; readonly region: string; readonly account?: InAccount }
  | { readonly kind: 'account-failed'; readonly account: string }
  | { readonly kind: 'regions-failed' }
  | { readonly kind: 'missing'; readonly names: readonly string[] }
  | { readonly kind: 'alerts-one'; readonly line: string }
  | {
      readonly kind: 'alerts-many';
      readonly lines: readonly string[];
      readonly total: number;
      readonly more?: { readonly kind: 'and-more'; readonly more: number };
    }
  | { readonly kind: 'and-more'; readonly more: number }
  | { readonly kind: 'test-alert'; readonly sentAt: Date; readonly timeZone: string }
  | {
      readonly kind: 'report';
      readonly date: Date;
      readonly timeZone: string;
      readonly instances: number;
      readonly over: number;
      readonly unknown: number;
      readonly quotaPercent: number;
    };

/** A stop, by outcome: the instance and the share it was stopped at. */
type StopSms<K extends StopKind> = K extends StopKind
  ? { readonly kind: K; readonly share: SmsShare } & Named
  : never;

/** A stop's SMS by outcome (a stop made ahead of the threshold says so). */
const STOP_KINDS = {
  failed: 'stop-failed',
  'dry-run': 'would-stop',
  earlier: 'stopped-earlier',
  stopped: 'stopped',
} as const satisfies Record<AlertOfKind<'stop'>['outcome'], StopKind>;

/** One alert in a few words. */
export function smsAlert(event: AlertEvent): SmsText {
  switch (event.kind) {
    case 'stop': {
      const kind =
        event.outcome === 'stopped' && event.ahead !== undefined
          ? 'stopped-ahead'
          : STOP_KINDS[event.outcome];
      // A stopped member of a pool is stopped at its pool's figures.
      return { kind, ...named(event.instance), share: share(event, event.pool !== undefined) };
    }
    case 'warn':
      return { kind: 'warn', level: event.level, subject: subject(event), share: share(event) };
    case 'forecast':
      return {
        kind: 'forecast',
        subject: subject(event),
        share: share(event),
        monthEndPercent: Math.floor(event.forecast.monthEndPercent),
      };
    case 'kept-running':
      return { kind: 'kept-running', subject: subject(event), share: share(event) };
    case 'not-stopped':
      return { kind: 'not-stopped', ...named(event.instance), share: share(event) };
    case 'started':
      return {
        kind: event.dryRun ? 'would-start' : 'started',
        instances: event.started.map(({ instance }) => named(instance)),
      };
    case 'start-failed':
      return { kind: 'start-failed', ...named(event.instance) };
    case 'bad-tag':
      return {
        kind: 'bad-tag',
        ...named(event.instance),
        keys: event.problems.map((problem) => problem.key),
      };
    case 'unknown':
      return { kind: 'unknown', ...named(event.instance) };
    case 'region-failed':
      return {
        kind: 'region-failed',
        region: event.region,
        account: inAccount(event.account, 'region-account'),
      };
    case 'account-failed':
      return { kind: 'account-failed', account: accountLabel(event.account) };
    case 'regions-failed':
      return { kind: 'regions-failed' };
    case 'missing':
      return { kind: 'missing', names: event.names };
  }
}

/** The text of a message holding `total` alerts that names the first of them (`shown`, in order). */
export function smsAlerts(shown: readonly string[], total: number): SmsText {
  const more = total - shown.length;
  if (total === 1 && more === 0) return { kind: 'alerts-one', line: shown.join('') };
  return {
    kind: 'alerts-many',
    lines: shown,
    total,
    more: more > 0 ? { kind: 'and-more', more } : undefined,
  };
}

/** The test message's SMS, with the time it was sent. */
export function smsTestAlert(now: Date, timeZone: string): SmsText {
  return { kind: 'test-alert', sentAt: now, timeZone };
}

/** The daily report's SMS: its date and counts. */
export function smsReport(model: ReportModel, counts: ReportCounts, context: ReportTextContext): SmsText {
  const { instances, over, unknown } = counts;
  return {
    kind: 'report',
    date: model.generatedAt,
    timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
    instances,
    over,
    unknown,
    quotaPercent: context.quotaPercent,
  };
}

function subject(event: AlertFigures & { readonly instance: Instance }): SmsSubject {
  return event.pool === undefined
    ? { kind: 'instance', ...named(event.instance) }
    : { kind: 'pool', ...poolNames(event.pool) };
}

function share(figures: AlertFigures, ofPool = false): SmsShare {
  if (figures.percent === null) return { kind: 'share-unknown' };
  return { kind: ofPool ? 'pool-share' : 'share', percent: figures.percent };
}
