import { stampDate, stampTime } from '../display-time.js';
import { formatPercent } from '../units.js';
import type { Named } from '../variants/phrases.js';
import type { SmsText } from '../variants/sms.js';
import type { Say, SmsTemplates } from './templates.js';

/*
 * ASCII only, and none of GSM-7's extension characters ([ ] { } | ~ ^ \ and the euro sign, which
 * count twice): an English text stays in the GSM-7 alphabet, 160 characters a segment.
 */

/** "web-1 (us-east-1)", and ", account prod" inside the brackets when several accounts are checked. */
const who = (instance: Named, say: Say<SmsText>): string =>
  `${instance.name} (${instance.region}${say(instance.account)})`;

/** English SMS texts. */
export const smsEn: SmsTemplates = {
  instance: (v, say) => who(v, say),
  pool: (v, say) => `pool ${v.bundleId} (${v.region}${say(v.account)}: ${v.members.join(', ')})`,
  share: (v) => `at ${formatPercent(v.percent)} of its allowance`,
  'pool-share': (v) => `at ${formatPercent(v.percent)} of its pool's allowance`,
  'share-unknown': () => 'usage unknown',
  'stop-failed': (v, say) => `STOP FAILED ${who(v, say)} ${say(v.share)}, still running`,
  'would-stop': (v, say) => `WOULD STOP (dry run) ${who(v, say)} ${say(v.share)}`,
  'stopped-earlier': (v, say) => `STOPPED earlier ${who(v, say)} ${say(v.share)}`,
  stopped: (v, say) => `STOPPED ${who(v, say)} ${say(v.share)}`,
  'stopped-ahead': (v, say) => `STOPPED ${who(v, say)} ${say(v.share)}, ahead of the threshold`,
  warn: (v, say) => `${v.level}% WARNING ${say(v.subject)} ${say(v.share)}`,
  forecast: (v, say) =>
    `ON PACE TO PASS THE ALLOWANCE ${say(v.subject)} ${say(v.share)}, ${v.monthEndPercent}% by month end`,
  'kept-running': (v, say) => `OVER THRESHOLD, KEPT RUNNING ${say(v.subject)} ${say(v.share)}`,
  'not-stopped': (v, say) => `OVER THRESHOLD, NOT STOPPED (notify only) ${who(v, say)} ${say(v.share)}`,
  started: (v, say) => `STARTED for the new month: ${v.instances.map((i) => who(i, say)).join(', ')}`,
  'would-start': (v, say) =>
    `WOULD START for the new month: ${v.instances.map((i) => who(i, say)).join(', ')}`,
  'start-failed': (v, say) => `START FAILED ${who(v, say)}, still stopped`,
  'bad-tag': (v, say) => `SETTING TAG NOT VALID ${who(v, say)}: ${v.keys.join(', ')}`,
  unknown: (v, say) => `USAGE UNKNOWN ${who(v, say)}, not guarded until it can be read`,
  'region-failed': (v, say) =>
    `REGION NOT CHECKED ${v.region}${say(v.account)}, its instances are not guarded`,
  'account-failed': (v) => `ACCOUNT NOT CHECKED ${v.account}, its instances are not guarded`,
  'in-account': (v) => `, account ${v.label}`,
  'region-account': (v) => ` (account ${v.label})`,
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
