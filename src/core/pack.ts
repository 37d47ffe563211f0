import { escapeHtml, htmlToPlain } from './html.js';

/** Telegram's limit for one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Packs text blocks into as few messages as fit the limit, in order, each message carrying the
 * references of the blocks it holds (so the caller knows what was delivered with it). The limit
 * applies to the text after entity parsing, which is never longer than the HTML measured here.
 * A single block longer than the limit is cut, as plain text so that no tag or entity is split.
 */
export function packBlocks<T>(
  blocks: readonly { readonly text: string; readonly ref: T }[],
  limit = TELEGRAM_TEXT_LIMIT,
  separator = '\n\n',
): { text: string; refs: T[] }[] {
  const messages: { text: string; refs: T[] }[] = [];
  let current: { text: string; refs: T[] } | undefined;
  for (const block of blocks) {
    const text = block.text.length > limit ? cutToPlain(block.text, limit) : block.text;
    if (current && current.text.length + separator.length + text.length <= limit) {
      current.text += separator + text;
      current.refs.push(block.ref);
    } else {
      current = { text, refs: [block.ref] };
      messages.push(current);
    }
  }
  return messages;
}

/** A block cut to `limit` characters of HTML: markup dropped, text re-escaped, an ellipsis at the cut. */
function cutToPlain(html: string, limit: number): string {
  const plain = htmlToPlain(html);
  let keep = limit - 1;
  let text = `${escapeHtml(plain.slice(0, keep))}…`;
  // Escaping lengthens `<`, `>` and `&`; shorten until the escaped text fits.
  while (text.length > limit) {
    keep -= text.length - limit;
    text = `${escapeHtml(plain.slice(0, keep))}…`;
  }
  return text;
}
