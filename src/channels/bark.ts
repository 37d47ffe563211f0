import { ENV } from '../constants.js';
import { cutLine } from '../core/compose.js';
import type { Channel, OutgoingMessage } from '../core/ports.js';
import type { Environment } from '../env.js';
import { ConfigError } from '../errors.js';
import { codeAndMessage, isUrgent, jsonAnswer, TITLE_MAX_CHARS } from './chat.js';
import {
  createPoster,
  type HttpAnswer,
  type HttpOptions,
  jsonPost,
  statusVerdict,
  type Verdict,
} from './delivery.js';
import { defineChannel } from './descriptor.js';
import { shownUrl, urlSecrets } from './redact.js';
import { plainUrl, urlDestination } from './settings.js';

const LABEL = 'Bark';

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
  return isUrgent(message) ? 'timeSensitive' : 'active';
}

/**
 * Bark answers `{"code":200,"message":"success"}`; bark-server (github.com/Finb/bark-server,
 * `route_push.go`) answers 400 for a request it cannot take (no such device key, a bad body) and
 * 500 when Apple's push service failed: the status decides a 429 or 5xx. Bark documents no rate limit.
 */
function judge(http: HttpAnswer): Verdict {
  const { status, body } = http;
  const answer = jsonAnswer(body);
  if (typeof answer?.code !== 'number' || status >= 500 || status === 429) {
    return statusVerdict(http);
  }
  if (answer.code === 200) return { kind: 'delivered' };
  return { kind: 'refused', reason: `code ${codeAndMessage(answer.code, answer.message)}` };
}

/** Bark on an iPhone (`BARK_URL`): the subject as the title, the text as the body. */
export function createBarkChannel(settings: { readonly url: string }, options: HttpOptions = {}): Channel {
  const { root, deviceKey } = barkTarget(settings.url);
  const post = createPoster(LABEL, [...urlSecrets(settings.url), deviceKey], options);
  return {
    name: 'bark',
    label: LABEL,
    format: bark.format,
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

function parseBark(env: Environment): { readonly url: string } | undefined {
  const settings = plainUrl(env, ENV.barkUrl, 'https://api.day.app/<device key>');
  if (settings !== undefined && new URL(settings.url).pathname.replace(/\/+$/, '') === '') {
    throw new ConfigError(
      `${ENV.barkUrl} must end in the device key, as the Bark app shows it: https://api.day.app/<device key>; got ${shownUrl(settings.url)}.`,
    );
  }
  return settings;
}

/** `BARK_URL`, whose last path segment is the device key. */
export const bark = defineChannel({
  name: 'bark',
  label: LABEL,
  place: 'here',
  format: { body: 'text', limit: BARK_LIMITS.bodyBytes, measure: 'utf8' },
  variables: [ENV.barkUrl],
  secrets: [ENV.barkUrl],
  parse: parseBark,
  destination: urlDestination,
  build: (settings, run) => createBarkChannel(settings, run),
});
