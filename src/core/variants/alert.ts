/**
 * Which alert message applies, picked once from the alert event: the variant with the data its
 * words need. Every language words the same variants (`src/core/i18n/templates.ts`).
 */

import type { AlertEvent, AlertOfKind, AlertTextContext } from '../alert-event.js';
import { DEFAULT_TIME_ZONE } from '../display-time.js';
import { POLICY_TAG_COMMANDS } from '../instance-policy.js';
import {
  type AccountFailure,
  type Failure,
  readAccountFailure,
  readFailure,
  readUnknownReason,
  type UnknownReason,
} from '../reasons.js';
import {
  accountTitle,
  allowanceNote,
  figures,
  forecastWhen,
  inAccount,
  member,
  named,
  price,
  resetFirst,
  stopHead,
  subject,
  thresholdClause,
} from './alert-parts.js';
import type {
  AccountTitle,
  AllowanceNote,
  ErrorText,
  Figures,
  ForecastWhen,
  HowStopped,
  InAccount,
  KeepTag,
  KeptNext,
  Member,
  Named,
  NotifyWhy,
  NotStoppedNext,
  Price,
  Retry,
  StopChange,
  StopHead,
  StoppedNow,
  StoppedWhen,
  Subject,
  TagFix,
  ThresholdClause,
  Unrecorded,
} from './phrases.js';

/** The alert messages, one per thing the guard may tell the user. */
export type AlertMessage =
  | {
      readonly kind: 'alert-stopped';
      readonly head: StopHead;
      readonly how: HowStopped;
      readonly keep: KeepTag;
      readonly unrecorded?: Unrecorded;
    }
  | { readonly kind: 'alert-would-stop'; readonly head: StopHead }
  | {
      readonly kind: 'alert-stopped-earlier';
      readonly head: StopHead;
      readonly at: StoppedWhen;
      readonly now: StoppedNow;
    }
  | {
      readonly kind: 'alert-stop-failed';
      readonly head: StopHead;
      readonly error: ErrorText;
      readonly retry: Retry;
      readonly unrecorded?: Unrecorded;
    }
  | {
      readonly kind: 'alert-warn';
      readonly level: number;
      readonly subject: Subject;
      readonly figures: Figures;
      readonly threshold: ThresholdClause;
      readonly allowance?: AllowanceNote;
    }
  | {
      readonly kind: 'alert-forecast';
      readonly subject: Subject;
      readonly figures: Figures;
      readonly when: ForecastWhen;
      readonly threshold: ThresholdClause;
    }
  | {
      readonly kind: 'alert-kept-running';
      readonly subject: Subject;
      readonly figures: Figures;
      readonly quotaPercent: number;
      readonly monthKey: string;
      readonly price: Price;
      readonly next: KeptNext;
    }
  | {
      readonly kind: 'alert-not-stopped';
      readonly member: Member;
      readonly figures: Figures;
      readonly quotaPercent: number;
      readonly why: NotifyWhy;
      readonly allowance?: AllowanceNote;
      readonly next: NotStoppedNext;
    }
  | ({ readonly kind: 'alert-started' } & Started)
  | ({ readonly kind: 'alert-would-start' } & Started)
  | ({ readonly kind: 'alert-start-failed'; readonly error: Failure } & Named)
  | ({ readonly kind: 'alert-bad-tag'; readonly problems: readonly TagFix[] } & Named)
  | ({ readonly kind: 'alert-unknown'; readonly reason: UnknownReason } & Named)
  | {
      readonly kind: 'alert-region-failed';
      readonly region: string;
      readonly account?: InAccount;
      readonly error: Failure;
    }
  | {
      readonly kind: 'alert-account-failed';
      readonly account: AccountTitle;
      readonly error: AccountFailure;
    }
  | { readonly kind: 'alert-regions-failed'; readonly error: Failure }
  | { readonly kind: 'alert-missing'; readonly names: readonly string[] };

/** An instance started on a new month, and the month the guard had stopped it in (`2026-10`). */
export interface StartedInstance extends Named {
  readonly stoppedIn: string;
  /** Its static IP's address; without one a start gives it a new public IPv4 address. */
  readonly staticIp?: string;
}

/** What the started alert says: who, when the allowance reset, and whether an address changed. */
interface Started {
  readonly instances: readonly StartedInstance[];
  /** 00:00 UTC on the 1st of the month they were started in, and the reader's zone. */
  readonly resetAt: Date;
  readonly timeZone: string;
  /** Some instance has no static IP: its public IPv4 address is new. */
  readonly newAddress?: { readonly kind: 'new-address' };
}

/** 00:00 UTC on the 1st of `monthKey` (`2026-12`). */
function monthStart(monthKey: string): Date {
  const [year, month] = monthKey.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1));
}

/** The alert message for `event`. */
export function alertMessage(event: AlertEvent, context: AlertTextContext): AlertMessage {
  switch (event.kind) {
    case 'stop':
      return stopMessage(event, context);
    case 'warn':
      return {
        kind: 'alert-warn',
        level: event.level,
        subject: subject(event),
        figures: figures(event, context),
        threshold: thresholdClause(event, context.quotaPercent, context),
        allowance: allowanceNote(event),
      };
    case 'forecast':
      return {
        kind: 'alert-forecast',
        subject: subject(event),
        figures: figures(event, context),
        when: forecastWhen(event, context),
        threshold: thresholdClause(event, event.forecast.thresholdPercent, context),
      };
    case 'kept-running': {
      const reset = resetFirst(context);
      return {
        kind: 'alert-kept-running',
        subject: subject(event),
        figures: figures(event, context),
        quotaPercent: context.quotaPercent,
        monthKey: context.monthKey,
        price: price(event.instance.region),
        next:
          reset === undefined
            ? { kind: 'clear-keep', name: event.instance.name }
            : { kind: 'reset-sentence', reset },
      };
    }
    case 'not-stopped': {
      const name = event.instance.name;
      const reset = resetFirst(context);
      const change: StopChange =
        event.because === 'setting' ? { kind: 'stop-by-setting', name } : { kind: 'stop-by-tag', name };
      return {
        kind: 'alert-not-stopped',
        member: member(event),
        figures: figures(event, context),
        quotaPercent: context.quotaPercent,
        why: event.because === 'setting' ? { kind: 'notify-setting' } : { kind: 'notify-tag' },
        allowance: allowanceNote(event),
        next:
          reset === undefined ? { kind: 'to-stop', change } : { kind: 'to-stop-after-reset', reset, change },
      };
    }
    case 'started': {
      const instances = event.started.map(({ instance, stoppedIn }) => ({
        ...named(instance),
        stoppedIn,
        ...(instance.staticIp === undefined ? {} : { staticIp: instance.staticIp }),
      }));
      return {
        kind: event.dryRun ? 'alert-would-start' : 'alert-started',
        instances,
        resetAt: monthStart(context.monthKey),
        timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
        newAddress: instances.some((i) => i.staticIp === undefined) ? { kind: 'new-address' } : undefined,
      };
    }
    case 'start-failed':
      return { kind: 'alert-start-failed', ...named(event.instance), error: readFailure(event.error) };
    case 'bad-tag':
      return {
        kind: 'alert-bad-tag',
        ...named(event.instance),
        problems: event.problems.map(({ key, message, why }): TagFix => {
          const command = POLICY_TAG_COMMANDS[key];
          return command === undefined
            ? { kind: 'tag-problem', message, why }
            : { kind: 'tag-fix', message, why, command, name: event.instance.name };
        }),
      };
    case 'unknown':
      return { kind: 'alert-unknown', ...named(event.instance), reason: readUnknownReason(event.reason) };
    case 'region-failed':
      return {
        kind: 'alert-region-failed',
        region: event.region,
        account: inAccount(event.account, 'region-account'),
        error: readFailure(event.error),
      };
    case 'account-failed':
      return {
        kind: 'alert-account-failed',
        account: accountTitle(event.account),
        error: readAccountFailure(event.error),
      };
    case 'regions-failed':
      return { kind: 'alert-regions-failed', error: readFailure(event.error) };
    case 'missing':
      return { kind: 'alert-missing', names: event.names };
  }
}

function stopMessage(event: AlertOfKind<'stop'>, context: AlertTextContext): AlertMessage {
  const head = stopHead(event, context);
  const keep: KeepTag = { kind: 'keep-tag', name: event.instance.name, monthKey: context.monthKey };
  const unrecorded: Unrecorded | undefined =
    event.recordError === undefined ? undefined : { kind: 'unrecorded', error: event.recordError };
  switch (event.outcome) {
    case 'stopped':
      return {
        kind: 'alert-stopped',
        head,
        how: event.alreadyStopping ? { kind: 'already-stopping' } : { kind: 'stop-call-succeeded' },
        keep,
        unrecorded,
      };
    case 'dry-run':
      return { kind: 'alert-would-stop', head };
    case 'earlier':
      return {
        kind: 'alert-stopped-earlier',
        head,
        at:
          event.stoppedAt === undefined
            ? { kind: 'stopped-at-unknown-time' }
            : {
                kind: 'stopped-at-time',
                at: event.stoppedAt,
                timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
              },
        now: event.instance.state === 'running' ? { kind: 'running-again' } : keep,
      };
    case 'failed': {
      const reset = resetFirst(context);
      return {
        kind: 'alert-stop-failed',
        head,
        error:
          event.error === undefined
            ? { kind: 'error-unknown' }
            : { kind: 'error', failure: readFailure(event.error) },
        retry: reset === undefined ? { kind: 'retry-next-check' } : { kind: 'retry-after-reset', reset },
        unrecorded,
      };
    }
  }
}
