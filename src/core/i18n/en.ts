import { TAGS } from '../../constants.js';
import { displayTime, resetTime, stampDate, stampTime, utcDay } from '../display-time.js';
import { escapeHtml } from '../html.js';
import { accountFailureText, failureText, rowErrorText, unknownReasonText } from '../reasons.js';
import type { InstanceAction, NextMonth, StopAction } from '../report-model.js';
import { formatRate } from '../stop-ahead.js';
import { formatAmount, formatPercent } from '../units.js';
import type { AlertMessage } from '../variants/alert.js';
import type { Named, PoolNames } from '../variants/phrases.js';
import { type Catalogue, catalogueOf } from './catalogue.js';
import { amount, command, joinParts, pluralEn, quote } from './markup.js';
import { smsEn } from './sms-en.js';
import type { Say, Templates, Variant } from './templates.js';

type Started = Extract<AlertMessage, { readonly kind: 'alert-started' | 'alert-would-start' }>;

/** English, the default: the texts the guard has always sent. */

const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;

/** "<code>web-1</code> in us-east-1", and ", account prod" when several accounts are checked. */
const who = (instance: Named, say: Say<Variant>): string =>
  `${code(instance.name)} in ${escapeHtml(instance.region)}${say(instance.account)}`;

/** "pool <code>small_3_0</code> in ap-northeast-1 (<code>busy</code>, <code>idle</code>)". */
const poolName = (pool: PoolNames, say: Say<Variant>): string =>
  `pool ${code(pool.bundleId)} in ${escapeHtml(pool.region)}${say(pool.account)} (${pool.members.map(code).join(', ')})`;

const started = (v: Started, say: Say<Variant>): string =>
  `${v.instances.map((i) => `${who(i, say)} (stopped by the guard in ${escapeHtml(i.stoppedIn)}${i.staticIp === undefined ? '' : `; static IP ${escapeHtml(i.staticIp)} kept`})`).join(', ')}. ${pluralEn(v.instances.length, 'Its allowance', 'Their allowances')} reset on the 1st.${say(v.newAddress)} To keep one stopped next time: ${command('hold', '<name>')}.`;

const ACTIONS: Readonly<Record<InstanceAction, string>> = {
  none: '',
  stopped: 'stopped',
  'stop-failed': 'STOP FAILED',
  'would-stop': 'would stop (dry run)',
  'kept-running': 'over threshold, kept running',
  warned: 'warned',
  'not-read': 'not read (not running)',
  'over-threshold': 'over threshold: the next check stops it',
  'not-stopped': 'over threshold, not stopped (notify only)',
  ignored: 'ignored (lightsail-guard:action = ignore)',
  started: 'started for the new month',
  'would-start': 'would start for the new month (dry run)',
  'start-failed': 'START FAILED',
};

/** A stop made (or due) ahead of the threshold. */
const ACTIONS_AHEAD: Readonly<Record<StopAction, string>> = {
  stopped: 'stopped ahead: it would pass the threshold before the next check',
  'stop-failed': 'STOP FAILED (ahead of the threshold)',
  'would-stop': 'would stop ahead of the threshold (dry run)',
  'over-threshold': 'would pass the threshold before the next check: the next check stops it',
};

/** The same, when the reason was the burst reserve (BURST_MBPS) rather than the pace seen. */
const ACTIONS_BURST: Readonly<Record<StopAction, string>> = {
  stopped: 'stopped ahead: a burst at BURST_MBPS could pass 100% before a check saw it',
  'stop-failed': 'STOP FAILED (ahead: burst reserve)',
  'would-stop': 'would stop ahead: burst reserve (dry run)',
  'over-threshold': 'inside the burst reserve: the next check stops it',
};

/** `over-threshold` when the allowance resets before the next check: what it is, without the stop. */
const OVER_AT_RESET: Readonly<Record<'threshold' | 'ahead' | 'burst', string>> = {
  threshold: 'over threshold',
  ahead: 'would pass the threshold at its pace',
  burst: 'inside the burst reserve',
};

/** What the 1st brings an instance the guard stopped (RESTART_ON_NEW_MONTH). */
const NEXT_MONTH: Readonly<Record<NextMonth, string>> = {
  start: 'stopped by the guard: started on the 1st',
  'next-check': 'stopped by the guard last month: the next check starts it',
  hold: 'stopped by the guard, held: stays stopped on the 1st',
};

export const enTemplates: Templates = {
  // Alerts.
  'alert-stopped': (v, say) =>
    `🛑 <b>Stopped</b> ${say(v.head)}\n${say(v.how)} ${say(v.keep)}${say(v.unrecorded)}`,
  'alert-would-stop': (v, say) => `🛑 <b>Would stop</b> ${say(v.head)}\nDry run: nothing was stopped.`,
  'alert-stopped-earlier': (v, say) =>
    `🛑 <b>Stopped</b> ${say(v.head)}\nStopped at ${say(v.at)}; this alert was not delivered then. ${say(v.now)}`,
  'alert-stop-failed': (v, say) =>
    `🚨 <b>STOP FAILED</b> ${say(v.head)}\nThe instance is still running: ${say(v.error)}. ${say(v.retry)}${say(v.unrecorded)}`,
  'alert-warn': (v, say) =>
    `⚠️ <b>${v.level}% warning</b> ${say(v.subject)}: ${say(v.figures)}. ${say(v.threshold)}${say(v.allowance)}`,
  'alert-forecast': (v, say) =>
    `📈 <b>On pace to pass the allowance</b> ${say(v.subject)}: ${say(v.figures)}; at its pace of the last day ${say(v.when)}. ${say(v.threshold)}`,
  'alert-kept-running': (v, say) =>
    `⚠️ <b>Over threshold, kept running</b> ${say(v.subject)}: ${say(v.figures)}, threshold ${v.quotaPercent}%. Tagged <code>${TAGS.keepRunning}</code> = <code>${v.monthKey}</code>, so it was not stopped; traffic past the allowance is ${say(v.price)}. ${say(v.next)}`,
  'alert-not-stopped': (v, say) =>
    `🔔 <b>Over threshold, not stopped</b> ${say(v.member)}: ${say(v.figures)}, threshold ${v.quotaPercent}%. Not stopped because ${say(v.why)} (alerts only).${say(v.allowance)} ${say(v.next)}`,
  'alert-started': (v, say) => `▶️ <b>Started</b> for the new month: ${started(v, say)}`,
  'alert-would-start': (v, say) => `<b>Would start</b> for the new month: ${started(v, say)}`,
  'alert-start-failed': (v, say) =>
    `🚨 <b>START FAILED</b> ${who(v, say)}: ${quote(failureText(v.error))}. It stays stopped; the next check tries again.`,
  'alert-bad-tag': (v, say) =>
    `⚙️ <b>Setting tag not valid</b> ${who(v, say)}: ${v.problems.map(say).join(' ')}`,
  'alert-unknown': (v, say) =>
    `❓ <b>Usage unknown</b> ${who(v, say)}: ${quote(unknownReasonText(v.reason))}. It is not guarded until its usage can be read.`,
  'alert-region-failed': (v, say) =>
    `❗ <b>Region not checked</b> ${escapeHtml(v.region)}${say(v.account)}: ${quote(failureText(v.error))}. Its instances are not guarded until it can be read.`,
  'alert-account-failed': (v, say) =>
    `❗ <b>Account not checked</b> ${say(v.account)}: ${quote(accountFailureText(v.error))}. Its instances are not guarded until it can be read.`,
  'alert-regions-failed': (v) =>
    `❗ <b>Nothing checked</b>: the list of regions could not be read: ${quote(failureText(v.error))}.`,
  'alert-missing': (v) =>
    `❗ <b>Not found</b>: ${v.names.map(code).join(', ')} from INSTANCES_TO_MONITOR ${pluralEn(v.names.length, 'is', 'are')} in none of the checked regions.`,

  // The phrases alerts are made of.
  'new-address': () =>
    ' Without a static IP, a start gives an instance a new public IPv4 address: update the DNS records and clients that use it.',
  'in-account': (v) => `, account ${escapeHtml(v.label)}`,
  'region-account': (v) => ` (account ${escapeHtml(v.label)})`,
  'account-named': (v) => `${escapeHtml(v.name)} (${escapeHtml(v.id)})`,
  'account-id': (v) => escapeHtml(v.id),
  figures: (v) =>
    `${formatAmount(v.usedBytes, v.unit)} of ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} used (${formatPercent(v.percent)})`,
  'figures-unknown': (v) => `unknown of ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} used (unknown)`,
  instance: (v, say) => who(v, say),
  pool: (v, say) => poolName(v, say),
  'member-of-pool': (v, say) => `${who(v, say)}, with its ${poolName(v.pool, say)}`,
  price: (v) => `billed at ${v.usdPerGb} USD/GB out in ${escapeHtml(v.region)}`,
  'price-unknown': () => 'billed per GB out',
  'past-allowance': (v, say) => ` It is past its allowance: traffic out is ${say(v.price)}.`,
  'all-allowance': (v, say) => ` It has used all of its allowance: any more traffic out is ${say(v.price)}.`,
  'reset-first': (v) => `The allowance resets at ${resetTime(v.at, v.timeZone)}, before the next check`,
  'reset-sentence': (v, say) => `${say(v.reset)}.`,
  'stops-at': (v) => `It will be stopped at ${v.percent}%.`,
  'pool-stops-at': (v) => `Every running member will be stopped at ${v.percent}% of the pooled allowance.`,
  'lag-measured': () => 'measured',
  'lag-newest-sample': () => 'measured from the start of the newest sample, as the pace rose within it',
  'lag-assumed': () => 'assumed (METRIC_DELAY_MINUTES)',
  horizon: (v, say) => `${v.toNextCheck} to the next check, ${v.lagMinutes} of metric lag, ${say(v.source)}`,
  'ahead-burst': (v, say) =>
    ` A burst at ${formatRate(v.ratePerSecond)} (BURST_MBPS) could pass 100% of the allowance within ${v.withinMinutes} minutes (${say(v.horizon)}), before a check could see it.`,
  'ahead-worst-case': (v, say) =>
    ` At the worst case of ${formatRate(v.worstCaseRatePerSecond)} (this hour's traffic beyond the last hour's pace, all in the last ${v.toNextCheck} minutes; measured: ${formatRate(v.ratePerSecond)}) it would pass ${v.quotaPercent}% within ${v.withinMinutes} minutes (${say(v.horizon)}), before the next check could see it.`,
  'ahead-pace': (v, say) =>
    ` At ${formatRate(v.ratePerSecond)} it would pass ${v.quotaPercent}% within ${v.withinMinutes} minutes (${say(v.horizon)}), before the next check could see it.`,
  'stop-head': (v, say) =>
    `${say(v.member)}: ${say(v.figures)}, threshold ${v.quotaPercent}%.${say(v.ahead)}`,
  'keep-tag': (v) =>
    `To keep it running this month: ${command('keep-running', `${v.name} --start`)} (it tags <code>${TAGS.keepRunning}</code> = <code>${v.monthKey}</code>).`,
  unrecorded: (v) =>
    `\nThe stop could not be recorded first (${quote(v.error)}): had this alert been lost, no later check would have re-sent it.`,
  error: (v) => quote(failureText(v.failure)),
  'error-unknown': () => 'unknown error',
  'retry-next-check': () => 'The next check tries again.',
  'retry-after-reset': (v, say) =>
    `${say(v.reset)}, which will not stop it: to stop it this month, stop it by hand.`,
  'stopped-at-time': (v) => quote(stampTime(v.at, v.timeZone)),
  'stopped-at-unknown-time': () => 'earlier',
  'stop-call-succeeded': () => 'Stop call succeeded.',
  'already-stopping': () => 'It was already stopping (stopped by its owner or another run).',
  'running-again': () => 'It is running now: it was started again since, or that stop did not complete.',
  'month-end': (v) => `${v.percent}% by ${utcDay(v.lastDay)}`,
  'reaches-threshold': (v, say) =>
    `it reaches ${v.percent}% around ${displayTime(v.at, v.timeZone)} and ${say(v.end)}`,
  'reaches-full': (v, say) => `it reaches 100% around ${displayTime(v.at, v.timeZone)} and ${say(v.end)}`,
  'reaches-month-end': (v, say) => `it reaches ${say(v.end)}`,
  'clear-keep': (v) => `To let the guard stop it again: ${command('keep-running', `${v.name} --clear`)}.`,
  'notify-setting': () => 'ACTION=notify is set',
  'notify-tag': () => `it is tagged <code>${TAGS.action}</code> = <code>notify</code>`,
  'stop-by-setting': (v) => `set ACTION=stop, or ${command('set-action', `${v.name} stop`)} for this one`,
  'stop-by-tag': (v) => command('set-action', `${v.name} stop`),
  'to-stop': (v, say) => `To have it stopped: ${say(v.change)}.`,
  'to-stop-after-reset': (v, say) => `${say(v.reset)}; to have it stopped from then on: ${say(v.change)}.`,
  'tag-fix': (v) =>
    `${quote(v.message)}. Set it again, or remove it: ${command(v.command, `${v.name} --clear`)}.`,
  'tag-problem': (v) => `${quote(v.message)}.`,

  // Subject lines.
  'headline-stop-failed': (v, say) => `STOP FAILED for ${v.name}${say(v.pool)}`,
  'headline-would-stop': (v, say) => `${v.name} would be stopped${say(v.pool)}`,
  'headline-stopped': (v, say) => `${v.name} ${say(v.verb)} (${formatPercent(v.percent)})`,
  'headline-pool-stopped': (v, say) =>
    `${v.name} ${say(v.verb)} (${formatPercent(v.percent)} of pool ${v.bundleId}: ${say(v.members)})`,
  'headline-warn': (v, say) => `${say(v.who)} at ${formatPercent(v.percent)} (${v.level}% warning)`,
  'headline-kept-running': (v, say) => `${say(v.who)} over threshold, kept running`,
  'headline-forecast': (v, say) => `${say(v.who)} on pace for ${v.monthEndPercent}% this month`,
  'headline-not-stopped': (v, say) => `${v.name} over threshold, not stopped${say(v.pool)}`,
  'headline-started': (v) => `started for the new month: ${v.names.join(', ')}`,
  'headline-would-start': (v) => `would start for the new month: ${v.names.join(', ')}`,
  'headline-start-failed': (v) => `START FAILED for ${v.name}`,
  'headline-bad-tag': (v) => `setting tag of ${v.name} not valid`,
  'headline-unknown': (v) => `usage of ${v.name} unknown`,
  'headline-region-failed': (v) => `region ${v.region} not checked`,
  'headline-account-failed': (v) => `account ${v.account} not checked`,
  'headline-regions-failed': () => 'nothing checked',
  'headline-missing': (v) => `${v.count} ${pluralEn(v.count, 'instance', 'instances')} not found`,
  'headline-instance': (v) => v.name,
  'headline-pool': (v, say) => `pool ${v.bundleId} (${say(v.members)})`,
  'in-pool': (v, say) => ` (pool ${v.bundleId}: ${say(v.members)})`,
  members: (v) => v.named.join(', '),
  'members-and-more': (v) => `${v.named.join(', ')} and ${v.more} more`,
  'verb-stopped': () => 'stopped',
  'verb-stopped-ahead': () => 'stopped ahead',
  'alert-subject': (v, say) => `lightsail-guard: ${v.first}${say(v.more)}`,
  'and-more': (v) => ` and ${v.more} more`,
  part: (v) => ` (${v.index}/${v.total})`,

  // The test message.
  'test-alert': (v, say) =>
    [
      '✅ <b>lightsail-guard test alert</b>',
      `If you can read this, the guard's alerts and daily reports will arrive ${say(v.place)}.`,
      `Sent by <code>lightsail-guard test-alert</code> at ${stampTime(v.sentAt, v.timeZone)}. Nothing was stopped.`,
    ].join('\n'),
  'in-chat': () => 'in this chat',
  here: () => 'here',
  'test-alert-subject': () => 'lightsail-guard: test alert',

  // The daily report.
  'report-subject': (v) =>
    `lightsail-guard: data transfer report ${stampDate(v.date, v.timeZone)} (${v.over} at or over ${v.quotaPercent}%, ${v.unknown} unknown)`,
  'report-summary': (v, say) =>
    [
      `📊 <b>Lightsail data transfer, ${escapeHtml(v.monthKey)} so far</b> (${stampTime(v.at, v.timeZone)})`,
      `${v.instances} ${pluralEn(v.instances, 'instance', 'instances')} in ${v.regions} ${pluralEn(v.regions, 'region', 'regions')} · ${v.over} at or over ${v.quotaPercent}% · ${v.unknown} unknown${say(v.ignored)}`,
    ].join('\n'),
  'ignored-count': (v) => ` · ${v.count} ignored`,
  'region-failure': (v, say) =>
    `❗ ${escapeHtml(v.region)}${say(v.account)} could not be read: ${escapeHtml(failureText(v.error))}`,
  'report-line': (v, say) =>
    `${code(v.name)} ${escapeHtml(v.region)}${say(v.account)} · ${escapeHtml(v.state)} · ${amount(v.usedBytes, v.unit)} / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · ${formatPercent(v.percent)}${say(v.note)}`,
  'line-note': (v) => ` · ${escapeHtml(v.text)}`,
  'row-note': (v, say) => joinParts(v.parts.map(say), '; '),
  'note-action': (v) => ACTIONS[v.action],
  'note-ahead': (v) => ACTIONS_AHEAD[v.action],
  'note-burst': (v) => ACTIONS_BURST[v.action],
  'note-at-reset': (v) => OVER_AT_RESET[v.reason],
  'note-reset-first': (v) => `the allowance resets at ${resetTime(v.at, v.timeZone)}, before the next check`,
  'note-unknown-usage': (v) => `usage unknown: ${unknownReasonText(v.reason)}`,
  'note-error': (v) => rowErrorText(v.error),
  'note-next-month': (v) => NEXT_MONTH[v.next],
  'note-burst-stop': (v) => `stops at ${formatPercent(v.percent)} (burst reserve)`,
  'note-pro-rated': (v) => `allowance pro-rated to ${v.sharePercent.toFixed(0)}%`,
  overage: (v) => `${v.overGb} GB over the allowance: up to ${v.costUsd} USD at ${v.price} USD/GB out`,
  'overage-unpriced': (v) => `${v.overGb} GB over the allowance: billed per GB out`,
  'note-in-pool': (v) => `in pool ${v.bundleId} at ${formatPercent(v.percent)}`,
  heading: (v) => `on pace for ${v.monthEndPercent}% by ${utcDay(v.lastDay)}`,
  'heading-threshold': (v) =>
    `on pace for ${v.monthEndPercent}% by ${utcDay(v.lastDay)}; ${v.percent}% around ${displayTime(v.at, v.timeZone)}`,
  'pool-line': (v, say) =>
    `pool ${code(v.bundleId)} in ${escapeHtml(v.region)}${say(v.account)}: ${v.members.map(escapeHtml).join(', ')} · ${say(v.usage)}${say(v.notRead)}${say(v.heading)}`,
  'pool-usage': (v) =>
    `${formatAmount(v.usedBytes, v.unit)} / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · ${formatPercent(v.percent)}`,
  'pool-usage-at-least': (v) =>
    `at least ${formatAmount(v.usedBytes, v.unit)} / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · at least ${formatPercent(v.percent)}`,
  'pool-usage-not-read': (v) => `? / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit}`,
  'pool-usage-unknown': (v) => `? / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · unknown`,
  'not-read-members': (v) => ` · ${v.names.map(escapeHtml).join(', ')} not read (not running)`,
  'pool-heading': (v, say) => ` · ${escapeHtml(say(v.heading))}`,
  'pools-title': () => 'Pools (one bundle in one region: AWS pools their allowance):',
  'starts-on-the-1st': (v, say) =>
    `▶️ On the 1st the first check starts again: ${v.instances.map((i) => `${code(i.name)} (${escapeHtml(i.region)}${say(i.account)})`).join(', ')}. Hold one with lightsail-guard hold &lt;name&gt;.`,
  'starts-none-on-the-1st': () =>
    '▶️ On the 1st: no instance is started (none stopped by the guard is waiting, or all are held).',
};

export const en: Catalogue = catalogueOf('en', enTemplates, smsEn);
