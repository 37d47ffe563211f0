/**
 * The deploy settings file: one JSON object the user edits once (`deploy.settings.json` at the
 * repository's root) and every `cdk synth`/`deploy` reads, so a redeploy never drops a setting.
 * `-c key=value` still overrides a key for one run.
 */

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPLOY_SETTINGS_FILE } from '../src/constants.js';
import { type ContextReader, SETTING_KEYS, SettingsError } from './settings.js';

/** Context key naming another settings file, e.g. `-c settingsFile=deploy.eu.json` for a second stack. */
export const SETTINGS_FILE_CONTEXT_KEY = 'settingsFile';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The settings file to read: `-c settingsFile=<path>` (relative to the working directory), else the root's. */
export function settingsFilePath(context: ContextReader, cwd: string = process.cwd()): string {
  const given = context(SETTINGS_FILE_CONTEXT_KEY);
  if (given === undefined || given === null || String(given).trim() === '') {
    return resolve(REPO_ROOT, DEPLOY_SETTINGS_FILE);
  }
  const path = String(given).trim();
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** Keys a file may hold: the settings, and "$comment" for a note (JSON has no comments). */
const COMMENT_KEY = '$comment';

/**
 * The settings in the file at `path`: `{}` when there is no file (everything may come from `-c`,
 * and synthesis then names what is missing). Throws `SettingsError` for a file that is not a JSON
 * object of known keys with string, number or boolean values, naming the file and the key.
 */
export function readSettingsFile(path: string, explicit = false): Readonly<Record<string, unknown>> {
  if (!existsSync(path)) {
    if (explicit)
      throw new SettingsError(`settings file ${path} does not exist (-c ${SETTINGS_FILE_CONTEXT_KEY})`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SettingsError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SettingsError(
      `${path} must hold one JSON object of settings, e.g. {"telegramChatId": "-1001234567890"}`,
    );
  }
  const known = new Set<string>([...SETTING_KEYS, COMMENT_KEY]);
  for (const [key, value] of Object.entries(parsed)) {
    if (!known.has(key)) {
      const near = SETTING_KEYS.find((setting) => setting.toLowerCase() === key.toLowerCase());
      throw new SettingsError(
        `${path}: unknown setting "${key}"${near ? `; did you mean "${near}"?` : ''} (the settings: ${SETTING_KEYS.join(', ')})`,
      );
    }
    if (key !== COMMENT_KEY && !['string', 'number', 'boolean'].includes(typeof value) && value !== null) {
      throw new SettingsError(
        `${path}: ${key} must be a string, a number or true/false, got ${JSON.stringify(value)}`,
      );
    }
  }
  const { [COMMENT_KEY]: _comment, ...settings } = parsed as Record<string, unknown>;
  return settings;
}

/**
 * Where each setting comes from: `-c key=value` (CDK context) first, then the settings file, then
 * the defaults in {@link readSettings}.
 */
export function layeredSettings(
  context: ContextReader,
  file: Readonly<Record<string, unknown>>,
): ContextReader {
  return (key) => {
    const given = context(key);
    return given === undefined ? file[key] : given;
  };
}

/** The reader every synthesis uses: context over the settings file it names (or the root's). */
export function deploySettingsReader(context: ContextReader): ContextReader {
  const explicit = context(SETTINGS_FILE_CONTEXT_KEY) !== undefined;
  return layeredSettings(context, readSettingsFile(settingsFilePath(context), explicit));
}
