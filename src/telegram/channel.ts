import { TELEGRAM_TEXT_LIMIT } from '../core/pack.js';
import { CHANNEL_LABELS, type Channel, type Notifier } from '../core/ports.js';

/**
 * Telegram as a channel: the HTML form of each message through a `Notifier` (`sendMessage`),
 * packed under Telegram's 4,096 characters. The subject is not sent: the HTML's first line
 * already says it.
 */
export function telegramChannel(notifier: Notifier): Channel {
  return {
    name: 'telegram',
    label: CHANNEL_LABELS.telegram,
    format: { body: 'html', limit: TELEGRAM_TEXT_LIMIT, measure: 'chars' },
    send: (message) => notifier.send(message.html),
  };
}
