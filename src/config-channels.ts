/**
 * The settings of every channel but Telegram, parsed once with the rest of the configuration.
 * Channel URLs are credentials: no message here prints one whole (`shownUrl`).
 */

import { ENV } from './constants.js';
import { type Environment, setting } from './env.js';
import { ConfigError } from './errors.js';
import { shownUrl } from './push/redact.js';
import { SERVERCHAN_SENDKEY } from './push/serverchan.js';

/** A webhook that takes the versioned JSON body (`WEBHOOK_URL`), signed with `WEBHOOK_SECRET`. */
export interface WebhookSettings {
  readonly url: string;
  readonly secret: string | undefined;
}

/** An Amazon SNS topic (`SNS_TOPIC_ARN`) whose email and SMS subscribers get the plain text. */
export interface SnsSettings {
  readonly topicArn: string;
}

/** A chat bot's webhook, signed with its secret where the service offers signing. */
export interface SignedUrlSettings {
  readonly url: string;
  readonly secret: string | undefined;
}

/** ServerChan: the SendKey, and the API root for a self-hosted or local server. */
export interface ServerchanSettings {
  readonly sendKey: string;
  readonly apiRoot: string | undefined;
}

/** Every channel but Telegram (whose settings predate channels and live in `Config.telegram`). */
export interface ChannelSettings {
  readonly sns: SnsSettings | undefined;
  readonly webhook: WebhookSettings | undefined;
  readonly feishu: SignedUrlSettings | undefined;
  readonly dingtalk: SignedUrlSettings | undefined;
  readonly wecom: { readonly url: string } | undefined;
  readonly bark: { readonly url: string } | undefined;
  readonly serverchan: ServerchanSettings | undefined;
}

/** A standard topic's ARN. FIFO topics (`.fifo`) take no email or SMS subscribers. */
export const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:[A-Za-z0-9_-]{1,256}$/;

function parseSns(env: Environment): SnsSettings | undefined {
  const raw = setting(env, ENV.snsTopicArn);
  if (raw === undefined) return undefined;
  if (raw.endsWith('.fifo')) {
    throw new ConfigError(
      `${ENV.snsTopicArn} must be a standard topic: FIFO topics deliver to no email or SMS subscriber; got "${raw}".`,
    );
  }
  if (!SNS_TOPIC_ARN.test(raw)) {
    throw new ConfigError(
      `${ENV.snsTopicArn} must be a topic ARN such as arn:aws:sns:us-east-1:123456789012:lightsail-guard-alerts; got "${raw}".`,
    );
  }
  return Object.freeze({ topicArn: raw });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A channel URL: HTTPS, because it carries a secret (and the alert); plain HTTP only to this
 * machine, for a local relay or a test server.
 */
export function channelUrl(name: string, raw: string, example: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an https:// URL such as ${example}; got ${shownUrl(raw)}.`);
  }
  const loopback = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    throw new ConfigError(
      `${name} must be an https:// URL such as ${example} (http:// only to 127.0.0.1 or localhost); got ${shownUrl(raw)}.`,
    );
  }
  return raw;
}

/** A secret that only means something with its URL: set alone, it is a mistake worth naming. */
function secretFor(env: Environment, secretName: string, urlName: string): string | undefined {
  const secret = setting(env, secretName);
  if (secret !== undefined && setting(env, urlName) === undefined) {
    throw new ConfigError(`${secretName} is set but ${urlName} is not; set both, or neither.`);
  }
  return secret;
}

/** A URL and its optional secret, both `undefined` when the URL is unset. */
function signedUrl(env: Environment, urlName: string, secretName: string, example: string) {
  const url = setting(env, urlName);
  const secret = secretFor(env, secretName, urlName);
  return url === undefined ? undefined : Object.freeze({ url: channelUrl(urlName, url, example), secret });
}

function plainUrl(env: Environment, name: string, example: string) {
  const url = setting(env, name);
  return url === undefined ? undefined : Object.freeze({ url: channelUrl(name, url, example) });
}

function parseBark(env: Environment) {
  const bark = plainUrl(env, ENV.barkUrl, 'https://api.day.app/<device key>');
  if (bark !== undefined && new URL(bark.url).pathname.replace(/\/+$/, '') === '') {
    throw new ConfigError(
      `${ENV.barkUrl} must end in the device key, as the Bark app shows it: https://api.day.app/<device key>; got ${shownUrl(bark.url)}.`,
    );
  }
  return bark;
}

function parseServerchan(env: Environment): ServerchanSettings | undefined {
  const sendKey = setting(env, ENV.serverchanSendkey);
  const apiRoot = setting(env, ENV.serverchanApiRoot);
  if (sendKey === undefined) {
    if (apiRoot !== undefined) {
      throw new ConfigError(
        `${ENV.serverchanApiRoot} is set but ${ENV.serverchanSendkey} is not; set both, or neither.`,
      );
    }
    return undefined;
  }
  if (!SERVERCHAN_SENDKEY.test(sendKey)) {
    // The key is the credential: say how long it is, never what it is.
    throw new ConfigError(
      `${ENV.serverchanSendkey} must be a SendKey from sct.ftqq.com (SCT...) or ServerChan³ (sctp<uid>t...); got ${sendKey.length} characters that are not one.`,
    );
  }
  return Object.freeze({
    sendKey,
    apiRoot:
      apiRoot === undefined
        ? undefined
        : channelUrl(ENV.serverchanApiRoot, apiRoot, 'https://sctapi.ftqq.com'),
  });
}

/** Parses every channel's settings; throws `ConfigError` naming the variable. Nothing is printed whole. */
export function parseChannelSettings(env: Environment): ChannelSettings {
  return {
    sns: parseSns(env),
    webhook: signedUrl(env, ENV.webhookUrl, ENV.webhookSecret, 'https://example.com/hooks/lightsail-guard'),
    feishu: signedUrl(
      env,
      ENV.feishuWebhookUrl,
      ENV.feishuSecret,
      'https://open.feishu.cn/open-apis/bot/v2/hook/<token>',
    ),
    dingtalk: signedUrl(
      env,
      ENV.dingtalkWebhookUrl,
      ENV.dingtalkSecret,
      'https://oapi.dingtalk.com/robot/send?access_token=<token>',
    ),
    wecom: plainUrl(env, ENV.wecomWebhookUrl, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>'),
    bark: parseBark(env),
    serverchan: parseServerchan(env),
  };
}
