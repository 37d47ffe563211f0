/** The message `test-alert` sends: short, plainly a test, and saying what its arrival proves. */

import { escapeHtml } from './html.js';

/**
 * The test message in Telegram HTML. `channel` names where it went ("this chat"), so the reader
 * knows alerts and reports will arrive in the same place.
 */
export function testAlertText(now: Date, channel = 'this chat'): string {
  const when = `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return [
    '✅ <b>lightsail-guard test alert</b>',
    `If you can read this, the guard's alerts and daily reports will arrive in ${escapeHtml(channel)}.`,
    `Sent by <code>lightsail-guard test-alert</code> at ${when}. Nothing was stopped.`,
  ].join('\n');
}
