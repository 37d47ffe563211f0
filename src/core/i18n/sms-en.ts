import type { AlertFigures } from '../alert-event.js';
import type { PoolFigures } from '../pools.js';
import { accountLabel, type Instance } from '../types.js';
import { formatPercent } from '../units.js';
import type { SmsCatalogue } from './catalogue.js';

/*
 * ASCII only, and none of GSM-7's extension characters ([ ] { } | ~ ^ \ and the euro sign, which
 * count twice): an English text stays in the GSM-7 alphabet, 160 characters a segment.
 */

const who = (instance: Instance): string =>
  `${instance.name} (${instance.region}${instance.account === undefined ? '' : `, account ${accountLabel(instance.account)}`})`;

const pool = (figures: PoolFigures): string =>
  `pool ${figures.bundleId} (${figures.region}: ${figures.instances.join(', ')})`;

/** The instance, or its pool when the figures are the pool's. */
const subject = (event: AlertFigures & { instance: Instance }): string =>
  event.pool === undefined ? who(event.instance) : pool(event.pool);

const share = (figures: AlertFigures, of = 'its allowance'): string =>
  figures.percent === null ? 'usage unknown' : `at ${formatPercent(figures.percent)} of ${of}`;

/** A stopped member of a pool is stopped at its pool's figures. */
const stopShare = (event: AlertFigures): string =>
  share(event, event.pool === undefined ? 'its allowance' : "its pool's allowance");

/** English SMS texts. */
export const smsEn: SmsCatalogue = {
  alert: {
    stop(event) {
      const what = `${who(event.instance)} ${stopShare(event)}`;
      if (event.outcome === 'failed') return `STOP FAILED ${what}, still running`;
      if (event.outcome === 'dry-run') return `WOULD STOP (dry run) ${what}`;
      if (event.outcome === 'earlier') return `STOPPED earlier ${what}`;
      return `STOPPED ${what}${event.ahead === undefined ? '' : ', ahead of the threshold'}`;
    },
    warn: (event) => `${event.level}% WARNING ${subject(event)} ${share(event)}`,
    forecast: (event) =>
      `ON PACE TO PASS THE ALLOWANCE ${subject(event)} ${share(event)}, ${Math.floor(event.forecast.monthEndPercent)}% by month end`,
    'kept-running': (event) => `OVER THRESHOLD, KEPT RUNNING ${subject(event)} ${share(event)}`,
    'not-stopped': (event) =>
      `OVER THRESHOLD, NOT STOPPED (notify only) ${who(event.instance)} ${share(event)}`,
    started: (event) =>
      `${event.dryRun ? 'WOULD START' : 'STARTED'} for the new month: ${event.started.map(({ instance }) => who(instance)).join(', ')}`,
    'start-failed': (event) => `START FAILED ${who(event.instance)}, still stopped`,
    'bad-tag': (event) =>
      `SETTING TAG NOT VALID ${who(event.instance)}: ${event.problems.map((problem) => problem.key).join(', ')}`,
    unknown: (event) => `USAGE UNKNOWN ${who(event.instance)}, not guarded until it can be read`,
    'region-failed': (event) =>
      `REGION NOT CHECKED ${event.region}${event.account === undefined ? '' : ` (account ${accountLabel(event.account)})`}, its instances are not guarded`,
    'account-failed': (event) =>
      `ACCOUNT NOT CHECKED ${accountLabel(event.account)}, its instances are not guarded`,
    'regions-failed': () => 'NOTHING CHECKED: the list of regions could not be read',
    missing: (event) => `NOT FOUND in any region: ${event.names.join(', ')} (INSTANCES_TO_MONITOR)`,
  },
  alerts(shown, total) {
    const more = total - shown.length;
    if (total === 1 && more === 0) return `lightsail-guard: ${shown.join('')}`;
    return `lightsail-guard, ${total} alerts: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
  },
  testAlert: (now) =>
    `lightsail-guard test alert: if you can read this, alerts will reach this phone. Sent ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC; nothing was stopped.`,
  report: (model, counts, context) =>
    `lightsail-guard report ${model.generatedAt.toISOString().slice(0, 10)}: ${counts.instances} instances, ${counts.over} at or over ${context.quotaPercent}%, ${counts.unknown} unknown`,
};
