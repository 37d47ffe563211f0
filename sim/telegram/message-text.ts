import { EntityParseError } from './entity-error.js';
import { parseHtml } from './html-entities.js';
import { parseMarkdown, parseMarkdownV2 } from './markdown-entities.js';

/** Telegram's limit on `sendMessage` text, counted after entity parsing. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Why Telegram would refuse a message text: the `description` after `Bad Request: `. */
export type TextProblem = { ok: false; description: string } | { ok: true; plainText: string };

/**
 * Checks a `sendMessage` text the way Telegram does: parse entities for the parse mode, strip the
 * surrounding whitespace, then require 1..4096 characters. Characters are UTF-16 code units, like
 * the offsets of Telegram's entities; that is also the stricter of the possible readings.
 */
export function checkMessageText(
  text: string,
  parseMode: string | undefined,
  strictHtml: boolean,
): TextProblem {
  let plainText: string;
  try {
    switch ((parseMode ?? '').toLowerCase()) {
      case '':
        plainText = text;
        break;
      case 'html':
        plainText = parseHtml(text, strictHtml);
        break;
      case 'markdown':
        plainText = parseMarkdown(text);
        break;
      case 'markdownv2':
        plainText = parseMarkdownV2(text);
        break;
      default:
        return { ok: false, description: 'unsupported parse_mode' };
    }
  } catch (error) {
    if (error instanceof EntityParseError)
      return { ok: false, description: `can't parse entities: ${error.message}` };
    throw error;
  }
  plainText = plainText.trim();
  if (plainText.length === 0) return { ok: false, description: 'message text is empty' };
  if (plainText.length > MAX_MESSAGE_LENGTH) return { ok: false, description: 'message is too long' };
  return { ok: true, plainText };
}
