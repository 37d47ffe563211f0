import { SECRET_CHANNEL_SETTINGS } from './channels/registry.js';
import { ENV } from './constants.js';
import type { Environment } from './env.js';
import { ConfigError } from './errors.js';

const ALLOWED: ReadonlySet<string> = new Set(SECRET_CHANNEL_SETTINGS);

/**
 * Reads the text of CHANNEL_SECRETS_PARAMETER, the SSM SecureString a deployed function reads its
 * secret channel settings from (webhook and push URLs carry credentials, and anyone who may read a
 * function's configuration would see them there): one `NAME=value` a line, as in a `.env` file;
 * blank lines and lines starting with `#` are skipped. Only the channels' secret settings
 * (`SECRET_CHANNEL_SETTINGS`) are accepted, each once. Errors name the parameter, the line and the
 * name, never a value.
 */
export function parseChannelSecrets(text: string, parameter: string): Record<string, string> {
  const found: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = `SSM parameter ${parameter}, line ${index + 1}`;
    const equals = line.indexOf('=');
    if (equals <= 0) {
      throw new ConfigError(`${at}: expected NAME=value, e.g. ${ENV.feishuWebhookUrl}=https://...`);
    }
    const name = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (!ALLOWED.has(name)) {
      throw new ConfigError(
        `${at}: ${JSON.stringify(name)} is not a secret channel setting; it may hold ${SECRET_CHANNEL_SETTINGS.join(', ')}`,
      );
    }
    if (name in found) throw new ConfigError(`${at}: ${name} is set twice`);
    if (value === '') throw new ConfigError(`${at}: ${name} has no value`);
    found[name] = value;
  });
  if (Object.keys(found).length === 0) {
    throw new ConfigError(
      `SSM parameter ${parameter} sets no channel: one NAME=value a line, e.g. ${ENV.feishuWebhookUrl}=https://...`,
    );
  }
  return found;
}

/**
 * The environment with the parameter's settings added. A setting in both places is refused rather
 * than one silently winning: the user would not know which URL the alerts go to.
 */
export function withChannelSecrets(
  env: Environment,
  secrets: Readonly<Record<string, string>>,
  parameter: string,
): Environment {
  const both = Object.keys(secrets).filter((name) => env[name]?.trim());
  if (both.length > 0) {
    throw new ConfigError(
      `${both.join(', ')} ${both.length === 1 ? 'is' : 'are'} set both in the environment and in SSM parameter ${parameter} (${ENV.channelSecretsParameter}); keep one`,
    );
  }
  return { ...env, ...secrets };
}
