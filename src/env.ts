/** Environment as read: names from `ENV`, values as strings. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The trimmed value of variable `name`. An unset or blank variable is "not set" (`undefined`):
 * deploy tools often pass empty strings.
 */
export function setting(env: Environment, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/** Comma-separated items, trimmed; empty items (a trailing comma, `a,,b`) are dropped. */
export function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
