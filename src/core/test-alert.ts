/** The message `test-alert` sends: short, plainly a test, and saying what its arrival proves. */

import { htmlToPlain } from './html.js';
import type { Catalogue } from './i18n/catalogue.js';
import { en } from './i18n/en.js';
import type { OutgoingMessage } from './ports.js';
import { smsOfTestAlert } from './sms.js';

/**
 * The test message in Telegram HTML. `place` says where it went (`chat`: "this chat"), so the
 * reader knows alerts and reports will arrive in the same place.
 */
export function testAlertText(
  now: Date,
  catalogue: Catalogue = en,
  place: 'chat' | 'here' = 'chat',
  timeZone?: string,
): string {
  return catalogue.testAlert(now, place, timeZone);
}

/** The test message as a channel sends it, in the channel's language, its time in `timeZone` (TIME_ZONE). */
export function testAlertMessage(
  now: Date,
  catalogue: Catalogue,
  place: 'chat' | 'here',
  timeZone?: string,
): OutgoingMessage {
  const html = testAlertText(now, catalogue, place, timeZone);
  const text = htmlToPlain(html);
  return {
    type: 'test',
    language: catalogue.language,
    subject: catalogue.testAlertSubject,
    html,
    text,
    sms: smsOfTestAlert(now, catalogue, timeZone),
    events: [{ kind: 'test', sentAt: now.toISOString(), text }],
  };
}
