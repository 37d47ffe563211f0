import { createHmac } from 'node:crypto';
import { ENV } from '../constants.js';
import type { Channel } from '../core/ports.js';
import { codeJudge, titled, titledTextFormat } from './chat.js';
import { type HttpOptions, jsonPost } from './delivery.js';
import { defineChannel } from './descriptor.js';
import { httpChannel } from './http-channel.js';
import { urlSecrets } from './redact.js';
import { signedUrl, urlDestination } from './settings.js';

const LABEL = 'Feishu';

/**
 * Feishu/Lark custom bot limits (Feishu's "Custom bot usage guide", 自定义机器人使用指南,
 * open.feishu.cn/document/client-docs/bot-v3/add-custom-bot): a request body of at most 20 KB,
 * and 100 requests a minute, 5 a second, per bot. Texts are packed under 18,000 bytes, which
 * leaves room for the title, the JSON around the text and its escapes.
 */
export const FEISHU_LIMITS = { bodyBytes: 20_000, textBytes: 18_000, perMinute: 100 } as const;

/**
 * 11232: Feishu's throttle of a custom bot past its 100 a minute or 5 a second, or at busy times
 * such as 10:00 ("Custom bot usage guide", and "Rate limits", 频控策略,
 * open.feishu.cn/document/server-docs/api-call-guide/frequency-control): worth a later try.
 */
const THROTTLED = 11232;

/**
 * 99991400 "request trigger frequency limit": the Open Platform gateway's throttle, sent with HTTP
 * 429 (400 on older APIs) and an `x-ogw-ratelimit-reset` header ("Rate limits"): worth a later try.
 */
const GATEWAY_THROTTLED = 99991400;

/**
 * 9499 "Bad Request": Feishu could not take the body, malformed or over 20 KB ("Custom bot usage
 * guide", request-body errors). Sending the same body again gets the same answer: a refusal.
 */
const BAD_REQUEST = 9499;

/**
 * The signature of a bot with "signature verification" on: Base64 of HMAC-SHA256 with the key
 * `<timestamp>\n<secret>` over an empty message; the timestamp in seconds, within an hour of
 * Feishu's clock.
 */
export function feishuSign(timestamp: string, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

/**
 * Feishu answers 200 with `code` 0 (or the older `StatusCode` 0) on success. A 429 or 5xx is judged
 * by its status whatever its body says: the gateway's 429 carries a non-zero `code` too.
 */
const judge = codeJudge({
  codeFields: ['code', 'StatusCode'],
  messageFields: ['msg', 'StatusMessage'],
  success: 0,
  retry: [THROTTLED, GATEWAY_THROTTLED],
  hints: { [BAD_REQUEST]: 'Feishu could not read the body: malformed, or over its 20 KB limit' },
});

/** A Feishu or Lark group's custom bot (`FEISHU_WEBHOOK_URL`), signed when `FEISHU_SECRET` is set. */
export function createFeishuChannel(
  settings: { readonly url: string; readonly secret: string | undefined },
  options: HttpOptions = {},
): Channel {
  const now = options.now ?? Date.now;
  return httpChannel(
    feishu,
    {
      secrets: [...urlSecrets(settings.url), settings.secret ?? ''],
      perMinute: FEISHU_LIMITS.perMinute,
      request: (message) => {
        const timestamp = String(Math.floor(now() / 1000));
        const signed =
          settings.secret === undefined ? {} : { timestamp, sign: feishuSign(timestamp, settings.secret) };
        return jsonPost(settings.url, { ...signed, msg_type: 'text', content: { text: titled(message) } });
      },
      judge,
    },
    options,
  );
}

/** `FEISHU_WEBHOOK_URL`, signed with `FEISHU_SECRET` when it is set. */
export const feishu = defineChannel({
  name: 'feishu',
  label: LABEL,
  place: 'chat',
  format: titledTextFormat(FEISHU_LIMITS.textBytes),
  variables: [ENV.feishuWebhookUrl],
  secrets: [ENV.feishuWebhookUrl, ENV.feishuSecret],
  parse: (env) =>
    signedUrl(
      env,
      ENV.feishuWebhookUrl,
      ENV.feishuSecret,
      'https://open.feishu.cn/open-apis/bot/v2/hook/<token>',
    ),
  destination: urlDestination,
  build: (settings, run) => createFeishuChannel(settings, run),
});
