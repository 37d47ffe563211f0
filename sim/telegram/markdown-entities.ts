import { byteOffset, EntityParseError, isSpace, reader } from './entity-error.js';

const LEGACY_MARKERS = '_*`[';

/**
 * Parses legacy `Markdown` parse mode as TDLib does and returns the plain text. An unpaired `_`,
 * `*`, `` ` `` or `[` (an instance called `web_1`) fails the whole message: the bug this fake exists
 * to reproduce.
 */
export function parseMarkdown(markup: string): string {
  const at = reader(markup);
  const size = markup.length;
  let text = '';
  for (let i = 0; i < size; i++) {
    const char = at(i);
    if (char === '\\' && i + 1 < size && LEGACY_MARKERS.includes(at(i + 1))) {
      i++;
      text += at(i);
      continue;
    }
    if (!LEGACY_MARKERS.includes(char)) {
      text += char;
      continue;
    }
    const begin = i;
    const endChar = char === '[' ? ']' : char;
    let isPre = false;
    i++;
    if (char === '`' && at(i) === '`' && at(i + 1) === '`') {
      i += 2;
      isPre = true;
      let languageEnd = i;
      while (languageEnd < size && !isSpace(at(languageEnd)) && at(languageEnd) !== '`') languageEnd++;
      if (i !== languageEnd && languageEnd < size && at(languageEnd) !== '`') i = languageEnd;
      if (at(i) === '\n' || at(i) === '\r') {
        i += (at(i + 1) === '\n' || at(i + 1) === '\r') && at(i) !== at(i + 1) ? 2 : 1;
      }
    }
    const contentStart = i;
    while (i < size && (at(i) !== endChar || (isPre && !(at(i + 1) === '`' && at(i + 2) === '`')))) {
      text += at(i);
      i++;
    }
    if (i >= size) {
      throw new EntityParseError(
        `Can't find end of the entity starting at byte offset ${byteOffset(markup, begin)}`,
      );
    }
    if (char === '[' && i > contentStart && at(i + 1) === '(') {
      i += 2;
      while (i < size && at(i) !== ')') i++;
    }
    if (isPre) i += 2;
  }
  return text;
}

const V2_RESERVED = '_*[]()~`>#+-=|{}.!';

type V2Entity =
  | 'Bold'
  | 'Italic'
  | 'Underline'
  | 'Strikethrough'
  | 'Spoiler'
  | 'Code'
  | 'Pre'
  | 'PreCode'
  | 'TextUrl'
  | 'CustomEmoji';

function closes(type: V2Entity, at: (index: number) => string, i: number): boolean {
  const char = at(i);
  switch (type) {
    case 'Bold':
      return char === '*';
    case 'Italic':
      return char === '_' && at(i + 1) !== '_';
    case 'Underline':
      return char === '_' && at(i + 1) === '_';
    case 'Strikethrough':
      return char === '~';
    case 'Spoiler':
      return char === '|' && at(i + 1) === '|';
    case 'Code':
      return char === '`';
    case 'Pre':
    case 'PreCode':
      return char === '`' && at(i + 1) === '`' && at(i + 2) === '`';
    case 'TextUrl':
    case 'CustomEmoji':
      return char === ']';
  }
}

function reservedError(char: string): EntityParseError {
  return new EntityParseError(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);
}

/**
 * Parses `MarkdownV2` parse mode closely enough to refuse what Telegram refuses: any reserved
 * character outside an entity, and entities left open. Blockquotes are accepted at line starts;
 * URLs are not checked.
 */
export function parseMarkdownV2(markup: string): string {
  const at = reader(markup);
  const size = markup.length;
  const open: { type: V2Entity; begin: number }[] = [];
  let text = '';
  for (let i = 0; i < size; i++) {
    const char = at(i);
    const next = at(i + 1).charCodeAt(0);
    if (char === '\\' && i + 1 < size && next >= 1 && next <= 126) {
      i++;
      text += at(i);
      continue;
    }
    const top = open.at(-1);
    const inCode = top !== undefined && (top.type === 'Code' || top.type === 'Pre' || top.type === 'PreCode');
    if (inCode ? char !== '`' : !V2_RESERVED.includes(char)) {
      text += char;
      continue;
    }
    const lineStart = i === 0 || at(i - 1) === '\n' || at(i - 1) === '\r';
    if (!inCode && lineStart && (char === '>' || markup.startsWith('**>', i))) {
      if (char === '*') i += 2;
      continue;
    }
    if (top !== undefined && closes(top.type, at, i)) {
      open.pop();
      if (top.type === 'Underline' || top.type === 'Spoiler') i++;
      if (top.type === 'Pre' || top.type === 'PreCode') i += 2;
      if ((top.type === 'TextUrl' || top.type === 'CustomEmoji') && at(i + 1) === '(') {
        i += 2;
        const urlStart = i;
        while (i < size && at(i) !== ')') i += at(i) === '\\' ? 2 : 1;
        if (i >= size)
          throw new EntityParseError(
            `Can't find end of a URL at byte offset ${byteOffset(markup, urlStart)}`,
          );
      } else if (top.type === 'CustomEmoji') {
        throw new EntityParseError('The entity must contain a tg://emoji or tg://time URL');
      }
      continue;
    }
    const begin = i;
    let type: V2Entity;
    if (char === '_') {
      type = at(i + 1) === '_' ? 'Underline' : 'Italic';
      if (type === 'Underline') i++;
    } else if (char === '*') type = 'Bold';
    else if (char === '~') type = 'Strikethrough';
    else if (char === '[') type = 'TextUrl';
    else if (char === '|' && at(i + 1) === '|') {
      type = 'Spoiler';
      i++;
    } else if (char === '!' && at(i + 1) === '[') {
      type = 'CustomEmoji';
      i++;
    } else if (char === '`' && at(i + 1) === '`' && at(i + 2) === '`') {
      i += 3;
      let languageEnd = i;
      while (!isSpace(at(languageEnd)) && at(languageEnd) !== '`') languageEnd++;
      type = i !== languageEnd && languageEnd < size && at(languageEnd) !== '`' ? 'PreCode' : 'Pre';
      i = (type === 'PreCode' ? languageEnd : i) - 1;
    } else if (char === '`') type = 'Code';
    else throw reservedError(char);
    open.push({ type, begin });
  }
  const unclosed = open.at(-1);
  if (unclosed) {
    throw new EntityParseError(
      `Can't find end of ${unclosed.type} entity at byte offset ${byteOffset(markup, unclosed.begin)}`,
    );
  }
  return text;
}
