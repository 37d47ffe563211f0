/**
 * Raised by the fake's entity parsers with the text Telegram puts after
 * `Bad Request: can't parse entities: `.
 */
export class EntityParseError extends Error {
  override readonly name = 'EntityParseError';
}

/** Telegram reports positions in UTF-8 bytes of the text as sent, not in JavaScript string indexes. */
export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/** TDLib's `is_space`, which also counts the NUL past the end of the text as a space. */
export function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n' || char === '\v' || char === '\0';
}

/** A character reader that answers NUL past the end, as TDLib's C string does. */
export function reader(text: string): (index: number) => string {
  return (index) => text[index] ?? '\0';
}
