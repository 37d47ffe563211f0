import { byteOffset, EntityParseError, isSpace, reader } from './entity-error.js';

// The tags of the Bot API "HTML style" section; anything else is refused like Telegram does.
const SUPPORTED_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
  'tg-time',
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * Decodes the HTML entity at `index` as TDLib does: the four named entities and numeric ones, the
 * `;` optional. Returns undefined for anything else (Telegram then keeps the `&` as text).
 */
function decodeEntity(text: string, index: number): { char: string; next: number } | undefined {
  const at = reader(text);
  let end = index + 1;
  let char: string | undefined;
  if (at(end) === '#') {
    end++;
    const hex = at(end) === 'x';
    if (hex) end++;
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    const start = end;
    while (digits.test(at(end))) end++;
    const code = end > start ? Number.parseInt(text.slice(start, end), hex ? 16 : 10) : 0;
    if (code === 0 || code >= 0x10ffff || end - index >= 10) return undefined;
    if (code >= 0xd800 && code <= 0xdfff) {
      throw new EntityParseError(
        'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units',
      );
    }
    char = String.fromCodePoint(code);
  } else {
    while (/[A-Za-z]/.test(at(end))) end++;
    char = NAMED_ENTITIES[text.slice(index + 1, end)];
    if (char === undefined) return undefined;
  }
  return { char, next: at(end) === ';' ? end + 1 : end };
}

/** Where a tag's attribute value ends, and the value (name tokens lowercased, literals decoded). */
function readAttributeValue(markup: string, start: number): { value: string; next: number } {
  const at = reader(markup);
  let i = start;
  const quote = at(i);
  if (quote !== '"' && quote !== "'") {
    while (/[A-Za-z0-9.-]/.test(at(i))) i++;
    if (!isSpace(at(i)) && at(i) !== '>') {
      throw new EntityParseError(`Unexpected end of name token at byte offset ${byteOffset(markup, start)}`);
    }
    return { value: markup.slice(start, i).toLowerCase(), next: i };
  }
  let value = '';
  i++;
  while (i < markup.length && at(i) !== quote) {
    const decoded = at(i) === '&' ? decodeEntity(markup, i) : undefined;
    if (decoded) {
      value += decoded.char;
      i = decoded.next;
    } else {
      value += at(i);
      i++;
    }
  }
  return { value, next: at(i) === quote ? i + 1 : i };
}

/**
 * Parses a start tag at `begin` (the `<`) with TDLib's rules and wording. Returns the tag name, the
 * argument that matters for validation, and the index of the closing `>`.
 */
function readStartTag(markup: string, begin: number): { tag: string; argument: string; end: number } {
  const at = reader(markup);
  const offset = byteOffset(markup, begin);
  let i = begin + 1;
  while (!isSpace(at(i)) && at(i) !== '>') i++;
  if (i >= markup.length) throw new EntityParseError(`Unclosed start tag at byte offset ${offset}`);
  const tag = markup.slice(begin + 1, i).toLowerCase();
  if (!SUPPORTED_TAGS.has(tag))
    throw new EntityParseError(`Unsupported start tag "${tag}" at byte offset ${offset}`);
  let argument = '';
  while (at(i) !== '>') {
    while (i < markup.length && isSpace(at(i))) i++;
    if (at(i) === '>') break;
    const nameStart = i;
    while (!isSpace(at(i)) && at(i) !== '=' && at(i) !== '>') i++;
    const name = markup.slice(nameStart, i);
    if (name.length === 0) {
      throw new EntityParseError(`Empty attribute name in the tag "${tag}" at byte offset ${offset}`);
    }
    while (i < markup.length && isSpace(at(i))) i++;
    if (i >= markup.length)
      throw new EntityParseError(`Unclosed start tag "${tag}" at byte offset ${offset}`);
    if (at(i) !== '=') {
      if (tag === 'blockquote' && name === 'expandable') argument = 'expandable';
      continue;
    }
    i++;
    while (i < markup.length && isSpace(at(i))) i++;
    if (i >= markup.length)
      throw new EntityParseError(`Unclosed start tag "${tag}" at byte offset ${offset}`);
    const { value, next } = readAttributeValue(markup, i);
    i = next;
    if (i >= markup.length) throw new EntityParseError(`Unclosed start tag at byte offset ${offset}`);
    if (tag === 'span' && name === 'class' && value.startsWith('tg-')) argument = value.slice(3);
    if ((tag === 'a' && name === 'href') || (tag === 'tg-emoji' && name === 'emoji-id')) argument = value;
  }
  if (tag === 'span' && argument !== 'spoiler') {
    throw new EntityParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${offset}`);
  }
  return { tag, argument, end: i };
}

/**
 * Parses Telegram `HTML` parse mode and returns the plain text, or throws an EntityParseError worded
 * like Telegram's. With `strict`, it also refuses what the Bot API documentation forbids but TDLib
 * lets through (a bare `>`, an `&` that starts no entity), so an escaping bug fails in tests.
 */
export function parseHtml(markup: string, strict = true): string {
  const at = reader(markup);
  const open: { tag: string; argument: string }[] = [];
  let text = '';
  for (let i = 0; i < markup.length; i++) {
    const char = at(i);
    if (char === '&') {
      const decoded = decodeEntity(markup, i);
      if (decoded) {
        text += decoded.char;
        i = decoded.next - 1;
        continue;
      }
      if (strict) {
        throw new EntityParseError(
          `Character "&" at byte offset ${byteOffset(markup, i)} does not start an entity; escape it as "&amp;"`,
        );
      }
    }
    if (char === '>' && strict) {
      throw new EntityParseError(
        `Character ">" at byte offset ${byteOffset(markup, i)} must be escaped as "&gt;"`,
      );
    }
    if (char !== '<') {
      text += char;
      continue;
    }
    const begin = i;
    if (at(i + 1) !== '/') {
      const start = readStartTag(markup, begin);
      open.push({ tag: start.tag, argument: start.argument });
      i = start.end;
      continue;
    }
    const last = open.pop();
    if (last === undefined)
      throw new EntityParseError(`Unexpected end tag at byte offset ${byteOffset(markup, begin)}`);
    i = begin + 1;
    while (!isSpace(at(i)) && at(i) !== '>') i++;
    const endName = markup.slice(begin + 2, i);
    while (i < markup.length && isSpace(at(i))) i++;
    if (at(i) !== '>')
      throw new EntityParseError(`Unclosed end tag at byte offset ${byteOffset(markup, begin)}`);
    if (endName.length > 0 && endName !== last.tag) {
      throw new EntityParseError(
        `Unmatched end tag at byte offset ${byteOffset(markup, begin)}, expected "</${last.tag}>", found "</${endName}>"`,
      );
    }
    if (last.tag === 'tg-emoji' && !/^[1-9]\d{0,18}$/.test(last.argument)) {
      throw new EntityParseError('Invalid custom emoji identifier specified');
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return text;
}
