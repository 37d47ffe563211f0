import { createHmac } from 'node:crypto';
import { CHANNEL_LABELS, type Channel } from '../core/ports.js';
import { codeAndMessage, jsonAnswer, titled, titledTextFormat } from './chat.js';
import { createPoster, type HttpOptions, jsonPost, statusVerdict, type Verdict } from './http.js';
import { urlSecrets } from './redact.js';

/**
 * DingTalk custom robot limits (open.dingtalk.com, "custom robot"): 20 messages a minute per
 * robot, past which it is throttled for 10 minutes. Its custom-robot page states no length limit;
 * DingTalk caps its app robots' message parameter at 15,000 bytes, so texts are packed under that.
 */
export const DINGTALK_LIMITS = { textBytes: 15_000, perMinute: 20 } as const;

/** "send too fast": the robot is throttled for 10 minutes; retrying within the run cannot help. */
const THROTTLED = 130101;

/**
 * The signature of a robot with "additional signature" on: Base64 of HMAC-SHA256 with the secret
 * (`SEC...`) as key over `<timestamp>\n<secret>`, URL-encoded; the timestamp in milliseconds,
 * within an hour of DingTalk's clock. Both go into the URL's query.
 */
export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** DingTalk answers 200 with `errcode` 0 on success. */
function judge(status: number, body: string, retryAfter: string | null): Verdict {
  const answer = jsonAnswer(body);
  if (typeof answer?.errcode !== 'number') return statusVerdict(status, body, retryAfter);
  if (answer.errcode === 0) return { kind: 'delivered' };
  const reason = `errcode ${codeAndMessage(answer.errcode, answer.errmsg)}`;
  return {
    kind: 'refused',
    reason:
      answer.errcode === THROTTLED
        ? `${reason} (throttled for 10 minutes: the next check tries again)`
        : reason,
  };
}

/** A DingTalk group's custom robot (`DINGTALK_WEBHOOK_URL`), signed when `DINGTALK_SECRET` is set. */
export function createDingtalkChannel(
  settings: { readonly url: string; readonly secret: string | undefined },
  options: HttpOptions = {},
): Channel {
  const now = options.now ?? Date.now;
  const post = createPoster(CHANNEL_LABELS.dingtalk, [...urlSecrets(settings.url), settings.secret ?? ''], {
    ...options,
    minIntervalMs: 60_000 / DINGTALK_LIMITS.perMinute,
  });
  const signedUrl = (): string => {
    if (settings.secret === undefined) return settings.url;
    const url = new URL(settings.url);
    const timestamp = String(now());
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('sign', dingtalkSign(timestamp, settings.secret));
    return url.toString();
  };
  return {
    name: 'dingtalk',
    label: CHANNEL_LABELS.dingtalk,
    format: titledTextFormat(DINGTALK_LIMITS.textBytes),
    send: (message) =>
      post(() => jsonPost(signedUrl(), { msgtype: 'text', text: { content: titled(message) } }), judge),
  };
}
