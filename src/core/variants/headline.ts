/**
 * Which subject-line words apply, picked once: the headline of an alert, the subject of a message
 * of several alerts, a part number, the test message.
 */

import type { AlertEvent, AlertFigures } from '../alert-event.js';

import { type PoolFigures, subjectMembers } from '../pools.js';
import { accountLabel, type Instance } from '../types.js';
import type { HeadlineName, InPool, MemberList, StopVerb } from './phrases.js';

/** A few words naming one alert, for a subject line. */
export type Headline =
  | { readonly kind: 'headline-stop-failed'; readonly name: string; readonly pool?: InPool }
  | { readonly kind: 'headline-would-stop'; readonly name: string; readonly pool?: InPool }
  | {
      readonly kind: 'headline-stopped';
      readonly name: string;
      readonly verb: StopVerb;
      readonly percent: number | null;
    }
  | {
      readonly kind: 'headline-pool-stopped';
      readonly name: string;
      readonly verb: StopVerb;
      readonly percent: number | null;
      readonly bundleId: string;
      readonly members: MemberList;
    }
  | {
      readonly kind: 'headline-warn';
      readonly who: HeadlineName;
      readonly percent: number | null;
      readonly level: number;
    }
  | { readonly kind: 'headline-kept-running'; readonly who: HeadlineName }
  | { readonly kind: 'headline-forecast'; readonly who: HeadlineName; readonly monthEndPercent: number }
  | { readonly kind: 'headline-not-stopped'; readonly name: string; readonly pool?: InPool }
  | { readonly kind: 'headline-started'; readonly names: readonly string[] }
  | { readonly kind: 'headline-would-start'; readonly names: readonly string[] }
  | { readonly kind: 'headline-start-failed'; readonly name: string }
  | { readonly kind: 'headline-bad-tag'; readonly name: string }
  | { readonly kind: 'headline-unknown'; readonly name: string }
  | { readonly kind: 'headline-region-failed'; readonly region: string }
  | { readonly kind: 'headline-account-failed'; readonly account: string }
  | { readonly kind: 'headline-regions-failed' }
  | { readonly kind: 'headline-missing'; readonly count: number };

/** The subject of a message, the part of several it is, and the test message. */
export type Envelope =
  | { readonly kind: 'alert-subject'; readonly first: string; readonly more?: AndMore }
  | { readonly kind: 'part'; readonly index: number; readonly total: number }
  | {
      readonly kind: 'test-alert';
      readonly sentAt: Date;
      readonly timeZone: string;
      readonly place: TestPlace;
    }
  | { readonly kind: 'test-alert-subject' }
  | AndMore
  | TestPlace;

/** The alerts a subject line leaves out (`more`), of `total` in the message. */
export interface AndMore {
  readonly kind: 'and-more';
  readonly more: number;
  readonly total: number;
}

/** Where a test message was read: in a chat (Telegram, the chat bots), or elsewhere (email, a push). */
export type TestPlace = { readonly kind: 'in-chat' } | { readonly kind: 'here' };

/** The headline of `event`. */
export function headline(event: AlertEvent): Headline {
  switch (event.kind) {
    case 'stop': {
      const { name } = event.instance;
      const pool = inPool(event.pool);
      if (event.outcome === 'failed') return { kind: 'headline-stop-failed', name, pool };
      if (event.outcome === 'dry-run') return { kind: 'headline-would-stop', name, pool };
      const verb: StopVerb =
        event.ahead === undefined ? { kind: 'verb-stopped' } : { kind: 'verb-stopped-ahead' };
      if (event.pool === undefined) return { kind: 'headline-stopped', name, verb, percent: event.percent };
      return {
        kind: 'headline-pool-stopped',
        name,
        verb,
        percent: event.percent,
        bundleId: event.pool.bundleId,
        members: memberList(event.pool),
      };
    }
    case 'warn':
      return { kind: 'headline-warn', who: headlineName(event), percent: event.percent, level: event.level };
    case 'kept-running':
      return { kind: 'headline-kept-running', who: headlineName(event) };
    case 'forecast':
      return {
        kind: 'headline-forecast',
        who: headlineName(event),
        monthEndPercent: Math.floor(event.forecast.monthEndPercent),
      };
    case 'not-stopped':
      return { kind: 'headline-not-stopped', name: event.instance.name, pool: inPool(event.pool) };
    case 'started':
      return {
        kind: event.dryRun ? 'headline-would-start' : 'headline-started',
        names: event.started.map(({ instance }) => instance.name),
      };
    case 'start-failed':
      return { kind: 'headline-start-failed', name: event.instance.name };
    case 'bad-tag':
      return { kind: 'headline-bad-tag', name: event.instance.name };
    case 'unknown':
      return { kind: 'headline-unknown', name: event.instance.name };
    case 'region-failed':
      return { kind: 'headline-region-failed', region: event.region };
    case 'account-failed':
      return { kind: 'headline-account-failed', account: accountLabel(event.account) };
    case 'regions-failed':
      return { kind: 'headline-regions-failed' };
    case 'missing':
      return { kind: 'headline-missing', count: event.names.length };
  }
}

/** The subject of a message whose first alert reads `first`, with `more` alerts after it. */
export function alertSubject(first: string, more: number): Envelope {
  return {
    kind: 'alert-subject',
    first,
    more: more > 0 ? { kind: 'and-more', more, total: more + 1 } : undefined,
  };
}

/** The test message, sent at `now` (shown in `timeZone`), read in a chat or elsewhere. */
export function testAlert(now: Date, place: 'chat' | 'here', timeZone: string): Envelope {
  return {
    kind: 'test-alert',
    sentAt: now,
    timeZone,
    place: place === 'chat' ? { kind: 'in-chat' } : { kind: 'here' },
  };
}

function memberList(pool: PoolFigures): MemberList {
  const { named, more } = subjectMembers(pool);
  return more > 0
    ? { kind: 'members-and-more', named, more, total: pool.instances.length }
    : { kind: 'members', named };
}

function inPool(pool: PoolFigures | undefined): InPool | undefined {
  return pool === undefined
    ? undefined
    : { kind: 'in-pool', bundleId: pool.bundleId, members: memberList(pool) };
}

function headlineName(event: AlertFigures & { readonly instance: Instance }): HeadlineName {
  return event.pool === undefined
    ? { kind: 'headline-instance', name: event.instance.name }
    : { kind: 'headline-pool', bundleId: event.pool.bundleId, members: memberList(event.pool) };
}
