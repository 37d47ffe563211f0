import { TAGS } from '../../constants.js';
import type { AlertFigures, AlertTextContext } from '../alert-event.js';
import type { AllowanceUnit } from '../allowance.js';
import { monthEndOf } from '../billing-month.js';
import { DEFAULT_TIME_ZONE, displayTime, utcDay } from '../display-time.js';
import { escapeHtml } from '../html.js';
import { POLICY_TAG_COMMANDS } from '../instance-policy.js';
import { allowanceStanding, OVERAGE_USD_PER_GB } from '../overage.js';
import { type PoolFigures, subjectMembers } from '../pools.js';
import { formatRate, type StopAhead } from '../stop-ahead.js';
import { type AccountRef, accountLabel, type Instance } from '../types.js';
import { formatAmount, formatPercent } from '../units.js';
import type { Catalogue } from './catalogue.js';
import { command, quote } from './markup.js';
import { smsEn } from './sms-en.js';

/** ", account prod" after a region, when several accounts are checked; else nothing. */
const inAccount = (label: string | undefined): string =>
  label === undefined ? '' : `, account ${escapeHtml(label)}`;

/** An account that could not be checked: "prod (111122223333)", or its id. */
const accountTitle = (account: AccountRef): string =>
  escapeHtml(account.name === undefined ? account.id : `${account.name} (${account.id})`);

const who = (instance: Instance): string =>
  `<code>${escapeHtml(instance.name)}</code> in ${escapeHtml(instance.region)}${inAccount(instance.account && accountLabel(instance.account))}`;

const figures = (f: AlertFigures, unit: AllowanceUnit): string => {
  const used = f.usedBytes === null ? 'unknown' : formatAmount(f.usedBytes, unit);
  return `${used} of ${formatAmount(f.allowanceBytes, unit)} ${unit} used (${formatPercent(f.percent)})`;
};

/** The price sentence for an alert about traffic that will be billed. */
const priceText = (region: string): string => {
  const price = OVERAGE_USD_PER_GB[region];
  return price === undefined ? 'billed per GB out' : `billed at ${price} USD/GB out in ${region}`;
};

/**
 * What an alert adds about the allowance itself: billed only once past it, so exactly 100% says
 * it is used up, with what further traffic costs.
 */
const allowanceNote = (event: AlertFigures & { instance: Instance }): string => {
  const price = escapeHtml(priceText(event.instance.region));
  const standing = allowanceStanding(event);
  if (standing === 'past') return ` It is past its allowance: traffic out is ${price}.`;
  if (standing === 'all') return ` It has used all of its allowance: any more traffic out is ${price}.`;
  return '';
};

const keepTag = (instance: Instance, monthKey: string): string =>
  `To keep it running this month: ${command('keep-running', `${instance.name} --start`)} (it tags <code>${TAGS.keepRunning}</code> = <code>${monthKey}</code>).`;

const names = (pool: PoolFigures): string =>
  pool.instances.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ');

/** "pool <code>small_3_0</code> in ap-northeast-1 (<code>busy</code>, <code>idle</code>)". */
const poolName = (pool: PoolFigures): string =>
  `pool <code>${escapeHtml(pool.bundleId)}</code> in ${escapeHtml(pool.region)}${inAccount(pool.account && accountLabel(pool.account))} (${names(pool)})`;

/** A pool's members in a subject line (plain text): "busy, idle and 2 more". */
const memberList = (pool: PoolFigures): string => {
  const { named, more } = subjectMembers(pool);
  return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
};

/** Who a subject line is about: the instance, or "pool small_3_0 (busy, idle)" for the pool's figures. */
const headlineName = (event: AlertFigures & { instance: Instance }): string =>
  event.pool === undefined ? event.instance.name : `pool ${event.pool.bundleId} (${memberList(event.pool)})`;

/** What a member's subject line adds about its pool: " (pool small_3_0: busy, idle)". */
const inPoolLabel = (pool: PoolFigures | undefined): string =>
  pool === undefined ? '' : ` (pool ${pool.bundleId}: ${memberList(pool)})`;

/** Who an alert is about: the instance, or its pool when the figures are the pool's. */
const subject = (event: AlertFigures & { instance: Instance }): string =>
  event.pool === undefined ? who(event.instance) : poolName(event.pool);

/** The month's last check interval: the reset comes before any check that could act. */
const resetFirst = (at: Date, context: AlertTextContext): string =>
  `The allowance resets at ${displayTime(at, context.timeZone ?? DEFAULT_TIME_ZONE)}, before the next check`;

/**
 * What happens at the threshold: to the instance, or to every running member of its pool; in the
 * month's last check interval, that the allowance resets first.
 */
const stoppedAt = (event: AlertFigures, quotaPercent: number, context: AlertTextContext): string => {
  const reset = context.resetBeforeNextCheck;
  if (reset !== undefined) return `${resetFirst(reset, context)}.`;
  return event.pool === undefined
    ? `It will be stopped at ${quotaPercent}%.`
    : `Every running member will be stopped at ${quotaPercent}% of the pooled allowance.`;
};

/** A member judged with its pool: the instance, "with its pool ... (busy, idle)". */
const member = (event: AlertFigures & { instance: Instance }): string =>
  `${who(event.instance)}${event.pool === undefined ? '' : `, with its ${poolName(event.pool)}`}`;

/** "10 to the next check, 1 of metric lag, measured": what the horizon of a stop ahead is made of. */
const horizonParts = (ahead: StopAhead): string =>
  `${ahead.withinMinutes - ahead.lagMinutes} to the next check, ${ahead.lagMinutes} of metric lag, ${LAG_SOURCES[ahead.lagSource]}`;

const LAG_SOURCES: Record<StopAhead['lagSource'], string> = {
  measured: 'measured',
  'newest-sample': 'measured from the start of the newest sample, as the pace rose within it',
  assumed: 'assumed (METRIC_DELAY_MINUTES)',
};

const stopHead = (
  event: AlertFigures & { instance: Instance; ahead?: StopAhead },
  context: AlertTextContext,
): string => {
  const { ahead } = event;
  const why =
    ahead === undefined
      ? ''
      : ahead.burst === true
        ? ` A burst at ${formatRate(ahead.ratePerSecond)} (BURST_MBPS) could pass 100% of the allowance within ${ahead.withinMinutes} minutes (${horizonParts(ahead)}), before a check could see it.`
        : ahead.worstCaseRatePerSecond !== undefined
          ? ` At the worst case of ${formatRate(ahead.worstCaseRatePerSecond)} (this hour's traffic beyond the last hour's pace, all in the last ${ahead.withinMinutes - ahead.lagMinutes} minutes; measured: ${formatRate(ahead.ratePerSecond)}) it would pass ${context.quotaPercent}% within ${ahead.withinMinutes} minutes (${horizonParts(ahead)}), before the next check could see it.`
          : ` At ${formatRate(ahead.ratePerSecond)} it would pass ${context.quotaPercent}% within ${ahead.withinMinutes} minutes (${horizonParts(ahead)}), before the next check could see it.`;
  return `${member(event)}: ${figures(event, context.unit)}, threshold ${context.quotaPercent}%.${why}`;
};

/** After a failed stop: the next check tries again, unless the allowance resets first. */
const retry = (context: AlertTextContext): string =>
  context.resetBeforeNextCheck === undefined
    ? 'The next check tries again.'
    : `${resetFirst(context.resetBeforeNextCheck, context)}, which will not stop it: to stop it this month, stop it by hand.`;

const unrecorded = (recordError: string | undefined): string =>
  recordError === undefined
    ? ''
    : `\nThe stop could not be recorded first (${quote(recordError)}): had this alert been lost, no later check would have re-sent it.`;

/** English, the default: the texts the guard has always sent. */
export const en: Catalogue = {
  language: 'en',
  alert: {
    stop(event, context) {
      const head = stopHead(event, context);
      if (event.outcome === 'stopped') {
        const how = event.alreadyStopping
          ? 'It was already stopping (stopped by its owner or another run).'
          : 'Stop call succeeded.';
        return `🛑 <b>Stopped</b> ${head}\n${how} ${keepTag(event.instance, context.monthKey)}${unrecorded(event.recordError)}`;
      }
      if (event.outcome === 'dry-run') return `🛑 <b>Would stop</b> ${head}\nDry run: nothing was stopped.`;
      if (event.outcome === 'earlier') {
        const at = quote(event.stoppedAt ?? 'earlier');
        const now =
          event.instance.state === 'running'
            ? ` It is running now: it was started again since, or that stop did not complete.`
            : ` ${keepTag(event.instance, context.monthKey)}`;
        return `🛑 <b>Stopped</b> ${head}\nStopped at ${at}; this alert was not delivered then.${now}`;
      }
      return `🚨 <b>STOP FAILED</b> ${head}\nThe instance is still running: ${quote(event.error ?? 'unknown error')}. ${retry(context)}${unrecorded(event.recordError)}`;
    },
    warn(event, context) {
      return `⚠️ <b>${event.level}% warning</b> ${subject(event)}: ${figures(event, context.unit)}. ${stoppedAt(event, context.quotaPercent, context)}${allowanceNote(event)}`;
    },
    forecast(event, context) {
      const zone = context.timeZone ?? DEFAULT_TIME_ZONE;
      const { forecast } = event;
      const lastDay = utcDay(new Date(monthEndOf(context.monthKey).getTime() - 1));
      const end = `${Math.floor(forecast.monthEndPercent)}% by ${lastDay}`;
      // Only times within the month: a time at or past its end is the reset, not a crossing.
      const when =
        forecast.thresholdAt !== null
          ? `it reaches ${forecast.thresholdPercent}% around ${displayTime(forecast.thresholdAt, zone)} and ${end}`
          : forecast.fullAt !== null
            ? `it reaches 100% around ${displayTime(forecast.fullAt, zone)} and ${end}`
            : `it reaches ${end}`;
      return `📈 <b>On pace to pass the allowance</b> ${subject(event)}: ${figures(event, context.unit)}; at its pace of the last day ${when}. ${stoppedAt(event, forecast.thresholdPercent, context)}`;
    },
    'kept-running': (event, context) =>
      `⚠️ <b>Over threshold, kept running</b> ${subject(event)}: ${figures(event, context.unit)}, threshold ${context.quotaPercent}%. Tagged <code>${TAGS.keepRunning}</code> = <code>${context.monthKey}</code>, so it was not stopped; traffic past the allowance is ${escapeHtml(priceText(event.instance.region))}. ${
        context.resetBeforeNextCheck === undefined
          ? `To let the guard stop it again: ${command('keep-running', `${event.instance.name} --clear`)}.`
          : `${resetFirst(context.resetBeforeNextCheck, context)}.`
      }`,
    'not-stopped'(event, context) {
      const why =
        event.because === 'setting'
          ? 'ACTION=notify is set'
          : `it is tagged <code>${TAGS.action}</code> = <code>notify</code>`;
      const change =
        event.because === 'setting'
          ? `set ACTION=stop, or ${command('set-action', `${event.instance.name} stop`)} for this one`
          : command('set-action', `${event.instance.name} stop`);
      const reset = context.resetBeforeNextCheck;
      const next =
        reset === undefined
          ? `To have it stopped: ${change}.`
          : `${resetFirst(reset, context)}; to have it stopped from then on: ${change}.`;
      return `🔔 <b>Over threshold, not stopped</b> ${member(event)}: ${figures(event, context.unit)}, threshold ${context.quotaPercent}%. Not stopped because ${why} (alerts only).${allowanceNote(event)} ${next}`;
    },
    started(event) {
      const names = event.started
        .map(
          ({ instance, stoppedIn }) => `${who(instance)} (stopped by the guard in ${escapeHtml(stoppedIn)})`,
        )
        .join(', ');
      const verb = event.dryRun
        ? '<b>Would start</b> for the new month'
        : '▶️ <b>Started</b> for the new month';
      const reset = event.started.length === 1 ? 'Its allowance' : 'Their allowances';
      return `${verb}: ${names}. ${reset} reset on the 1st. To keep one stopped next time: ${command('hold', '<name>')}.`;
    },
    'start-failed': (event) =>
      `🚨 <b>START FAILED</b> ${who(event.instance)}: ${quote(event.error)}. It stays stopped; the next check tries again.`,
    'bad-tag'(event) {
      const fixes = event.problems.map((problem) => {
        const fix = POLICY_TAG_COMMANDS[problem.key];
        const how =
          fix === undefined
            ? ''
            : ` Set it again, or remove it: ${command(fix, `${event.instance.name} --clear`)}.`;
        return `${quote(problem.message)}.${how}`;
      });
      return `⚙️ <b>Setting tag not valid</b> ${who(event.instance)}: ${fixes.join(' ')}`;
    },
    unknown: (event) =>
      `❓ <b>Usage unknown</b> ${who(event.instance)}: ${quote(event.reason)}. It is not guarded until its usage can be read.`,
    'region-failed': (event) =>
      `❗ <b>Region not checked</b> ${escapeHtml(event.region)}${inAccount(event.account && accountLabel(event.account))}: ${quote(event.error)}. Its instances are not guarded until it can be read.`,
    'account-failed': (event) =>
      `❗ <b>Account not checked</b> ${accountTitle(event.account)}: ${quote(event.error)}. Its instances are not guarded until it can be read.`,
    'regions-failed': (event) =>
      `❗ <b>Nothing checked</b>: the list of regions could not be read: ${quote(event.error)}.`,
    missing: (event) =>
      `❗ <b>Not found</b>: ${event.names.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')} from INSTANCES_TO_MONITOR ${event.names.length === 1 ? 'is' : 'are'} in none of the checked regions.`,
  },
  headline: {
    stop(event) {
      const name = event.instance.name;
      const pool = inPoolLabel(event.pool);
      if (event.outcome === 'failed') return `STOP FAILED for ${name}${pool}`;
      if (event.outcome === 'dry-run') return `${name} would be stopped${pool}`;
      const verb = `${name} stopped${event.ahead === undefined ? '' : ' ahead'}`;
      const pct = formatPercent(event.percent);
      if (event.pool === undefined) return `${verb} (${pct})`;
      return `${verb} (${pct} of pool ${event.pool.bundleId}: ${memberList(event.pool)})`;
    },
    warn: (event) => `${headlineName(event)} at ${formatPercent(event.percent)} (${event.level}% warning)`,
    'kept-running': (event) => `${headlineName(event)} over threshold, kept running`,
    forecast: (event) =>
      `${headlineName(event)} on pace for ${Math.floor(event.forecast.monthEndPercent)}% this month`,
    'not-stopped': (event) => `${event.instance.name} over threshold, not stopped${inPoolLabel(event.pool)}`,
    started: (event) =>
      `${event.dryRun ? 'would start' : 'started'} for the new month: ${event.started.map(({ instance }) => instance.name).join(', ')}`,
    'start-failed': (event) => `START FAILED for ${event.instance.name}`,
    'bad-tag': (event) => `setting tag of ${event.instance.name} not valid`,
    unknown: (event) => `usage of ${event.instance.name} unknown`,
    'region-failed': (event) => `region ${event.region} not checked`,
    'account-failed': (event) => `account ${accountLabel(event.account)} not checked`,
    'regions-failed': () => 'nothing checked',
    missing: (event) => `${event.names.length} instance${event.names.length === 1 ? '' : 's'} not found`,
  },
  alertSubject: (first, more) => `lightsail-guard: ${first}${more > 0 ? ` and ${more} more` : ''}`,
  part: (index, total) => ` (${index}/${total})`,
  testAlert: (now, place) =>
    [
      '✅ <b>lightsail-guard test alert</b>',
      `If you can read this, the guard's alerts and daily reports will arrive ${place === 'chat' ? 'in this chat' : 'here'}.`,
      `Sent by <code>lightsail-guard test-alert</code> at ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC. Nothing was stopped.`,
    ].join('\n'),
  testAlertSubject: 'lightsail-guard: test alert',
  report: {
    subject: (model, counts, context) =>
      `lightsail-guard: data transfer report ${model.generatedAt.toISOString().slice(0, 10)} (${counts.over} at or over ${context.quotaPercent}%, ${counts.unknown} unknown)`,
    summary(model, counts, context) {
      const when = model.generatedAt.toISOString().slice(0, 16).replace('T', ' ');
      const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
      return [
        `📊 <b>Lightsail data transfer, ${escapeHtml(model.monthKey)} so far</b> (${when} UTC)`,
        `${plural(counts.instances, 'instance')} in ${plural(counts.regions, 'region')} · ${counts.over} at or over ${context.quotaPercent}% · ${counts.unknown} unknown${counts.ignored > 0 ? ` · ${counts.ignored} ignored` : ''}`,
      ].join('\n');
    },
    regionFailure: (region, error, account) =>
      `❗ ${escapeHtml(region)}${inAccount(account && accountLabel(account))} could not be read: ${escapeHtml(error)}`,
    line(row, note, context) {
      const { unit } = context;
      const used = row.usedBytes === null ? '?' : formatAmount(row.usedBytes, unit);
      return `<code>${escapeHtml(row.name)}</code> ${escapeHtml(row.region)}${inAccount(row.accountName ?? row.account)} · ${escapeHtml(row.state)} · ${used} / ${formatAmount(row.allowanceBytes, unit)} ${unit} · ${formatPercent(row.percent)}${note ? ` · ${escapeHtml(note)}` : ''}`;
    },
    actions: {
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
    },
    actionsAhead: {
      stopped: 'stopped ahead: it would pass the threshold before the next check',
      'stop-failed': 'STOP FAILED (ahead of the threshold)',
      'would-stop': 'would stop ahead of the threshold (dry run)',
      'over-threshold': 'would pass the threshold before the next check: the next check stops it',
    },
    actionsBurst: {
      stopped: 'stopped ahead: a burst at BURST_MBPS could pass 100% before a check saw it',
      'stop-failed': 'STOP FAILED (ahead: burst reserve)',
      'would-stop': 'would stop ahead: burst reserve (dry run)',
      'over-threshold': 'inside the burst reserve: the next check stops it',
    },
    overAtReset: {
      threshold: 'over threshold',
      ahead: 'would pass the threshold at its pace',
      burst: 'inside the burst reserve',
    },
    resetFirst: (at, timeZone) =>
      `the allowance resets at ${displayTime(at, timeZone)}, before the next check`,
    nextMonth: {
      start: 'stopped by the guard: started on the 1st',
      'next-check': 'stopped by the guard last month: the next check starts it',
      hold: 'stopped by the guard, held: stays stopped on the 1st',
    },
    startsOnThe1st(instances) {
      if (instances.length === 0) {
        return '▶️ On the 1st: no instance is started (none stopped by the guard is waiting, or all are held).';
      }
      const names = instances
        .map((i) => `<code>${escapeHtml(i.name)}</code> (${escapeHtml(i.region)})`)
        .join(', ');
      return `▶️ On the 1st the first check starts again: ${names}. Hold one with lightsail-guard hold &lt;name&gt;.`;
    },
    unknownUsage: (reason) => `usage unknown: ${reason}`,
    proRated: (share) => `allowance pro-rated to ${share}%`,
    burstStop: (percent) => `stops at ${percent} (burst reserve)`,
    overage: ({ overGb, price, costUsd }) =>
      price === undefined
        ? `${overGb} GB over the allowance: billed per GB out`
        : `${overGb} GB over the allowance: up to ${costUsd} USD at ${price} USD/GB out`,
    noteSeparator: '; ',
    inPool: (bundleId, percent) => `in pool ${bundleId} at ${percent}`,
    poolLine(pool, shown, context, heading) {
      const { unit } = context;
      const names = pool.instances.map(escapeHtml).join(', ');
      const allowance = `${formatAmount(pool.allowanceBytes, unit)} ${unit}`;
      const usage =
        shown.usedBytes === null
          ? `? / ${allowance}${shown.kind === 'unknown' ? ` · ${formatPercent(null)}` : ''}`
          : shown.kind === 'at-least'
            ? `at least ${formatAmount(shown.usedBytes, unit)} / ${allowance} · at least ${formatPercent(shown.percent)}`
            : `${formatAmount(shown.usedBytes, unit)} / ${allowance} · ${formatPercent(shown.percent)}`;
      const unread =
        shown.notRead.length === 0
          ? ''
          : ` · ${shown.notRead.map(escapeHtml).join(', ')} not read (not running)`;
      return `pool <code>${escapeHtml(pool.bundleId)}</code> in ${escapeHtml(pool.region)}${inAccount(pool.accountName ?? pool.account)}: ${names} · ${usage}${unread}${heading ? ` · ${escapeHtml(heading)}` : ''}`;
    },
    poolsTitle: 'Pools (one bundle in one region: AWS pools their allowance):',
    heading(h) {
      const pace = `on pace for ${h.monthEndPercent}% by ${utcDay(h.lastDay)}`;
      return h.threshold === undefined
        ? pace
        : `${pace}; ${h.threshold.percent}% around ${displayTime(h.threshold.at, h.timeZone)}`;
    },
  },
  sms: smsEn,
};
