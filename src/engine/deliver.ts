import { TAGS } from '../constants.js';
import { type AlertEvent, alertRank, alertText } from '../core/alerts.js';
import type { BillingMonth } from '../core/billing-month.js';
import { packBlocks } from '../core/pack.js';
import { type ReportRow, reportMessages } from '../core/report.js';
import { describeError, mapWithLimit } from './pool.js';
import type { GuardSettings, InstanceOutcome, MessageResult, RunDependencies } from './run.js';

interface Delivery {
  readonly messages: MessageResult[];
  readonly problems: string[];
}

/** The alert events an instance's outcome calls for, with the figures each one quotes. */
function eventsOf(outcome: InstanceOutcome): AlertEvent[] {
  const { instance, assessment } = outcome;
  if (assessment === undefined) return [];
  const usage = assessment.usage;
  const figures = {
    usedBytes: usage.kind === 'known' ? usage.inBytes + usage.outBytes : null,
    allowanceBytes: assessment.allowance.bytes,
    percent: assessment.percent,
  };
  return assessment.due.map((due): AlertEvent => {
    if (due.kind === 'warn') return { kind: 'warn', instance, level: due.level, ...figures };
    if (due.kind === 'kept-running') return { kind: 'kept-running', instance, ...figures };
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
      ...(outcome.stopError !== undefined ? { error: outcome.stopError } : {}),
    };
  });
}

async function send(
  deps: RunDependencies,
  texts: readonly string[],
  dryRun: boolean,
): Promise<MessageResult[]> {
  const results: MessageResult[] = [];
  for (const text of texts) {
    if (dryRun) {
      results.push({ text, status: 'dry-run' });
      continue;
    }
    if (deps.notifier === undefined) throw new Error('no notifier configured for a run that sends messages');
    try {
      await deps.notifier.send(text);
      results.push({ text, status: 'sent' });
    } catch (error) {
      const message = describeError(error);
      deps.log?.({ level: 'error', msg: 'message not delivered', error: message });
      results.push({ text, status: 'failed', error: message });
    }
  }
  return results;
}

/**
 * Sends the alerts of a check, most urgent first, packed into as few messages as fit. Alert state
 * is written to an instance's tags only after the message holding its alerts was delivered, so a
 * failed alert is sent again by the next check; a stop whose alert failed is marked on the
 * instance so that the next check re-sends it even though the instance is no longer running.
 */
export async function deliverAlerts(input: {
  readonly deps: RunDependencies;
  readonly settings: GuardSettings;
  readonly outcomes: readonly InstanceOutcome[];
  readonly events: readonly AlertEvent[];
  readonly month: BillingMonth;
  readonly now: Date;
  readonly dryRun: boolean;
}): Promise<Delivery> {
  const { deps, settings, outcomes, month, now, dryRun } = input;
  const context = {
    unit: settings.allowance.unit,
    quotaPercent: settings.policy.quotaPercent,
    monthKey: month.key,
  };
  const all = [
    ...input.events.map((event) => ({ event, ref: -1 })),
    ...outcomes.flatMap((outcome, index) => eventsOf(outcome).map((event) => ({ event, ref: index }))),
  ].sort((a, b) => alertRank(a.event) - alertRank(b.event));
  const packed = packBlocks(all.map(({ event, ref }) => ({ text: alertText(event, context), ref })));
  const messages = await send(
    deps,
    packed.map((message) => message.text),
    dryRun,
  );
  const problems: string[] = [];
  if (dryRun) return { messages, problems };

  // An instance's alerts may span two messages: its state is saved only if every one arrived.
  const undelivered = new Set<number>();
  const mentioned = new Set<number>();
  packed.forEach((message, index) => {
    const delivered = messages[index]?.status === 'sent';
    if (!delivered) {
      problems.push(
        `Telegram: alert message ${index + 1} of ${packed.length} not delivered: ${messages[index]?.error}`,
      );
    }
    for (const ref of message.refs) {
      mentioned.add(ref);
      if (!delivered) undelivered.add(ref);
    }
  });
  const tagWrites: [number, Readonly<Record<string, string>>][] = [];
  for (const ref of mentioned) {
    const outcome = outcomes[ref];
    if (outcome?.assessment === undefined) continue;
    const tags = !undelivered.has(ref)
      ? outcome.assessment.tagsOnDelivery
      : outcome.action === 'stopped'
        ? { [TAGS.stopUnsent]: now.toISOString() }
        : {};
    if (Object.keys(tags).length > 0) tagWrites.push([ref, tags]);
  }
  // Bounded per region, as the reads were: the rate limit applies per region, not per account.
  const byRegion = new Map<string, typeof tagWrites>();
  for (const write of tagWrites) {
    const region = outcomes[write[0]]?.instance.region ?? '';
    const group = byRegion.get(region);
    if (group) group.push(write);
    else byRegion.set(region, [write]);
  }
  await Promise.all(
    [...byRegion.values()].map((writes) =>
      mapWithLimit(writes, settings.concurrency, async ([ref, tags]) => {
        const instance = outcomes[ref]?.instance;
        if (instance === undefined) return;
        try {
          await deps.fleet.tagInstance(instance, tags);
        } catch (error) {
          problems.push(
            `${instance.name} (${instance.region}): could not save alert state: ${describeError(error)}`,
          );
        }
      }),
    ),
  );
  return { messages, problems };
}

/** Sends the daily report: every monitored instance, riskiest first. */
export async function deliverReport(input: {
  readonly deps: RunDependencies;
  readonly settings: GuardSettings;
  readonly rows: readonly ReportRow[];
  readonly regionErrors: readonly { readonly region: string; readonly error: string }[];
  readonly month: BillingMonth;
  readonly now: Date;
  readonly dryRun: boolean;
}): Promise<Delivery> {
  const { deps, settings, rows, regionErrors, month, now, dryRun } = input;
  const texts = reportMessages(
    { generatedAt: now, monthKey: month.key, rows, regionErrors },
    {
      unit: settings.allowance.unit,
      quotaPercent: settings.policy.quotaPercent,
      warnPercents: settings.policy.warnPercents,
    },
  );
  const messages = await send(deps, texts, dryRun);
  const problems = messages.flatMap((message, index) =>
    message.status === 'failed'
      ? [`Telegram: report message ${index + 1} of ${texts.length} not delivered: ${message.error}`]
      : [],
  );
  return { messages, problems };
}
