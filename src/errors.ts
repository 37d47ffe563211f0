/** A setting is missing or wrong. Exit code 2 in the CLI; no AWS or Telegram call is made. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The command line itself is wrong (unknown command or flag). Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A CLI command could not do what it was asked (no such instance, a refused call). Exit code 1;
 * the message says what was and was not done.
 */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
}

/**
 * The message of anything thrown, with the error's name when it says more (e.g.
 * `ThrottlingException: Rate exceeded`), capped so that one runaway message cannot swamp an alert.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return `${name}${error.message}`.slice(0, 300);
  }
  return String(error).slice(0, 300);
}
