/**
 * Webhook URLs are credentials: DingTalk's `access_token`, WeCom's `key`, a Bark device key or a
 * ServerChan SendKey sit in the URL itself. Nothing a push adapter throws or logs may carry one.
 */

const REDACTED = '<redacted>';

/**
 * The parts of a URL that may be secret: the whole URL, its path and query, every path segment and
 * query value of 6 characters or more (shorter ones, like `send` or `v2`, carry no secret and
 * would blank out ordinary words).
 */
export function urlSecrets(url: string): string[] {
  const secrets = [url];
  try {
    const parsed = new URL(url);
    secrets.push(`${parsed.pathname}${parsed.search}`);
    for (const segment of parsed.pathname.split('/')) if (segment.length >= 6) secrets.push(segment);
    for (const value of parsed.searchParams.values()) if (value.length >= 6) secrets.push(value);
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
