import { ENV } from '../constants.js';
import type { Channel } from '../core/ports.js';
import { codeJudge, titled, titledTextFormat } from './chat.js';
import { type HttpOptions, jsonPost } from './delivery.js';
import { defineChannel } from './descriptor.js';
import { httpChannel } from './http-channel.js';
import { urlSecrets } from './redact.js';
import { plainUrl, urlDestination } from './settings.js';

const LABEL = 'WeCom';

/**
 * WeCom (企业微信) group robot limits (WeCom's "Group robot configuration", 群机器人配置说明,
 * developer.work.weixin.qq.com/document/path/91770): a text message's content of at most 2,048
 * bytes (UTF-8), and 20 messages a minute per robot ("消息发送频率限制").
 */
export const WECOM_LIMITS = { contentBytes: 2_048, perMinute: 20 } as const;

/**
 * Codes worth a later try, from WeCom's global error codes (全局错误码,
 * developer.work.weixin.qq.com/document/path/90313): 45009 "api freq out of limit", the robot's
 * 20 a minute spent (the guard keeps to it, so another sender shares the key; the minute passes
 * within a message's budget), and -1 "system busy", which WeCom advises retrying a little later.
 */
const RETRYABLE = [45009, -1];

/** WeCom answers 200 with `errcode` 0 on success; a 429 or 5xx is judged by its status. */
const judge = codeJudge({ codeFields: ['errcode'], messageFields: ['errmsg'], success: 0, retry: RETRYABLE });

/**
 * A WeCom group robot (`WECOM_WEBHOOK_URL`, whose `key` is the credential). Plain text, not
 * markdown: WeCom's markdown reads `<...>`, `*` and `#` in instance names and errors as markup.
 */
export function createWecomChannel(settings: { readonly url: string }, options: HttpOptions = {}): Channel {
  return httpChannel(
    wecom,
    {
      secrets: urlSecrets(settings.url),
      perMinute: WECOM_LIMITS.perMinute,
      request: (message) => jsonPost(settings.url, { msgtype: 'text', text: { content: titled(message) } }),
      judge,
    },
    options,
  );
}

/** `WECOM_WEBHOOK_URL`, whose `key` is the credential. */
export const wecom = defineChannel({
  name: 'wecom',
  label: LABEL,
  place: 'chat',
  format: titledTextFormat(WECOM_LIMITS.contentBytes),
  variables: [ENV.wecomWebhookUrl],
  secrets: [ENV.wecomWebhookUrl],
  parse: (env) =>
    plainUrl(env, ENV.wecomWebhookUrl, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>'),
  destination: urlDestination,
  build: (settings, run) => createWecomChannel(settings, run),
});
