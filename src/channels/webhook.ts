import { createHmac } from 'node:crypto';
import { ENV } from '../constants.js';
import type { Channel, OutgoingMessage } from '../core/ports.js';
import type { HttpOptions } from './delivery.js';
import { defineChannel } from './descriptor.js';
import { httpChannel } from './http-channel.js';
import { urlSecrets } from './redact.js';
import { signedUrl, urlDestination } from './settings.js';

const LABEL = 'Webhook';

/**
 * The version of the webhook body. Fields may be added in a version; one is renamed or removed
 * only with a new version number (docs/channels.md, "Webhook").
 */
export const WEBHOOK_BODY_VERSION = 1;

/** Headers of a signed webhook request. */
export const WEBHOOK_HEADERS = {
  timestamp: 'X-Lightsail-Guard-Timestamp',
  signature: 'X-Lightsail-Guard-Signature',
} as const;

/** The JSON body of one webhook request: one message, with its events as data. */
export function webhookBody(message: OutgoingMessage, sentAt: Date): string {
  return JSON.stringify({
    version: WEBHOOK_BODY_VERSION,
    source: 'lightsail-guard',
    type: message.type,
    language: message.language,
    sentAt: sentAt.toISOString(),
    subject: message.subject,
    text: message.text,
    events: message.events,
  });
}

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>` with the shared secret: the receiver
 * recomputes it and compares in constant time, and refuses timestamps far from its clock, so a
 * captured request cannot be replayed later and the secret itself never travels.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A body of at most 1 MB: far above any run's alerts, short of what receivers commonly refuse. */
const WEBHOOK_LIMIT_BYTES = 1_000_000;

/**
 * A generic webhook: each message is one HTTPS POST of the versioned JSON body, signed when a
 * secret is set. Any 2xx answer is delivery; a 429 or 5xx is retried, any other status refused
 * (`statusVerdict`, after the HTTP standards).
 */
export function createWebhookChannel(
  settings: { readonly url: string; readonly secret: string | undefined },
  options: HttpOptions = {},
): Channel {
  const now = options.now ?? Date.now;
  return httpChannel(
    webhook,
    {
      secrets: [...urlSecrets(settings.url), settings.secret ?? ''],
      request: (message) => {
        const sentAt = now();
        const body = webhookBody(message, new Date(sentAt));
        const timestamp = String(Math.floor(sentAt / 1000));
        const signed: Record<string, string> =
          settings.secret === undefined
            ? {}
            : {
                [WEBHOOK_HEADERS.timestamp]: timestamp,
                [WEBHOOK_HEADERS.signature]: webhookSignature(settings.secret, timestamp, body),
              };
        return {
          url: settings.url,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'lightsail-guard',
            ...signed,
          },
          body,
        };
      },
    },
    // A receiver of one's own may answer with a web page: only a 407 reads as a proxy's answer here.
    { ...options, reach: { ...options.reach, webPagesExpected: true } },
  );
}

/** `WEBHOOK_URL`, signed with `WEBHOOK_SECRET` when it is set. */
export const webhook = defineChannel({
  name: 'webhook',
  label: LABEL,
  place: 'here',
  format: { body: 'text', limit: WEBHOOK_LIMIT_BYTES, measure: 'utf8' },
  variables: [ENV.webhookUrl],
  secrets: [ENV.webhookUrl, ENV.webhookSecret],
  parse: (env) =>
    signedUrl(env, ENV.webhookUrl, ENV.webhookSecret, 'https://example.com/hooks/lightsail-guard'),
  destination: urlDestination,
  build: (settings, run) => createWebhookChannel(settings, run),
});
