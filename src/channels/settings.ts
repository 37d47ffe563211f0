/**
 * How channel settings are read: URLs that carry a credential, and the secrets that go with them.
 * Channel URLs are credentials: no message here prints one whole (`shownUrl`).
 */

import { type Environment, setting } from '../env.js';
import { ConfigError } from '../errors.js';
import { shownUrl } from './redact.js';

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

/** A setting that only means something with another (a secret with its URL): set alone, it is a mistake worth naming. */
export function settingWith(env: Environment, name: string, requiredName: string): string | undefined {
  const value = setting(env, name);
  if (value !== undefined && setting(env, requiredName) === undefined) {
    throw new ConfigError(`${name} is set but ${requiredName} is not; set both, or neither.`);
  }
  return value;
}

/** A URL and its optional secret, both `undefined` when the URL is unset. */
export function signedUrl(
  env: Environment,
  urlName: string,
  secretName: string,
  example: string,
): { readonly url: string; readonly secret: string | undefined } | undefined {
  const url = setting(env, urlName);
  const secret = settingWith(env, secretName, urlName);
  return url === undefined ? undefined : Object.freeze({ url: channelUrl(urlName, url, example), secret });
}

/** A URL alone, `undefined` when unset. */
export function plainUrl(
  env: Environment,
  name: string,
  example: string,
): { readonly url: string } | undefined {
  const url = setting(env, name);
  return url === undefined ? undefined : Object.freeze({ url: channelUrl(name, url, example) });
}

/** Where a URL channel's messages go, as it may be printed. */
export const urlDestination = <Settings extends { readonly url: string }>(settings: Settings): string =>
  shownUrl(settings.url);
