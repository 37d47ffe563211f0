/** `ALERT_LANGUAGE`: the language of alerts, reports and subjects, per channel where asked. */

import { CHANNEL_NAMES } from './channels/registry.js';
import { ENV } from './constants.js';
import { LANGUAGES, type Language } from './core/i18n/catalogue.js';
import { type Environment, setting, splitList } from './env.js';
import { ConfigError } from './errors.js';

export const DEFAULT_LANGUAGE: Language = 'en';

/** One language tag of `ALERT_LANGUAGE`: case-insensitive (BCP 47), `zh_CN` as locales often write it. */
function languageOf(raw: string): Language {
  const found = LANGUAGES.find((language) => language.toLowerCase() === raw.replace('_', '-').toLowerCase());
  if (found !== undefined) return found;
  throw new ConfigError(
    `${ENV.alertLanguage} takes ${LANGUAGES.join(' or ')} (default ${DEFAULT_LANGUAGE}), optionally followed by <channel>:<language> for a channel in another language, e.g. zh-CN,telegram:en; got "${raw}".`,
  );
}

/**
 * `ALERT_LANGUAGE`: the language of every message, then `channel:language` pairs for channels
 * read by someone else, e.g. `zh-CN,telegram:en`: emails in Chinese, Telegram in English.
 */
export function parseLanguages(env: Environment): {
  readonly language: Language;
  readonly channelLanguages: Readonly<Partial<Record<string, Language>>>;
} {
  const raw = setting(env, ENV.alertLanguage);
  if (raw === undefined) return { language: DEFAULT_LANGUAGE, channelLanguages: Object.freeze({}) };
  const items = splitList(raw);
  const defaults = items.filter((item) => !item.includes(':'));
  if (defaults.length > 1) {
    throw new ConfigError(
      `${ENV.alertLanguage} has one language for every channel, then <channel>:<language> pairs; got "${raw}".`,
    );
  }
  const channelLanguages: Partial<Record<string, Language>> = {};
  for (const pair of items.filter((item) => item.includes(':'))) {
    const [channel = '', language = ''] = pair.split(':', 2).map((part) => part.trim());
    if (!(CHANNEL_NAMES as readonly string[]).includes(channel)) {
      throw new ConfigError(
        `${ENV.alertLanguage}: "${channel}" is not a channel; channels are ${CHANNEL_NAMES.join(', ')}.`,
      );
    }
    channelLanguages[channel] = languageOf(language);
  }
  return {
    language: defaults[0] === undefined ? DEFAULT_LANGUAGE : languageOf(defaults[0]),
    channelLanguages: Object.freeze(channelLanguages),
  };
}
