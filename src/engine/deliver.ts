import { type AlertEvent, alertRank, alertText } from '../core/alerts.js';
import type { BillingMonth } from '../core/billing-month.js';
import { packBlocks } from '../core/pack.js';
import type { Notifier } from '../core/ports.js';
import { type ReportRow, reportMessages } from '../core/report.js';
import { isLastDayOf } from '../core/restart.js';
import { describeError } from '../errors.js';
import { eventsOf } from './events.js';
import { type StateWrite, saveState, stateAfterDelivery } from './state.js';
import type { GuardSettings, InstanceOutcome, MessageResult, RegionError, RunDependencies } from './types.js';

interface Delivery {
  readonly messages: MessageResult[];
  readonly problems: string[];
}

/** Sends each text in order; a failure is recorded with its error and the rest are still sent. */
async function sendAll(
  deps: RunDependencies,
  texts: readonly string[],
  dryRun: boolean,
): Promise<MessageResult[]> {
  if (dryRun) return texts.map((text) => ({ text, status: 'dry-run' }));
  const notifier: Notifier | undefined = deps.notifier;
  if (notifier === undefined) throw new Error('no notifier configured for a run that sends messages');
  const results: MessageResult[] = [];
  for (const text of texts) {
    try {
      await notifier.send(text);
      results.push({ text, status: 'sent' });
    } catch (error) {
      const message = describeError(error);
      deps.log?.({ level: 'error', msg: 'message not delivered', error: message });
      results.push({ text, status: 'failed', error: message });
    }
  }
  return results;
}

/** Problems for the messages that did not arrive, numbered as the user would count them. */
function undeliveredProblems(what: string, messages: readonly MessageResult[]): string[] {
  return messages.flatMap((message, index) =>
    message.status === 'failed'
      ? [`Telegram: ${what} message ${index + 1} of ${messages.length} not delivered: ${message.error}`]
      : [],
  );
}

/** Every alert of a check, most urgent first, each with the instance it belongs to (if any). */
function orderedAlerts(
  outcomes: readonly InstanceOutcome[],
  runEvents: readonly AlertEvent[],
): { event: AlertEvent; owner: InstanceOutcome | undefined }[] {
  return [
    ...runEvents.map((event) => ({ event, owner: undefined })),
    ...outcomes.flatMap((owner) => eventsOf(owner).map((event) => ({ event, owner }))),
  ].sort((a, b) => alertRank(a.event) - alertRank(b.event));
}

/**
 * Sends the alerts of a check packed into as few messages as fit, then records on each instance
 * what was delivered (see `stateAfterDelivery`), so a failed alert is sent again by the next check.
 */
export async function deliverAlerts(input: {
  readonly deps: RunDependencies;
  readonly settings: GuardSettings;
  readonly outcomes: readonly InstanceOutcome[];
  readonly events: readonly AlertEvent[];
  readonly month: BillingMonth;
  readonly dryRun: boolean;
}): Promise<Delivery> {
  const { deps, settings, month, dryRun } = input;
  const context = {
    unit: settings.allowance.unit,
    quotaPercent: settings.policy.quotaPercent,
    monthKey: month.key,
  };
  const alerts = orderedAlerts(input.outcomes, input.events);
  const packed = packBlocks(
    alerts.map(({ event, owner }) => ({ text: alertText(event, context), ref: owner })),
  );
  const messages = await sendAll(
    deps,
    packed.map((message) => message.text),
    dryRun,
  );
  const problems = undeliveredProblems('alert', messages);
  if (dryRun) return { messages, problems };

  // An instance's alerts may span two messages: it counts as delivered only if every one arrived.
  const delivered = new Map<InstanceOutcome, boolean>();
  packed.forEach((message, index) => {
    for (const owner of message.refs) {
      if (owner === undefined) continue;
      delivered.set(owner, (delivered.get(owner) ?? true) && messages[index]?.status === 'sent');
    }
  });
  const writes: StateWrite[] = [...delivered].map(([outcome, arrived]) => ({
    outcome,
    tags: stateAfterDelivery(outcome, arrived),
  }));
  problems.push(
    ...(await saveState({
      fleet: deps.fleet,
      writes,
      concurrency: settings.concurrency,
      deadline: deps.deadline,
    })),
  );
  return { messages, problems };
}

/** Sends the daily report: every monitored instance, riskiest first. */
export async function deliverReport(input: {
  readonly deps: RunDependencies;
  readonly settings: GuardSettings;
  readonly rows: readonly ReportRow[];
  readonly regionErrors: readonly RegionError[];
  readonly month: BillingMonth;
  readonly now: Date;
  readonly dryRun: boolean;
}): Promise<Delivery> {
  const { deps, settings, rows, regionErrors, month, now, dryRun } = input;
  // The month's last report says what the 1st brings, when the guard restarts what it stopped.
  const lastOfMonth = settings.restartOnNewMonth && isLastDayOf(month, now);
  const startsOnThe1st = lastOfMonth ? rows.filter((row) => row.nextMonth === 'start') : undefined;
  const texts = reportMessages(
    {
      generatedAt: now,
      monthKey: month.key,
      rows,
      regionErrors,
      ...(startsOnThe1st !== undefined ? { startsOnThe1st } : {}),
    },
    {
      unit: settings.allowance.unit,
      quotaPercent: settings.policy.quotaPercent,
      warnPercents: settings.policy.warnPercents,
    },
  );
  const messages = await sendAll(deps, texts, dryRun);
  return { messages, problems: undeliveredProblems('report', messages) };
}
