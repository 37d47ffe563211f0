import { CHANNEL_LABELS, type Channel } from '../core/ports.js';
import { codeAndMessage, jsonAnswer, titled, titledTextFormat } from './chat.js';
import { createPoster, type HttpOptions, jsonPost, statusVerdict, type Verdict } from './http.js';
import { urlSecrets } from './redact.js';

/**
 * WeCom (企业微信) group robot limits (developer.work.weixin.qq.com, "group robot"): a text
 * message's content of at most 2,048 bytes (UTF-8), and 20 messages a minute per robot.
 */
export const WECOM_LIMITS = { contentBytes: 2_048, perMinute: 20 } as const;

/** WeCom answers 200 with `errcode` 0 on success; 45009 is its rate limit, refused for this run. */
function judge(status: number, body: string, retryAfter: string | null): Verdict {
  const answer = jsonAnswer(body);
  if (typeof answer?.errcode !== 'number') return statusVerdict(status, body, retryAfter);
  if (answer.errcode === 0) return { kind: 'delivered' };
  return { kind: 'refused', reason: `errcode ${codeAndMessage(answer.errcode, answer.errmsg)}` };
}

/**
 * A WeCom group robot (`WECOM_WEBHOOK_URL`, whose `key` is the credential). Plain text, not
 * markdown: WeCom's markdown reads `<...>`, `*` and `#` in instance names and errors as markup.
 */
export function createWecomChannel(settings: { readonly url: string }, options: HttpOptions = {}): Channel {
  const post = createPoster(CHANNEL_LABELS.wecom, urlSecrets(settings.url), {
    ...options,
    minIntervalMs: 60_000 / WECOM_LIMITS.perMinute,
  });
  return {
    name: 'wecom',
    label: CHANNEL_LABELS.wecom,
    format: titledTextFormat(WECOM_LIMITS.contentBytes),
    send: (message) =>
      post(() => jsonPost(settings.url, { msgtype: 'text', text: { content: titled(message) } }), judge),
  };
}
