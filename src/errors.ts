/** A setting is missing or wrong. Exit code 2 in the CLI; no AWS or Telegram call is made. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The command line itself is wrong (unknown command or flag). Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
