import { escapeHtml, htmlToPlain } from './html.js';

/** Telegram's limit for one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * How a channel counts: characters (UTF-16 code units, as Telegram does), UTF-8 bytes, or UTF-8
 * bytes once escaped as the value of a JSON string (`json`: a line break is `\n`, two bytes; a
 * control character `\u0001`, six), for a text sent inside a JSON document that the limit counts.
 */
export type Measure = 'chars' | 'utf8' | 'json';

const encoder = new TextEncoder();

/** The length of `text` as a channel counts it. */
export function measured(text: string, measure: Measure): number {
  if (measure === 'chars') return text.length;
  // JSON escapes character by character, so the escaped length of joined texts is the sum of theirs.
  return encoder.encode(measure === 'json' ? JSON.stringify(text).slice(1, -1) : text).length;
}

/** How a packed body is counted and, when one block alone is too long, cut. */
export interface PackOptions {
  readonly measure?: Measure;
  /** `html`: blocks are Telegram HTML, cut as plain text and re-escaped. `text`: plain text. */
  readonly body?: 'html' | 'text';
}

/**
 * Packs text blocks into as few messages as fit the limit, in order, each message carrying the
 * references of the blocks it holds (so the caller knows what was delivered with it). For
 * Telegram, the limit applies to the text after entity parsing, which is never longer than the
 * HTML measured here. A single block longer than the limit is cut, as plain text so that no tag or
 * entity is split.
 */
export function packBlocks<T>(
  blocks: readonly { readonly text: string; readonly ref: T }[],
  limit = TELEGRAM_TEXT_LIMIT,
  separator = '\n\n',
  options: PackOptions = {},
): { text: string; refs: T[] }[] {
  const measure = options.measure ?? 'chars';
  const size = (text: string): number => measured(text, measure);
  const messages: { text: string; refs: T[] }[] = [];
  let current: { text: string; refs: T[] } | undefined;
  for (const block of blocks) {
    const text =
      size(block.text) > limit ? cut(block.text, limit, measure, options.body ?? 'html') : block.text;
    if (current && size(current.text) + size(separator) + size(text) <= limit) {
      current.text += separator + text;
      current.refs.push(block.ref);
    } else {
      current = { text, refs: [block.ref] };
      messages.push(current);
    }
  }
  return messages;
}

/** Where a block was cut. */
const ELLIPSIS = '…';

/**
 * A block cut to `limit`: markup dropped (HTML is re-escaped), an ellipsis at the cut. Cut by code
 * points, so that no surrogate pair or multi-byte character is split.
 */
function cut(block: string, limit: number, measure: Measure, body: 'html' | 'text'): string {
  const plain = body === 'html' ? htmlToPlain(block) : block;
  // Each character is counted as sent: escaped, an `&` is 5 characters (`&amp;`), and an emoji is
  // 2 UTF-16 units or 4 bytes. Estimating how many to drop from the excess over-cut a block of
  // those to almost nothing; adding them one at a time keeps as many as fit, and never one more.
  let room = limit - measured(ELLIPSIS, measure);
  const kept: string[] = [];
  for (const char of plain) {
    const sent = body === 'html' ? escapeHtml(char) : char;
    const size = measured(sent, measure);
    if (size > room) break;
    kept.push(sent);
    room -= size;
  }
  return `${kept.join('')}${ELLIPSIS}`;
}
