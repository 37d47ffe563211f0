/**
 * The phrases an alert message is built from, picked from the event: who it is about, its figures,
 * what happens at the threshold, why a stop came ahead of it, when a forecast crosses it.
 */

import type { AlertFigures, AlertOfKind, AlertTextContext } from '../alert-event.js';
import { monthEndOf } from '../billing-month.js';
import { DEFAULT_TIME_ZONE } from '../display-time.js';
import { allowanceStanding, OVERAGE_USD_PER_GB } from '../overage.js';
import type { PoolFigures } from '../pools.js';
import type { StopAhead } from '../stop-ahead.js';
import { type AccountRef, accountLabel, type Instance } from '../types.js';
import type {
  AccountTitle,
  Ahead,
  AllowanceNote,
  Figures,
  ForecastWhen,
  InAccount,
  LagSource,
  Member,
  Named,
  PoolNames,
  Price,
  ResetFirst,
  StopHead,
  Subject,
  ThresholdClause,
} from './phrases.js';

/** The account after a place, only when several accounts are checked (`account` is set then). */
export function inAccount(
  account: AccountRef | undefined,
  kind: InAccount['kind'] = 'in-account',
): InAccount | undefined {
  return account === undefined ? undefined : { kind, label: accountLabel(account) };
}

/** An account that could not be checked, by its name and id, or its id. */
export function accountTitle(account: AccountRef): AccountTitle {
  return account.name === undefined
    ? { kind: 'account-id', id: account.id }
    : { kind: 'account-named', name: account.name, id: account.id };
}

/** An instance by its name and region, and its account when several are checked. */
export const named = (instance: Pick<Instance, 'name' | 'region' | 'account'>): Named => ({
  name: instance.name,
  region: instance.region,
  account: inAccount(instance.account),
});

/** A pool by its bundle, region (and account) and members. */
export const poolNames = (pool: PoolFigures): PoolNames => ({
  bundleId: pool.bundleId,
  region: pool.region,
  account: inAccount(pool.account),
  members: pool.instances,
});

/** The figures an alert quotes; usage that could not be read is unknown, never 0. */
export function figures(f: AlertFigures, context: AlertTextContext): Figures {
  const { unit } = context;
  return f.usedBytes === null
    ? { kind: 'figures-unknown', allowanceBytes: f.allowanceBytes, unit }
    : { kind: 'figures', usedBytes: f.usedBytes, allowanceBytes: f.allowanceBytes, percent: f.percent, unit };
}

/** Who an alert is about: the instance, or its pool when the figures are the pool's. */
export function subject(event: AlertFigures & { readonly instance: Instance }): Subject {
  return event.pool === undefined
    ? { kind: 'instance', ...named(event.instance) }
    : { kind: 'pool', ...poolNames(event.pool) };
}

/** The instance, judged alone or with its pool. */
export function member(event: AlertFigures & { readonly instance: Instance }): Member {
  return event.pool === undefined
    ? { kind: 'instance', ...named(event.instance) }
    : { kind: 'member-of-pool', ...named(event.instance), pool: poolNames(event.pool) };
}

/** What traffic out past the allowance costs in `region`, where the price is published. */
export function price(region: string): Price {
  const usdPerGb = OVERAGE_USD_PER_GB[region];
  return usdPerGb === undefined ? { kind: 'price-unknown' } : { kind: 'price', usdPerGb, region };
}

/** Billed only once past the allowance: exactly 100% says it is used up, with what more costs. */
export function allowanceNote(
  event: AlertFigures & { readonly instance: Instance },
): AllowanceNote | undefined {
  const standing = allowanceStanding(event);
  if (standing === undefined) return undefined;
  const cost = price(event.instance.region);
  return standing === 'past'
    ? { kind: 'past-allowance', price: cost }
    : { kind: 'all-allowance', price: cost };
}

/** The month's last check interval: the allowance resets before any check that could act. */
export function resetFirst(context: AlertTextContext): ResetFirst | undefined {
  const at = context.resetBeforeNextCheck;
  return at === undefined ? undefined : { kind: 'reset-first', at, timeZone: zone(context) };
}

const zone = (context: AlertTextContext): string => context.timeZone ?? DEFAULT_TIME_ZONE;

/**
 * What happens at the threshold: to the instance, or to every running member of its pool; in the
 * month's last check interval, that the allowance resets first.
 */
export function thresholdClause(
  event: AlertFigures,
  percent: number,
  context: AlertTextContext,
): ThresholdClause {
  const reset = resetFirst(context);
  if (reset !== undefined) return { kind: 'reset-sentence', reset };
  return event.pool === undefined ? { kind: 'stops-at', percent } : { kind: 'pool-stops-at', percent };
}

/** The first line of a stop alert: who, the figures, the threshold and why it came ahead of it. */
export function stopHead(event: AlertOfKind<'stop'>, context: AlertTextContext): StopHead {
  return {
    kind: 'stop-head',
    member: member(event),
    figures: figures(event, context),
    quotaPercent: context.quotaPercent,
    ahead: event.ahead === undefined ? undefined : ahead(event.ahead, context.quotaPercent),
  };
}

const LAG_SOURCES: Readonly<Record<StopAhead['lagSource'], LagSource>> = {
  measured: { kind: 'lag-measured' },
  'newest-sample': { kind: 'lag-newest-sample' },
  assumed: { kind: 'lag-assumed' },
};

function ahead(stop: StopAhead, quotaPercent: number): Ahead {
  const { ratePerSecond, withinMinutes } = stop;
  const toNextCheck = withinMinutes - stop.lagMinutes;
  const horizon = {
    kind: 'horizon',
    toNextCheck,
    lagMinutes: stop.lagMinutes,
    source: LAG_SOURCES[stop.lagSource],
  } as const;
  if (stop.burst === true) return { kind: 'ahead-burst', ratePerSecond, withinMinutes, horizon };
  if (stop.worstCaseRatePerSecond !== undefined) {
    return {
      kind: 'ahead-worst-case',
      worstCaseRatePerSecond: stop.worstCaseRatePerSecond,
      ratePerSecond,
      withinMinutes,
      toNextCheck,
      quotaPercent,
      horizon,
    };
  }
  return { kind: 'ahead-pace', ratePerSecond, withinMinutes, quotaPercent, horizon };
}

/** Only times within the month: a time at or past its end is the reset, not a crossing. */
export function forecastWhen(event: AlertOfKind<'forecast'>, context: AlertTextContext): ForecastWhen {
  const { forecast } = event;
  const end = {
    kind: 'month-end',
    percent: Math.floor(forecast.monthEndPercent),
    lastDay: new Date(monthEndOf(context.monthKey).getTime() - 1),
  } as const;
  const timeZone = zone(context);
  if (forecast.thresholdAt !== null) {
    return {
      kind: 'reaches-threshold',
      percent: forecast.thresholdPercent,
      at: forecast.thresholdAt,
      timeZone,
      end,
    };
  }
  if (forecast.fullAt !== null) return { kind: 'reaches-full', at: forecast.fullAt, timeZone, end };
  return { kind: 'reaches-month-end', end };
}
