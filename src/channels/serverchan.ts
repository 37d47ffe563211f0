import { ENV } from '../constants.js';
import { cutLine } from '../core/compose.js';
import type { Channel } from '../core/ports.js';
import { type Environment, setting } from '../env.js';
import { ConfigError } from '../errors.js';
import { codeJudge, TITLE_MAX_CHARS, TITLE_RESERVE_BYTES } from './chat.js';
import { type HttpOptions, jsonPost } from './delivery.js';
import { defineChannel } from './descriptor.js';
import { httpChannel } from './http-channel.js';
import { shownUrl } from './redact.js';
import { channelUrl, settingWith } from './settings.js';

const LABEL = 'ServerChan';

/**
 * ServerChan (Server酱) limits (sct.ftqq.com): a title of at most 32 characters, a `desp` of at
 * most 32 KB of markdown, and a daily quota per plan (5 messages a day on the free one). Packing
 * under 30,000 bytes keeps a run's alerts in one message: the quota is spent on runs, not alerts.
 */
export const SERVERCHAN_LIMITS = { titleChars: 32, despBytes: 32_000, packBytes: 30_000 } as const;

/** A SendKey: Turbo's `SCT...`, or ServerChan³'s `sctp<uid>t...`. */
export const SERVERCHAN_SENDKEY = /^(SCT[A-Za-z0-9]+|sctp\d+t[A-Za-z0-9]+)$/;

/**
 * Where a SendKey sends: ServerChan³ keys (`sctp<uid>t...`) to `https://<uid>.push.ft07.com/send`,
 * Turbo keys to `https://sctapi.ftqq.com`; `apiRoot` replaces either (a local server in tests).
 */
export function serverchanUrl(sendKey: string, apiRoot?: string): string {
  const uid = /^sctp(\d+)t/.exec(sendKey)?.[1];
  const root =
    apiRoot ?? (uid === undefined ? 'https://sctapi.ftqq.com' : `https://${uid}.push.ft07.com/send`);
  return `${root.replace(/\/+$/, '')}/${sendKey}.send`;
}

/**
 * Plain text as ServerChan's markdown: markup characters escaped (instance names such as `web_1`
 * stay as written), and a blank line between lines, since markdown joins single lines.
 */
export function markdownText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1'))
    .join('\n\n');
}

/**
 * ServerChan answers `{"code":0,...}` on success. Its API page (sct.ftqq.com, "API") names no
 * throttle code, and its quota is a day's: a non-zero `code` is a refusal. A 429 or 5xx is
 * judged by its status.
 */
const judge = codeJudge({ codeFields: ['code'], messageFields: ['message', 'info'], success: 0 });

/** ServerChan (`SERVERCHAN_SENDKEY`): to WeChat and ServerChan's app. */
export function createServerchanChannel(
  settings: { readonly sendKey: string; readonly apiRoot?: string | undefined },
  options: HttpOptions = {},
): Channel {
  const url = serverchanUrl(settings.sendKey, settings.apiRoot);
  return httpChannel(
    serverchan,
    {
      secrets: [settings.sendKey],
      request: (message) =>
        jsonPost(url, {
          title: cutLine(message.subject, SERVERCHAN_LIMITS.titleChars),
          desp: markdownText(`${cutLine(message.subject, TITLE_MAX_CHARS)}\n${message.text}`),
        }),
      judge,
    },
    options,
  );
}

/** ServerChan's settings: the SendKey, and the API root for a self-hosted or local server. */
export interface ServerchanSettings {
  readonly sendKey: string;
  readonly apiRoot: string | undefined;
}

function parseServerchan(env: Environment): ServerchanSettings | undefined {
  const apiRoot = settingWith(env, ENV.serverchanApiRoot, ENV.serverchanSendkey);
  const sendKey = setting(env, ENV.serverchanSendkey);
  if (sendKey === undefined) return undefined;
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

/** `SERVERCHAN_SENDKEY` (the credential), and `SERVERCHAN_API_ROOT` for another server. */
export const serverchan = defineChannel({
  name: 'serverchan',
  label: LABEL,
  place: 'here',
  // Escaping can double the text, and the full subject heads the desp: pack under half.
  format: { body: 'text', limit: (SERVERCHAN_LIMITS.packBytes - TITLE_RESERVE_BYTES) / 2, measure: 'utf8' },
  variables: [ENV.serverchanSendkey],
  endpoint: ENV.serverchanApiRoot,
  secrets: [ENV.serverchanSendkey],
  parse: parseServerchan,
  destination: (settings) => shownUrl(serverchanUrl(settings.sendKey, settings.apiRoot)),
  build: (settings, run) => createServerchanChannel(settings, run),
});
