import type { EventData } from './event-data.js';
import { htmlToPlain } from './html.js';
import type { Language } from './i18n/catalogue.js';
import { packBlocks } from './pack.js';
import type { ChannelFormat, OutgoingMessage } from './ports.js';

/** One alert, or one line of the report, before it is packed into a channel's messages. */
export interface Block<T> {
  /** HTML, every dynamic value escaped. */
  readonly html: string;
  readonly data: EventData;
  /** What the caller needs to know was delivered with it (the instance an alert belongs to). */
  readonly ref: T;
}

/** A message composed for one channel, and the blocks it carries. */
export interface Composed<T> {
  readonly message: OutgoingMessage;
  readonly blocks: readonly Block<T>[];
}

/** Control characters (line breaks included) would break a subject line: SNS refuses them. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

/** One line of at most `maxChars` code points, cut with an ellipsis: a subject, a push title. */
export function cutLine(text: string, maxChars: number): string {
  const chars = [...oneLine(text)];
  return chars.length <= maxChars
    ? chars.join('')
    : `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * Packs blocks into as few messages as the channel's format allows, in order, measuring the body
 * the channel sends (HTML for Telegram, plain text for the rest) the way it counts. Each message
 * carries both forms of its text, its subject, its short text for SMS and its blocks' data.
 */
export function composeMessages<T>(input: {
  readonly blocks: readonly Block<T>[];
  readonly format: ChannelFormat;
  readonly separator: string;
  readonly type: OutgoingMessage['type'];
  readonly language: Language;
  /** The subject of the `index`-th (0-based) of `total` messages holding `blocks`. */
  readonly subject: (blocks: readonly Block<T>[], index: number, total: number) => string;
  /** The SMS of a message holding `blocks` (`src/core/sms.ts`): at most 1,600 characters. */
  readonly sms: (blocks: readonly Block<T>[]) => string;
}): Composed<T>[] {
  const { blocks, format, separator } = input;
  const bodies = blocks.map((block, index) => ({
    text: format.body === 'html' ? block.html : htmlToPlain(block.html),
    ref: index,
  }));
  const packed = packBlocks(bodies, format.limit, separator, { measure: format.measure, body: format.body });
  return packed.map((pack, index) => {
    const held = pack.refs.flatMap((ref) => (blocks[ref] === undefined ? [] : [blocks[ref]]));
    const html = format.body === 'html' ? pack.text : held.map((block) => block.html).join(separator);
    const text = format.body === 'text' ? pack.text : htmlToPlain(pack.text);
    return {
      message: {
        type: input.type,
        language: input.language,
        subject: oneLine(input.subject(held, index, packed.length)),
        html,
        text,
        sms: input.sms(held),
        events: held.map((block) => block.data),
      },
      blocks: held,
    };
  });
}
