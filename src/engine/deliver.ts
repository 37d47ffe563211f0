import { type AlertEvent, alertHeadline, alertRank, alertText } from '../core/alerts.js';
import type { BillingMonth } from '../core/billing-month.js';
import { type Block, type Composed, composeMessages } from '../core/compose.js';
import {
  alertData,
  regionFailureData,
  reportRowData,
  reportSummaryData,
  startsOnThe1stData,
} from '../core/event-data.js';
import { htmlToPlain } from '../core/html.js';
import { type Catalogue, catalogueFor } from '../core/i18n/index.js';
import { TELEGRAM_TEXT_LIMIT } from '../core/pack.js';
import type { Channel, ChannelFormat, OutgoingMessage } from '../core/ports.js';
import {
  REPORT_SEPARATOR,
  type ReportModel,
  type ReportRow,
  reportBlocks,
  reportCounts,
  reportSubject,
  sortRows,
} from '../core/report.js';
import { isLastDayOf } from '../core/restart.js';
import { sentToOf } from '../core/sent-to.js';
import { describeError } from '../errors.js';
import { eventsOf } from './events.js';
import { type StateWrite, saveState, stateAfterDelivery } from './state.js';
import type { GuardSettings, InstanceOutcome, MessageResult, RegionError, RunDependencies } from './types.js';

interface Delivery {
  readonly messages: MessageResult[];
  readonly problems: string[];
}

/** A message composed for one channel, and whether it arrived. */
interface Sent<T> {
  readonly channel: Channel;
  readonly composed: Composed<T>;
  readonly error: string | undefined;
}

/** What a dry run shows: the messages as Telegram would get them, the first channel there was. */
const PREVIEW_FORMAT: ChannelFormat = { body: 'html', limit: TELEGRAM_TEXT_LIMIT, measure: 'chars' };

/** Alerts are separated by a blank line; the report's lines by a newline. */
const ALERT_SEPARATOR = '\n\n';

/** The body as the channel sent it, for `--json` and the terminal. */
const bodyOf = (channel: Channel, message: OutgoingMessage): string =>
  channel.format.body === 'html' ? message.html : message.text;

/** Sends one channel's messages in order; a failure is recorded with its error and the rest are still sent. */
async function sendAll<T>(
  deps: RunDependencies,
  channel: Channel,
  messages: readonly Composed<T>[],
): Promise<Sent<T>[]> {
  const results: Sent<T>[] = [];
  for (const composed of messages) {
    try {
      await channel.send(composed.message);
      results.push({ channel, composed, error: undefined });
    } catch (error) {
      const message = describeError(error);
      deps.log?.({ level: 'error', msg: 'message not delivered', channel: channel.name, error: message });
      results.push({ channel, composed, error: message });
    }
  }
  return results;
}

/** The channels of a run that sends; a run that sends with none is a wiring mistake. */
function channelsOf(deps: RunDependencies): readonly Channel[] {
  if (deps.channels.length === 0) throw new Error('no channel configured for a run that sends messages');
  return deps.channels;
}

/** What `--json` and the terminal show of each message, and a problem for each that did not arrive. */
function results<T>(what: string, sent: readonly Sent<T>[]): Delivery {
  const messages: MessageResult[] = sent.map(({ channel, composed, error }) => ({
    channel: channel.name,
    subject: composed.message.subject,
    text: bodyOf(channel, composed.message),
    status: error === undefined ? 'sent' : 'failed',
    ...(error === undefined ? {} : { error }),
  }));
  const problems = sent.flatMap((one) => {
    if (one.error === undefined) return [];
    const ofChannel = sent.filter((other) => other.channel === one.channel);
    const number = ofChannel.indexOf(one) + 1;
    return [
      `${one.channel.label}: ${what} message ${number} of ${ofChannel.length} not delivered: ${one.error}`,
    ];
  });
  return { messages, problems };
}

/** Messages composed for a dry run: shown, never sent. */
function preview<T>(deps: RunDependencies, compose: (format: ChannelFormat) => Composed<T>[]): Delivery {
  const channel = deps.channels.map((candidate) => candidate.name).join(',');
  const messages: MessageResult[] = compose(PREVIEW_FORMAT).map(({ message }) => ({
    channel,
    subject: message.subject,
    text: message.html,
    status: 'dry-run',
  }));
  return { messages, problems: [] };
}

/** An alert of this check, with the instance it belongs to and its delivery key (if any). */
interface Planned {
  readonly event: AlertEvent;
  readonly owner: InstanceOutcome | undefined;
  readonly key: string | undefined;
}

/** Every alert of a check, most urgent first, each with the instance it belongs to (if any). */
function orderedAlerts(
  outcomes: readonly InstanceOutcome[],
  runEvents: readonly AlertEvent[],
  month: BillingMonth,
  now: Date,
): Planned[] {
  return [
    ...runEvents.map((event) => ({ event, owner: undefined, key: undefined })),
    ...outcomes.flatMap((owner) =>
      eventsOf(owner, month, now).map(({ event, key }) => ({ event, owner, key })),
    ),
  ].sort((a, b) => alertRank(a.event) - alertRank(b.event));
}

/** Whether this channel already took this alert in an earlier run (`sent-to`). */
function alreadySent(planned: Planned, channel: Channel): boolean {
  if (planned.owner === undefined || planned.key === undefined) return false;
  return sentToOf(planned.owner.instance.tags).get(planned.key)?.has(channel.name) ?? false;
}

/**
 * Per instance: which channels now have which of its alerts, and whether every channel has all of
 * them. An alert counts as taken by a channel only if every message holding it there arrived.
 */
function deliveryPerInstance(
  planned: readonly Planned[],
  sent: readonly Sent<Planned>[],
  channels: readonly Channel[],
): Map<InstanceOutcome, { complete: boolean; sentTo: Map<string, Set<string>> }> {
  const took = new Map<Planned, Set<string>>();
  const lost = new Map<Planned, Set<string>>();
  for (const { channel, composed, error } of sent) {
    const into = error === undefined ? took : lost;
    for (const { ref } of composed.blocks) into.set(ref, new Set([...(into.get(ref) ?? []), channel.name]));
  }
  const perInstance = new Map<InstanceOutcome, { complete: boolean; sentTo: Map<string, Set<string>> }>();
  for (const alert of planned) {
    const { owner, key } = alert;
    if (owner === undefined || key === undefined) continue;
    const state = perInstance.get(owner) ?? { complete: true, sentTo: new Map<string, Set<string>>() };
    const have = new Set(sentToOf(owner.instance.tags).get(key) ?? []);
    for (const name of took.get(alert) ?? []) if (!lost.get(alert)?.has(name)) have.add(name);
    state.sentTo.set(key, have);
    if (!channels.every((channel) => have.has(channel.name))) state.complete = false;
    perInstance.set(owner, state);
  }
  return perInstance;
}

/**
 * Sends the alerts of a check to every channel, packed into as few messages as each one allows,
 * then records on each instance what was delivered where (see `stateAfterDelivery`): a channel that
 * failed gets the alert again at the next check, a channel that took it never gets it twice.
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
  const { deps, settings, month, now, dryRun } = input;
  const catalogue = catalogueFor(settings.language);
  const context = {
    unit: settings.allowance.unit,
    quotaPercent: settings.policy.quotaPercent,
    monthKey: month.key,
  };
  const planned = orderedAlerts(input.outcomes, input.events, month, now);
  const blocks: Block<Planned>[] = planned.map((alert) => {
    const html = alertText(alert.event, context, catalogue);
    return { html, data: alertData(alert.event, context, htmlToPlain(html)), ref: alert };
  });
  const compose = (format: ChannelFormat, mine: readonly Block<Planned>[]): Composed<Planned>[] =>
    composeMessages({
      blocks: mine,
      format,
      separator: ALERT_SEPARATOR,
      type: 'alerts',
      language: catalogue.language,
      subject: (held, index, total) => {
        const first = held[0]?.ref.event;
        const headline = first === undefined ? '' : alertHeadline(first, context, catalogue);
        return `${catalogue.alertSubject(headline, held.length - 1)}${total > 1 ? catalogue.part(index + 1, total) : ''}`;
      },
    });
  if (dryRun) return preview(deps, (format) => compose(format, blocks));

  const channels = channelsOf(deps);
  const sent = (
    await Promise.all(
      channels.map((channel) =>
        sendAll(
          deps,
          channel,
          compose(
            channel.format,
            blocks.filter((block) => !alreadySent(block.ref, channel)),
          ),
        ),
      ),
    )
  ).flat();
  const { messages, problems } = results('alert', sent);

  const writes: StateWrite[] = [...deliveryPerInstance(planned, sent, channels)].map(
    ([outcome, delivery]) => ({ outcome, tags: stateAfterDelivery(outcome, delivery) }),
  );
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

/** The report's blocks: the summary, failed regions, then every instance, riskiest first. */
function reportBlocksWithData(
  model: ReportModel,
  context: Parameters<typeof reportBlocks>[1],
  catalogue: Catalogue,
): Block<number>[] {
  const html = reportBlocks(model, context, catalogue);
  const counts = reportCounts(model, context.quotaPercent);
  // The same order as the blocks: summary, failed regions, instances, what the 1st brings.
  const data = [
    (text: string) => reportSummaryData(model, counts, context, text),
    ...model.regionErrors.map(
      (failure) => (text: string) => regionFailureData(failure.region, failure.error, text),
    ),
    ...sortRows(model.rows).map((row) => (text: string) => reportRowData(row, text)),
    ...(model.startsOnThe1st === undefined
      ? []
      : [(text: string) => startsOnThe1stData(model.startsOnThe1st ?? [], text)]),
  ];
  return html.map((text, index) => ({
    html: text,
    data: (data[index] ?? ((plain: string) => ({ kind: 'note', text: plain })))(htmlToPlain(text)),
    ref: index,
  }));
}

/** Sends the daily report to every channel: every monitored instance, riskiest first. */
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
  const catalogue = catalogueFor(settings.language);
  // The month's last report says what the 1st brings, when the guard restarts what it stopped.
  const lastOfMonth = settings.restartOnNewMonth && isLastDayOf(month, now);
  const startsOnThe1st = lastOfMonth ? rows.filter((row) => row.nextMonth === 'start') : undefined;
  const model: ReportModel = {
    generatedAt: now,
    monthKey: month.key,
    rows,
    regionErrors,
    ...(startsOnThe1st !== undefined ? { startsOnThe1st } : {}),
  };
  const context = {
    unit: settings.allowance.unit,
    quotaPercent: settings.policy.quotaPercent,
    warnPercents: settings.policy.warnPercents,
  };
  const blocks = reportBlocksWithData(model, context, catalogue);
  const subject = reportSubject(model, context, catalogue);
  const compose = (format: ChannelFormat): Composed<number>[] =>
    composeMessages({
      blocks,
      format,
      separator: REPORT_SEPARATOR,
      type: 'report',
      language: catalogue.language,
      subject: (_held, index, total) => `${subject}${total > 1 ? catalogue.part(index + 1, total) : ''}`,
    });
  if (dryRun) return preview(deps, compose);
  const sent = (
    await Promise.all(channelsOf(deps).map((channel) => sendAll(deps, channel, compose(channel.format))))
  ).flat();
  return results('report', sent);
}
