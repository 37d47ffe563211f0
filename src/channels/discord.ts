import { ENV } from '../constants.js';
import { cutLine } from '../core/compose.js';
import type { Channel, OutgoingMessage } from '../core/ports.js';
import { codeAndMessage, jsonAnswer, TITLE_MAX_CHARS } from './chat.js';
import {
  type HttpAnswer,
  type HttpOptions,
  jsonPost,
  retryAfterMs,
  statusVerdict,
  type Verdict,
} from './delivery.js';
import { defineChannel } from './descriptor.js';
import { httpChannel } from './http-channel.js';
import { urlSecrets } from './redact.js';
import { plainUrl, urlDestination } from './settings.js';

const LABEL = 'Discord';

/**
 * Discord's limit on a webhook message's `content`: 2,000 characters (Discord API, "Execute
 * Webhook", docs.discord.com/developers/resources/webhook#execute-webhook).
 */
export const DISCORD_CONTENT_MAX_CHARS = 2_000;

/**
 * Room the subject line takes above the text: 99 characters of up to two UTF-16 units each (a
 * surrogate pair, or an escaped markdown character), the `**` around it and the blank line after
 * it. Escaping can double the text too, so texts are packed under half of what is left: one
 * message never passes 2,000 characters, whatever it holds.
 */
const TITLE_ROOM_CHARS = TITLE_MAX_CHARS * 2 + 6;

/**
 * Plain text as Discord's markdown shows it as written: instance names such as `web_1` or
 * `db*prod` stay as they are, and no line becomes a heading, a quote or a list.
 */
export function discordText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/([\\*_~`|<>#-])/g, '\\$1'))
    .join('\n');
}

/** The subject in bold, then the text, both escaped: what one webhook message's `content` holds. */
export function discordContent(message: OutgoingMessage): string {
  return `**${discordText(cutLine(message.subject, TITLE_MAX_CHARS))}**\n\n${discordText(message.text)}`;
}

/**
 * Discord answers 200 with the message (`?wait=true`: only once it was saved) or 204. A 429 carries
 * `retry_after` in seconds, possibly fractional, in its JSON body ("Rate Limits", exceeding a rate
 * limit), and a `Retry-After` header: the body's is the more precise. A 5xx is retried; any other
 * status is a refusal, with Discord's `code` and `message` (e.g. 10015 "Unknown Webhook").
 */
function judge(http: HttpAnswer): Verdict {
  const answer = jsonAnswer(http.body);
  if (http.status === 429) {
    const waitMs = retryAfterMs(typeof answer?.retry_after === 'number' ? answer.retry_after : undefined);
    const verdict = statusVerdict(http);
    return waitMs === undefined || verdict.kind !== 'retry' ? verdict : { ...verdict, waitMs };
  }
  if (http.status < 400 || http.status >= 500 || typeof answer?.code !== 'number') return statusVerdict(http);
  return {
    kind: 'refused',
    reason: `HTTP ${http.status}: code ${codeAndMessage(answer.code, answer.message)}`,
  };
}

/** Where to post: the webhook URL, asking Discord to answer only once the message is saved. */
function executeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('wait', 'true');
  return parsed.toString();
}

/**
 * A Discord channel's webhook (`DISCORD_WEBHOOK_URL`, whose token is the credential): the subject
 * and the text as `content`, with no mention allowed to ping anyone.
 */
export function createDiscordChannel(settings: { readonly url: string }, options: HttpOptions = {}): Channel {
  const url = executeUrl(settings.url);
  return httpChannel(
    discord,
    {
      secrets: urlSecrets(settings.url),
      request: (message) =>
        jsonPost(url, { content: discordContent(message), allowed_mentions: { parse: [] } }),
      judge,
    },
    options,
  );
}

/** `DISCORD_WEBHOOK_URL`: Server Settings, Integrations, Webhooks, Copy Webhook URL. */
export const discord = defineChannel({
  name: 'discord',
  label: LABEL,
  place: 'chat',
  format: {
    body: 'text',
    limit: Math.floor((DISCORD_CONTENT_MAX_CHARS - TITLE_ROOM_CHARS) / 2),
    measure: 'chars',
  },
  variables: [ENV.discordWebhookUrl],
  secrets: [ENV.discordWebhookUrl],
  parse: (env) => plainUrl(env, ENV.discordWebhookUrl, 'https://discord.com/api/webhooks/<id>/<token>'),
  destination: urlDestination,
  build: (settings, run) => createDiscordChannel(settings, run),
});
