import { cutLine } from '../core/compose.js';
import { CHANNEL_LABELS, type Channel, type OutgoingMessage } from '../core/ports.js';
import { codeAndMessage, jsonAnswer, TITLE_MAX_CHARS } from './chat.js';
import { createPoster, type HttpOptions, jsonPost, statusVerdict, type Verdict } from './http.js';
import { urlSecrets } from './redact.js';

/**
 * Bark delivers through Apple's push service, whose payload is at most 4 KB (4,096 bytes): the
 * title, the body and Bark's own fields. Bodies are packed under 3,000 bytes, leaving the rest for
 * a title of at most 99 characters and those fields. Bark documents no rate limit.
 */
export const BARK_LIMITS = { payloadBytes: 4_096, bodyBytes: 3_000 } as const;

/** The notification group the guard's pushes are filed under in the Bark app. */
export const BARK_GROUP = 'lightsail-guard';

/**
 * `BARK_URL` as the app shows it, `https://api.day.app/<device key>` (or a self-hosted server's
 * root and key): the server's root and the key.
 */
export function barkTarget(url: string): { readonly root: string; readonly deviceKey: string } {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/').filter((segment) => segment !== '');
  const deviceKey = segments.pop() ?? '';
  return { root: `${parsed.origin}${segments.map((segment) => `/${segment}`).join('')}`, deviceKey };
}

/**
 * How loudly to push: a stop, a failure or an unknown usage is `timeSensitive` (shown through Focus
 * modes), a warning `active`, the daily report `passive` (listed, no sound).
 */
export function barkLevel(message: OutgoingMessage): 'timeSensitive' | 'active' | 'passive' {
  if (message.type === 'report') return 'passive';
  const urgent = new Set(['stop', 'unknown', 'region-failed', 'regions-failed', 'account-failed', 'missing']);
  return message.events.some((event) => urgent.has(event.kind)) ? 'timeSensitive' : 'active';
}

/**
 * Bark answers `{"code":200,"message":"success"}`; bark-server (github.com/Finb/bark-server,
 * `route_push.go`) answers 400 for a request it cannot take (no such device key, a bad body) and
 * 500 when Apple's push service failed: the status decides a 429 or 5xx. Bark documents no rate limit.
 */
function judge(status: number, body: string, retryAfter: string | null): Verdict {
  const answer = jsonAnswer(body);
  if (typeof answer?.code !== 'number' || status >= 500 || status === 429) {
    return statusVerdict(status, body, retryAfter);
  }
  if (answer.code === 200) return { kind: 'delivered' };
  return { kind: 'refused', reason: `code ${codeAndMessage(answer.code, answer.message)}` };
}

/** Bark on an iPhone (`BARK_URL`): the subject as the title, the text as the body. */
export function createBarkChannel(settings: { readonly url: string }, options: HttpOptions = {}): Channel {
  const { root, deviceKey } = barkTarget(settings.url);
  const post = createPoster(CHANNEL_LABELS.bark, [...urlSecrets(settings.url), deviceKey], options);
  return {
    name: 'bark',
    label: CHANNEL_LABELS.bark,
    format: { body: 'text', limit: BARK_LIMITS.bodyBytes, measure: 'utf8' },
    send: (message) =>
      post(
        () =>
          jsonPost(`${root}/push`, {
            device_key: deviceKey,
            title: cutLine(message.subject, TITLE_MAX_CHARS),
            body: message.text,
            group: BARK_GROUP,
            level: barkLevel(message),
          }),
        judge,
      ),
  };
}
