import { createHmac } from 'node:crypto';
import { CHANNEL_LABELS, type Channel } from '../core/ports.js';
import { codeAndMessage, jsonAnswer, titled, titledTextFormat } from './chat.js';
import { createPoster, type HttpOptions, jsonPost, statusVerdict, type Verdict } from './http.js';
import { urlSecrets } from './redact.js';

/**
 * Feishu/Lark custom bot limits (open.feishu.cn, "custom bot"): a request body of at most 20 KB,
 * and 100 requests a minute, 5 a second, per bot. Texts are packed under 18,000 bytes, which
 * leaves room for the title, the JSON around the text and its escapes.
 */
export const FEISHU_LIMITS = { bodyBytes: 20_000, textBytes: 18_000, perMinute: 100 } as const;

/** Answer codes that mean "too many requests": worth a later try, not a failure of the message. */
const RATE_LIMITED = new Set([9499, 11232]);

/**
 * The signature of a bot with "signature verification" on: Base64 of HMAC-SHA256 with the key
 * `<timestamp>\n<secret>` over an empty message; the timestamp in seconds, within an hour of
 * Feishu's clock.
 */
export function feishuSign(timestamp: string, secret: string): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

/** Feishu answers 200 with `code` 0 (or the older `StatusCode` 0) on success. */
function judge(status: number, body: string, retryAfter: string | null): Verdict {
  const answer = jsonAnswer(body);
  const code = answer?.code ?? answer?.StatusCode;
  if (typeof code !== 'number') return statusVerdict(status, body, retryAfter);
  if (code === 0) return { kind: 'delivered' };
  const reason = `code ${codeAndMessage(code, answer?.msg ?? answer?.StatusMessage)}`;
  return RATE_LIMITED.has(code) ? { kind: 'retry', reason } : { kind: 'refused', reason };
}

/** A Feishu or Lark group's custom bot (`FEISHU_WEBHOOK_URL`), signed when `FEISHU_SECRET` is set. */
export function createFeishuChannel(
  settings: { readonly url: string; readonly secret: string | undefined },
  options: HttpOptions = {},
): Channel {
  const now = options.now ?? Date.now;
  const post = createPoster(CHANNEL_LABELS.feishu, [...urlSecrets(settings.url), settings.secret ?? ''], {
    ...options,
    minIntervalMs: 60_000 / FEISHU_LIMITS.perMinute,
  });
  return {
    name: 'feishu',
    label: CHANNEL_LABELS.feishu,
    format: titledTextFormat(FEISHU_LIMITS.textBytes),
    send: (message) =>
      post(() => {
        const timestamp = String(Math.floor(now() / 1000));
        const signed =
          settings.secret === undefined ? {} : { timestamp, sign: feishuSign(timestamp, settings.secret) };
        return jsonPost(settings.url, { ...signed, msg_type: 'text', content: { text: titled(message) } });
      }, judge),
  };
}
