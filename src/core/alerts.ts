import type { AlertEvent, AlertTextContext } from './alert-event.js';
import type { Catalogue } from './i18n/catalogue.js';
import { en } from './i18n/en.js';

export type { AlertEvent, AlertFigures, AlertOfKind, AlertTextContext } from './alert-event.js';

/** The HTML text of one alert in the catalogue's language. Every dynamic value is escaped. */
export function alertText(event: AlertEvent, context: AlertTextContext, catalogue: Catalogue = en): string {
  return catalogue.alert(event, context);
}

/** A few words naming one alert, plain text, for a subject line. */
export function alertHeadline(
  event: AlertEvent,
  _context: AlertTextContext,
  catalogue: Catalogue = en,
): string {
  return catalogue.headline(event);
}

/** One alert in a few words for SMS: what happened, the instance, its region, its percent. */
export function alertSmsLine(
  event: AlertEvent,
  _context: AlertTextContext,
  catalogue: Catalogue = en,
): string {
  return catalogue.sms.alert(event);
}

/** Most urgent first: failures that cost money, then stops, then the rest. */
export function alertRank(event: AlertEvent): number {
  const order: Record<AlertEvent['kind'], number> = {
    'regions-failed': 0,
    'account-failed': 0,
    'region-failed': 1,
    stop: 2,
    unknown: 3,
    'start-failed': 2,
    missing: 4,
    'bad-tag': 4,
    'not-stopped': 5,
    'kept-running': 5,
    started: 6,
    warn: 7,
    forecast: 8,
  };
  return event.kind === 'stop' && event.outcome === 'failed' ? -1 : order[event.kind];
}
