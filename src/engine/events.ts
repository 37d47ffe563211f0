import { badTagAlertKey, dueAlertKey, poolAlertKey } from '../core/alert-keys.js';
import type { AlertEvent } from '../core/alerts.js';
import { type BillingMonth, utcDayKey } from '../core/billing-month.js';
import { usedBytes } from '../core/usage.js';
import type { InstanceOutcome, PoolOutcome } from './types.js';

/**
 * An instance's alert, and its key in the per-channel delivery state (`src/core/alert-keys.ts`). An
 * alert without a key (a failed start, sent at every check until the start succeeds) keeps no
 * delivery state.
 */
export interface KeyedEvent {
  readonly event: AlertEvent;
  readonly key: string | undefined;
}

/** The alert events an instance's outcome calls for, with the figures each one quotes. */
export function eventsOf(outcome: InstanceOutcome, month: BillingMonth, now: Date): KeyedEvent[] {
  const { instance, assessment, stop, start, policy } = outcome;
  const others: KeyedEvent[] = [];
  if (outcome.badTagAlertDay !== undefined && policy !== undefined) {
    others.push({
      key: badTagAlertKey(outcome.badTagAlertDay),
      event: { kind: 'bad-tag', instance, problems: policy.tagProblems },
    });
  }
  if (start?.error !== undefined) {
    others.push({ key: undefined, event: { kind: 'start-failed', instance, error: start.error } });
  }
  if (assessment === undefined) return others;
  const usage = assessment.usage;
  // A member stopped with its pool quotes the pool's figures, and names the pool.
  const figures =
    outcome.pool !== undefined
      ? {
          usedBytes: outcome.pool.usedBytes,
          allowanceBytes: outcome.pool.allowanceBytes,
          percent: outcome.pool.percent,
          pool: outcome.pool,
        }
      : {
          usedBytes: usedBytes(usage),
          allowanceBytes: assessment.allowance.bytes,
          percent: assessment.percent,
        };
  const scope = { monthKey: month.key, dayKey: utcDayKey(now), stopAt: stop?.at ?? now.toISOString() };
  const due = assessment.due.map((due): KeyedEvent => {
    const key = dueAlertKey(due, scope);
    if (due.kind === 'warn') return { key, event: { kind: 'warn', instance, level: due.level, ...figures } };
    if (due.kind === 'kept-running') return { key, event: { kind: 'kept-running', instance, ...figures } };
    if (due.kind === 'not-stopped') {
      const because = policy?.actionFrom ?? 'setting';
      return { key, event: { kind: 'not-stopped', instance, because, ...figures } };
    }
    if (due.kind === 'unknown') return { key, event: { kind: 'unknown', instance, reason: due.reason } };
    if (due.kind === 'forecast') {
      return { key, event: { kind: 'forecast', instance, forecast: due.forecast, ...figures } };
    }
    if (due.undeliveredSince !== undefined) {
      return {
        key,
        event: { kind: 'stop', instance, outcome: 'earlier', stoppedAt: due.undeliveredSince, ...figures },
      };
    }
    const result =
      outcome.action === 'stopped' ? 'stopped' : outcome.action === 'would-stop' ? 'dry-run' : 'failed';
    return {
      key,
      event: {
        kind: 'stop',
        instance,
        outcome: result,
        ...figures,
        ...(stop?.error !== undefined ? { error: stop.error } : {}),
        ...(stop?.alreadyStopping ? { alreadyStopping: true } : {}),
        ...(stop?.recordError !== undefined ? { recordError: stop.recordError } : {}),
        ...(due.ahead !== undefined ? { ahead: due.ahead } : {}),
      },
    };
  });
  return [...due, ...others];
}

/**
 * The alerts a pool judged as one calls for (warnings, the forecast alert, kept running): one each
 * for the whole pool, naming it and its members. Its stops are its members' own alerts.
 */
export function poolEventsOf(pool: PoolOutcome, month: BillingMonth): KeyedEvent[] {
  const [first] = pool.members;
  const usage = pool.totals?.usage;
  if (!pool.judged || first === undefined || usage?.kind !== 'known' || pool.totals === undefined) return [];
  const figures = first.pool ?? {
    region: pool.region,
    bundleId: pool.bundleId,
    instances: pool.members.map((member) => member.instance.name),
    usedBytes: usedBytes(usage),
    allowanceBytes: pool.totals.allowance.bytes,
    percent: 0,
  };
  const quoted = {
    instance: first.instance,
    usedBytes: figures.usedBytes,
    allowanceBytes: figures.allowanceBytes,
    percent: figures.percent,
    pool: figures,
  };
  return pool.due.flatMap((due): KeyedEvent[] => {
    if (due.kind === 'warn') {
      return [{ key: poolAlertKey(due, month.key), event: { kind: 'warn', level: due.level, ...quoted } }];
    }
    if (due.kind === 'forecast') {
      const event = { kind: 'forecast', forecast: due.forecast, ...quoted } as const;
      return [{ key: poolAlertKey(due, month.key), event }];
    }
    if (due.kind === 'kept-running') {
      return [{ key: poolAlertKey(due, month.key), event: { kind: 'kept-running', ...quoted } }];
    }
    return [];
  });
}
