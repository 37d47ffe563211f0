import { createHmac } from 'node:crypto';
import { ENV } from '../constants.js';
import type { Channel } from '../core/ports.js';
import { codeJudge, titled, titledTextFormat } from './chat.js';
import { type HttpOptions, jsonPost } from './delivery.js';
import { defineChannel } from './descriptor.js';
import { httpChannel } from './http-channel.js';
import { urlSecrets } from './redact.js';
import { signedUrl, urlDestination } from './settings.js';

const LABEL = 'DingTalk';

/**
 * DingTalk custom robot limits (DingTalk's "Custom robot access", 自定义机器人接入,
 * open.dingtalk.com/document/robots/custom-robot-access, "调用频率限制"): 20 messages a minute per
 * robot, past which it is throttled for 10 minutes. Its custom-robot page states no length limit;
 * DingTalk caps its app robots' message parameter at 15,000 bytes, so texts are packed under that.
 */
export const DINGTALK_LIMITS = { textBytes: 15_000, perMinute: 20 } as const;

/**
 * 130101 "send too fast, exceed 20 times per minute": the robot is throttled for 10 minutes
 * ("Custom robot access", 调用频率限制). No wait within a message's 60-second budget outlasts
 * that, so it is not retried: the next check sends again.
 */
const THROTTLED = 130101;

/**
 * -1 "system busy" (系统繁忙): DingTalk's global error codes (全局错误码, open.dingtalk.com) advise
 * trying again a little later.
 */
const BUSY = -1;

/**
 * The signature of a robot with "additional signature" on: Base64 of HMAC-SHA256 with the secret
 * (`SEC...`) as key over `<timestamp>\n<secret>`, URL-encoded; the timestamp in milliseconds,
 * within an hour of DingTalk's clock. Both go into the URL's query.
 */
export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** DingTalk answers 200 with `errcode` 0 on success; a 429 or 5xx is judged by its status. */
const judge = codeJudge({
  codeFields: ['errcode'],
  messageFields: ['errmsg'],
  success: 0,
  retry: [BUSY],
  hints: { [THROTTLED]: 'throttled for 10 minutes: the next check tries again' },
});

/** A DingTalk group's custom robot (`DINGTALK_WEBHOOK_URL`), signed when `DINGTALK_SECRET` is set. */
export function createDingtalkChannel(
  settings: { readonly url: string; readonly secret: string | undefined },
  options: HttpOptions = {},
): Channel {
  const now = options.now ?? Date.now;
  const signedUrl = (): string => {
    if (settings.secret === undefined) return settings.url;
    const url = new URL(settings.url);
    const timestamp = String(now());
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('sign', dingtalkSign(timestamp, settings.secret));
    return url.toString();
  };
  return httpChannel(
    dingtalk,
    {
      secrets: [...urlSecrets(settings.url), settings.secret ?? ''],
      perMinute: DINGTALK_LIMITS.perMinute,
      request: (message) => jsonPost(signedUrl(), { msgtype: 'text', text: { content: titled(message) } }),
      judge,
    },
    options,
  );
}

/** `DINGTALK_WEBHOOK_URL`, signed with `DINGTALK_SECRET` when it is set. */
export const dingtalk = defineChannel({
  name: 'dingtalk',
  label: LABEL,
  place: 'chat',
  format: titledTextFormat(DINGTALK_LIMITS.textBytes),
  variables: [ENV.dingtalkWebhookUrl],
  secrets: [ENV.dingtalkWebhookUrl, ENV.dingtalkSecret],
  parse: (env) =>
    signedUrl(
      env,
      ENV.dingtalkWebhookUrl,
      ENV.dingtalkSecret,
      'https://oapi.dingtalk.com/robot/send?access_token=<token>',
    ),
  destination: urlDestination,
  build: (settings, run) => createDingtalkChannel(settings, run),
});
