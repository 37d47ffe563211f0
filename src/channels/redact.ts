/**
 * Webhook URLs are credentials: DingTalk's `access_token`, WeCom's `key`, a Bark device key or a
 * ServerChan SendKey sit in the URL itself. Nothing a push adapter throws or logs may carry one.
 */

const REDACTED = '<redacted>';

/**
 * Whether a path segment or query value may be a key: long, or a mix of letters and digits. Keys
 * are UUIDs, hex or base62 strings of 20 characters and more; words such as `webhook`, `send` or
 * `cgi-bin` are not, and hiding them would blank out the words of an error message.
 */
const keyLike = (part: string): boolean => part.length >= 16 || (part.length >= 8 && /\d/.test(part));

/** The parts of a URL that may be secret: the whole URL, its path and query, and each key-like part. */
export function urlSecrets(url: string): string[] {
  const secrets = [url];
  try {
    const parsed = new URL(url);
    secrets.push(`${parsed.pathname}${parsed.search}`);
    for (const segment of parsed.pathname.split('/')) if (keyLike(segment)) secrets.push(segment);
    for (const value of parsed.searchParams.values()) if (keyLike(value)) secrets.push(value);
    if (parsed.password) secrets.push(parsed.password);
  } catch {
    // Not a URL: the whole value is all there is to hide.
  }
  return secrets;
}

/** `text` with every secret (and its URL-encoded form) replaced by `<redacted>`, longest first. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = secrets
    .filter((secret) => secret.length > 0)
    .flatMap((secret) => [secret, encodeURIComponent(secret)])
    .sort((a, b) => b.length - a.length);
  return forms.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

/**
 * A URL as it may be shown: scheme and host only, the rest elided (`https://oapi.dingtalk.com/…`).
 * For configuration errors, so that a user can tell which URL is meant without it being printed.
 */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const rest = `${parsed.pathname}${parsed.search}` === '/' ? '' : '/…';
    return `${parsed.protocol}//${parsed.host}${rest}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * An error (and its `cause` chain) rebuilt with every message and stack passed through `hide`, so it
 * can be kept as a `cause` without leaking a secret that `fetch` may have put in it (the URL).
 */
export function redactedError(error: unknown, hide: (text: string) => string, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(hide(String(error)));
  const cause =
    error.cause !== undefined && depth < 5 ? redactedError(error.cause, hide, depth + 1) : undefined;
  const copy = new Error(hide(error.message), cause === undefined ? undefined : { cause });
  copy.name = error.name;
  copy.stack = hide(error.stack ?? `${error.name}: ${error.message}`);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
  return copy;
}
