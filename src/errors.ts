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
 * `text` without its closing full stop: every message that wraps an error ends the sentence itself
 * ("Region not checked us-east-9: <error>."), and AWS messages end with one of their own, which
 * printed "invalid..". An ellipsis is kept.
 */
export function withoutFinalStop(text: string): string {
  return text.replace(/(?<!\.)\.\s*$/, '');
}

/**
 * The message of anything thrown, with the error's name when it says more (e.g.
 * `ThrottlingException: Rate exceeded`), capped so that one runaway message cannot swamp an alert,
 * and without a closing full stop (see {@link withoutFinalStop}).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return withoutFinalStop(`${name}${error.message}`).slice(0, 300);
  }
  return withoutFinalStop(String(error)).slice(0, 300);
}
