import { ENV } from '../constants.js';
import type { Channel } from '../core/ports.js';
import { titled } from './chat.js';
import { type HttpAnswer, type HttpOptions, jsonPost, statusVerdict, type Verdict } from './delivery.js';
import { defineChannel } from './descriptor.js';
import { httpChannel } from './http-channel.js';
import { urlSecrets } from './redact.js';
import { plainUrl, urlDestination } from './settings.js';

const LABEL = 'Slack';

/**
 * Slack's limits on an incoming webhook's `text` (Slack API, "Sending messages using incoming
 * webhooks" and `chat.postMessage`, "Truncating content"): past 40,000 characters it is cut, and
 * Slack advises at most 4,000. Texts (headed by the subject) are packed under 4,000 characters
 * before `&`, `<` and `>` are escaped, which at worst makes 20,000: under the cut either way.
 */
export const SLACK_LIMITS = { textChars: 4_000, truncatedAfterChars: 40_000 } as const;

/** Room the subject line takes: 99 characters of up to two UTF-16 units, and the blank line after it. */
const TITLE_ROOM_CHARS = 200;

/** The three characters Slack asks every message to escape, whatever its formatting. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack answers `ok` (HTTP 200) on success, and on failure a plain-text error with a 4xx status
 * (`invalid_payload`, `no_text`, `channel_not_found`, `channel_is_archived`, `no_service`,
 * `action_prohibited`, ...): a refusal, as is such a word with a 200. A 429 (after `Retry-After`)
 * and a 5xx are retried.
 */
function judge(http: HttpAnswer): Verdict {
  const answer = http.body.trim();
  if (http.status >= 200 && http.status < 300 && /^[a-z_]+$/.test(answer) && answer !== 'ok') {
    return { kind: 'refused', reason: `HTTP ${http.status}: ${answer}` };
  }
  return statusVerdict(http);
}

/**
 * A Slack incoming webhook (`SLACK_WEBHOOK_URL`, whose path is the credential): the subject, then
 * the text, as plain `text` with Slack's formatting off, so `web_1` and `*` read as written.
 */
export function createSlackChannel(settings: { readonly url: string }, options: HttpOptions = {}): Channel {
  return httpChannel(
    slack,
    {
      secrets: urlSecrets(settings.url),
      request: (message) => jsonPost(settings.url, { text: slackEscape(titled(message)), mrkdwn: false }),
      judge,
    },
    options,
  );
}

/** `SLACK_WEBHOOK_URL`: an app's Incoming Webhooks page, one URL per channel. */
export const slack = defineChannel({
  name: 'slack',
  label: LABEL,
  place: 'chat',
  format: { body: 'text', limit: SLACK_LIMITS.textChars - TITLE_ROOM_CHARS, measure: 'chars' },
  variables: [ENV.slackWebhookUrl],
  secrets: [ENV.slackWebhookUrl],
  parse: (env) => plainUrl(env, ENV.slackWebhookUrl, 'https://hooks.slack.com/services/<T…>/<B…>/<secret>'),
  destination: urlDestination,
  build: (settings, run) => createSlackChannel(settings, run),
});
