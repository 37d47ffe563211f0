import { stampDate, stampTime } from '../display-time.js';
import { formatPercent } from '../units.js';
import type { Named } from '../variants/phrases.js';
import type { SmsTemplates } from './templates.js';

/*
 * ASCII only, and none of GSM-7's extension characters ([ ] { } | ~ ^ \ and the euro sign, which
 * count twice): an English text stays in the GSM-7 alphabet, 160 characters a segment.
 */

const who = (instance: Named): string => `${instance.name} (${instance.region})`;

/** English SMS texts. */
export const smsEn: SmsTemplates = {
  instance: (v) => who(v),
  pool: (v) => `pool ${v.bundleId} (${v.region}: ${v.members.join(', ')})`,
  share: (v) => `at ${formatPercent(v.percent)} of its allowance`,
  'pool-share': (v) => `at ${formatPercent(v.percent)} of its pool's allowance`,
  'share-unknown': () => 'usage unknown',
  'stop-failed': (v, say) => `STOP FAILED ${who(v)} ${say(v.share)}, still running`,
  'would-stop': (v, say) => `WOULD STOP (dry run) ${who(v)} ${say(v.share)}`,
  'stopped-earlier': (v, say) => `STOPPED earlier ${who(v)} ${say(v.share)}`,
  stopped: (v, say) => `STOPPED ${who(v)} ${say(v.share)}`,
  'stopped-ahead': (v, say) => `STOPPED ${who(v)} ${say(v.share)}, ahead of the threshold`,
  warn: (v, say) => `${v.level}% WARNING ${say(v.subject)} ${say(v.share)}`,
  forecast: (v, say) =>
    `ON PACE TO PASS THE ALLOWANCE ${say(v.subject)} ${say(v.share)}, ${v.monthEndPercent}% by month end`,
  'kept-running': (v, say) => `OVER THRESHOLD, KEPT RUNNING ${say(v.subject)} ${say(v.share)}`,
  'not-stopped': (v, say) => `OVER THRESHOLD, NOT STOPPED (notify only) ${who(v)} ${say(v.share)}`,
  started: (v) => `STARTED for the new month: ${v.instances.map(who).join(', ')}`,
  'would-start': (v) => `WOULD START for the new month: ${v.instances.map(who).join(', ')}`,
  'start-failed': (v) => `START FAILED ${who(v)}, still stopped`,
  'bad-tag': (v) => `SETTING TAG NOT VALID ${who(v)}: ${v.keys.join(', ')}`,
  unknown: (v) => `USAGE UNKNOWN ${who(v)}, not guarded until it can be read`,
  'region-failed': (v) => `REGION NOT CHECKED ${v.region}, its instances are not guarded`,
  'regions-failed': () => 'NOTHING CHECKED: the list of regions could not be read',
  missing: (v) => `NOT FOUND in any region: ${v.names.join(', ')} (INSTANCES_TO_MONITOR)`,
  'alerts-one': (v) => `lightsail-guard: ${v.line}`,
  'alerts-many': (v, say) => `lightsail-guard, ${v.total} alerts: ${v.lines.join('; ')}${say(v.more)}`,
  'and-more': (v) => `; and ${v.more} more`,
  'test-alert': (v) =>
    `lightsail-guard test alert: if you can read this, alerts will reach this phone. Sent ${stampTime(v.sentAt, v.timeZone)}; nothing was stopped.`,
  report: (v) =>
    `lightsail-guard report ${stampDate(v.date, v.timeZone)}: ${v.instances} instances, ${v.over} at or over ${v.quotaPercent}%, ${v.unknown} unknown`,
};
