import type { AlertEvent } from '../core/alerts.js';
import type { InstanceOutcome } from './types.js';

/** The alert events an instance's outcome calls for, with the figures each one quotes. */
export function eventsOf(outcome: InstanceOutcome): AlertEvent[] {
  const { instance, assessment, stop, start, policy } = outcome;
  const others: AlertEvent[] = [];
  if (outcome.badTagAlertDay !== undefined && policy !== undefined) {
    others.push({ kind: 'bad-tag', instance, problems: policy.tagProblems });
  }
  if (start?.error !== undefined) others.push({ kind: 'start-failed', instance, error: start.error });
  if (assessment === undefined) return others;
  const usage = assessment.usage;
  const figures = {
    usedBytes: usage.kind === 'known' ? usage.inBytes + usage.outBytes : null,
    allowanceBytes: assessment.allowance.bytes,
    percent: assessment.percent,
  };
  const due = assessment.due.map((due): AlertEvent => {
    if (due.kind === 'warn') return { kind: 'warn', instance, level: due.level, ...figures };
    if (due.kind === 'kept-running') return { kind: 'kept-running', instance, ...figures };
    if (due.kind === 'not-stopped') {
      return { kind: 'not-stopped', instance, because: policy?.actionFrom ?? 'setting', ...figures };
    }
    if (due.kind === 'unknown') return { kind: 'unknown', instance, reason: due.reason };
    if (due.undeliveredSince !== undefined) {
      return { kind: 'stop', instance, outcome: 'earlier', stoppedAt: due.undeliveredSince, ...figures };
    }
    const result =
      outcome.action === 'stopped' ? 'stopped' : outcome.action === 'would-stop' ? 'dry-run' : 'failed';
    return {
      kind: 'stop',
      instance,
      outcome: result,
      ...figures,
      ...(stop?.error !== undefined ? { error: stop.error } : {}),
      ...(stop?.alreadyStopping ? { alreadyStopping: true } : {}),
      ...(stop?.recordError !== undefined ? { recordError: stop.recordError } : {}),
    };
  });
  return [...due, ...others];
}
