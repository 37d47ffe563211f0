import { sentToOf } from '../core/alert-keys.js';
import {
  type AlertEvent,
  type AlertTextContext,
  alertHeadline,
  alertRank,
  alertText,
} from '../core/alerts.js';
import { type BillingMonth, resetBeforeNextCheck } from '../core/billing-month.js';
import { type Block, type Composed, composeMessages } from '../core/compose.js';
import { alertData } from '../core/event-data.js';
import { htmlToPlain } from '../core/html.js';
import { type Catalogue, catalogueFor } from '../core/i18n/index.js';
import type { Channel, ChannelFormat } from '../core/ports.js';
import { smsOfAlerts } from '../core/sms.js';
import { instanceKey } from '../core/types.js';
import { eventsOf, poolEventsOf } from './events.js';
import {
  catalogueOf,
  channelsOf,
  type Delivery,
  inLanguages,
  preview,
  results,
  type Sent,
  sendAll,
} from './send.js';
import { type StateWrite, stateAfterDelivery } from './state.js';
import type { GuardSettings, InstanceOutcome, PoolOutcome, RunDependencies } from './types.js';

/** Alerts are separated by a blank line. */
const ALERT_SEPARATOR = '\n\n';

/**
 * An alert of this check, with the instances it belongs to and its delivery key (if any): one
 * instance, none (a region's failure), or every member of a pool for the pool's own alerts.
 */
interface Planned {
  readonly event: AlertEvent;
  readonly owners: readonly InstanceOutcome[];
  readonly key: string | undefined;
}

/**
 * Every alert of a check, most urgent first, each with the instances it belongs to: one, none (a
 * region's failure), or every member of a pool for the pool's own alerts.
 */
function orderedAlerts(
  outcomes: readonly InstanceOutcome[],
  pools: readonly PoolOutcome[],
  runEvents: readonly AlertEvent[],
  month: BillingMonth,
  now: Date,
): Planned[] {
  // Owners are the outcomes as acted on: a pool's members are matched to them by instance.
  const byInstance = new Map(outcomes.map((outcome) => [instanceKey(outcome.instance), outcome]));
  return [
    ...runEvents.map((event) => ({ event, owners: [], key: undefined })),
    ...outcomes.flatMap((owner) =>
      eventsOf(owner, month, now).map(({ event, key }) => ({ event, owners: [owner], key })),
    ),
    ...pools.flatMap((pool) => {
      const owners = pool.members.map((member) => byInstance.get(instanceKey(member.instance)) ?? member);
      return poolEventsOf(pool, month).map(({ event, key }) => ({ event, owners, key }));
    }),
  ].sort((a, b) => alertRank(a.event) - alertRank(b.event));
}

/** Whether this channel already took this alert in an earlier run (`sent-to`): every owner says so. */
function alreadySent(planned: Planned, channel: Channel): boolean {
  const { owners, key } = planned;
  if (owners.length === 0 || key === undefined) return false;
  return owners.every((owner) => sentToOf(owner.instance.tags).get(key)?.has(channel.name) ?? false);
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
    const { key } = alert;
    if (key === undefined) continue;
    for (const owner of alert.owners) {
      const state = perInstance.get(owner) ?? { complete: true, sentTo: new Map<string, Set<string>>() };
      const have = new Set(sentToOf(owner.instance.tags).get(key) ?? []);
      for (const name of took.get(alert) ?? []) if (!lost.get(alert)?.has(name)) have.add(name);
      state.sentTo.set(key, have);
      if (!channels.every((channel) => have.has(channel.name))) state.complete = false;
      perInstance.set(owner, state);
    }
  }
  return perInstance;
}

/**
 * Sends the alerts of a check to every channel, packed into as few messages as each one allows,
 * and says what to record on each instance about what was delivered where (`writes`, see
 * `stateAfterDelivery`, saved by `saveState`): a channel that failed gets the alert again at the
 * next check, a channel that took it never gets it twice. A dry run records nothing.
 */
export async function deliverAlerts(input: {
  readonly deps: RunDependencies;
  readonly settings: GuardSettings;
  readonly outcomes: readonly InstanceOutcome[];
  readonly pools?: readonly PoolOutcome[];
  readonly events: readonly AlertEvent[];
  readonly month: BillingMonth;
  readonly now: Date;
  readonly dryRun: boolean;
}): Promise<Delivery & { readonly writes: readonly StateWrite[] }> {
  const { deps, settings, month, now, dryRun } = input;
  const reset = resetBeforeNextCheck(now, settings.foresight.checkIntervalMinutes);
  const context: AlertTextContext = {
    unit: settings.allowance.unit,
    quotaPercent: settings.policy.quotaPercent,
    monthKey: month.key,
    timeZone: settings.timeZone,
    ...(reset !== undefined ? { resetBeforeNextCheck: reset } : {}),
  };
  const planned = orderedAlerts(input.outcomes, input.pools ?? [], input.events, month, now);
  const blocksIn = inLanguages((catalogue): Block<Planned>[] =>
    planned.map((alert) => {
      const html = alertText(alert.event, context, catalogue);
      return { html, data: alertData(alert.event, context, htmlToPlain(html)), ref: alert };
    }),
  );
  const compose = (
    format: ChannelFormat,
    catalogue: Catalogue,
    mine: readonly Block<Planned>[],
  ): Composed<Planned>[] =>
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
      sms: (held) =>
        smsOfAlerts(
          held.map((block) => block.ref.event),
          context,
          catalogue,
        ),
    });
  if (dryRun) {
    const catalogue = catalogueFor(settings.language);
    return { ...preview(deps, (format) => compose(format, catalogue, blocksIn(catalogue))), writes: [] };
  }

  const channels = channelsOf(deps);
  const sent = (
    await Promise.all(
      channels.map((channel) => {
        const catalogue = catalogueOf(settings, channel);
        const mine = blocksIn(catalogue).filter((block) => !alreadySent(block.ref, channel));
        return sendAll(deps, channel, compose(channel.format, catalogue, mine));
      }),
    )
  ).flat();
  const { messages, problems } = results('alert', sent);

  const writes: StateWrite[] = [...deliveryPerInstance(planned, sent, channels)].map(
    ([outcome, delivery]) => ({ outcome, tags: stateAfterDelivery(outcome, delivery) }),
  );
  return { messages, problems, writes };
}
