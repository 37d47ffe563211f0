import { ENV } from '../constants.js';
import { cutLine } from '../core/compose.js';
import type { Channel, OutgoingMessage } from '../core/ports.js';
import type { Environment } from '../env.js';
import { ConfigError } from '../errors.js';
import { codeAndMessage, isUrgent, jsonAnswer, TITLE_MAX_CHARS } from './chat.js';
import { type HttpAnswer, type HttpOptions, jsonPost, statusVerdict, type Verdict } from './delivery.js';
import { defineChannel } from './descriptor.js';
import { httpChannel } from './http-channel.js';
import { shownUrl, urlSecrets } from './redact.js';
import { plainUrl, settingWith, urlDestination } from './settings.js';

const LABEL = 'ntfy';

/**
 * ntfy's limit on a message: 4,096 bytes (docs.ntfy.sh, "Limitations"; a longer one becomes an
 * attachment, which a self-hosted server may refuse). The title travels in its own field.
 */
export const NTFY_MESSAGE_MAX_BYTES = 4_096;

/**
 * ntfy's priorities (docs.ntfy.sh, "Message priority"): 4 "high" (a long vibration, a pop-over)
 * for a stop or a failure, 3 "default" for a warning or the test, 2 "low" (no sound) for the report.
 */
export function ntfyPriority(message: OutgoingMessage): 2 | 3 | 4 {
  if (message.type === 'report') return 2;
  return isUrgent(message) ? 4 : 3;
}

/** ntfy's settings: the topic URL (any server), and an access token for a protected topic. */
export interface NtfySettings {
  readonly url: string;
  readonly token: string | undefined;
}

/** `NTFY_URL` as the app shows it, `https://ntfy.sh/<topic>`: the server's root and the topic. */
export function ntfyTarget(url: string): { readonly root: string; readonly topic: string } {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/').filter((segment) => segment !== '');
  const topic = segments.pop() ?? '';
  return { root: `${parsed.origin}${segments.map((segment) => `/${segment}`).join('')}`, topic };
}

function parseNtfy(env: Environment): NtfySettings | undefined {
  const token = settingWith(env, ENV.ntfyToken, ENV.ntfyUrl);
  const settings = plainUrl(env, ENV.ntfyUrl, 'https://ntfy.sh/<topic>');
  if (settings === undefined) return undefined;
  if (ntfyTarget(settings.url).topic === '') {
    throw new ConfigError(
      `${ENV.ntfyUrl} must end in the topic, as the app shows it: https://ntfy.sh/<topic>; got ${shownUrl(settings.url)}.`,
    );
  }
  return Object.freeze({ url: settings.url, token });
}

/** ntfy answers 200 with the message; an error is JSON `{"code","http","error"}`, judged by its status. */
function judge(http: HttpAnswer): Verdict {
  const verdict = statusVerdict(http);
  const answer = jsonAnswer(http.body);
  if (verdict.kind === 'delivered' || typeof answer?.error !== 'string') return verdict;
  return { ...verdict, reason: `HTTP ${http.status}: code ${codeAndMessage(answer.code, answer.error)}` };
}

/**
 * An ntfy topic (`NTFY_URL`, on ntfy.sh or any server), published in ntfy's JSON form so that a
 * title in any language arrives whole: the subject as the title, the text as the message, a high
 * priority for stops; `NTFY_TOKEN` as `Authorization: Bearer`. The topic is a credential too (on a
 * public server, whoever knows it reads it).
 */
export function createNtfyChannel(settings: NtfySettings, options: HttpOptions = {}): Channel {
  const { root, topic } = ntfyTarget(settings.url);
  const auth: Record<string, string> =
    settings.token === undefined ? {} : { authorization: `Bearer ${settings.token}` };
  return httpChannel(
    ntfy,
    {
      secrets: [...urlSecrets(settings.url), topic, settings.token ?? ''],
      request: (message) =>
        jsonPost(
          root,
          {
            topic,
            title: cutLine(message.subject, TITLE_MAX_CHARS),
            message: message.text,
            priority: ntfyPriority(message),
          },
          auth,
        ),
      judge,
    },
    options,
  );
}

/** `NTFY_URL` (the topic URL) and `NTFY_TOKEN` (an access token, `tk_...`, for a protected topic). */
export const ntfy = defineChannel({
  name: 'ntfy',
  label: LABEL,
  place: 'here',
  format: { body: 'text', limit: NTFY_MESSAGE_MAX_BYTES, measure: 'utf8' },
  variables: [ENV.ntfyUrl],
  secrets: [ENV.ntfyUrl, ENV.ntfyToken],
  parse: parseNtfy,
  destination: urlDestination,
  build: (settings, run) => createNtfyChannel(settings, run),
});
