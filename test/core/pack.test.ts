import { describe, expect, it } from 'vitest';
import { packBlocks, TELEGRAM_TEXT_LIMIT } from '../../src/core/pack.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

const block = (length: number, ref: number) => ({ text: String(ref % 10).repeat(length), ref });

describe('packBlocks', () => {
  it('puts blocks that fit together into one message, in order, with their references', () => {
    const packed = packBlocks([
      { text: 'a', ref: 1 },
      { text: 'b', ref: 2 },
    ]);

    expect(packed).toEqual([{ text: 'a\n\nb', refs: [1, 2] }]);
  });

  it('never makes a message longer than 4096 characters, and loses no block', () => {
    const blocks = Array.from({ length: 200 }, (_, index) => block(50 + ((index * 37) % 900), index));

    const packed = packBlocks(blocks);

    expect(packed.length).toBeGreaterThan(1);
    for (const message of packed) expect(message.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(packed.flatMap((message) => message.refs)).toEqual(blocks.map((b) => b.ref));
  });

  it('fills a message to exactly the limit, separator included', () => {
    const packed = packBlocks([block(2_000, 1), block(2_094, 2), block(1, 3)]);

    expect(packed.map((message) => message.text.length)).toEqual([4_096, 1]);
  });

  it('cuts a single block longer than the limit so that it still arrives', () => {
    const packed = packBlocks([block(10_000, 7)]);

    expect(packed).toHaveLength(1);
    expect(packed[0]?.text.length).toBe(TELEGRAM_TEXT_LIMIT);
    expect(packed[0]?.text.endsWith('…')).toBe(true);
    expect(packed[0]?.refs).toEqual([7]);
  });

  it('cuts an over-long block as plain text, so that no tag or entity is split', () => {
    const html = `<b>${'web&amp;co &lt;eu&gt; '.repeat(400)}</b>`;

    const [message] = packBlocks([{ text: html, ref: 1 }]);

    expect(message?.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(message?.text.endsWith('…')).toBe(true);
    expect(message?.text).not.toContain('<b>');
    expect(telegramHtmlProblems(message?.text ?? '')).toEqual([]);
  });

  it('cuts a block of ampersands to as many as fit once escaped, not to almost nothing', () => {
    // Each `&` is 5 characters escaped (`&amp;`): 819 of them and the ellipsis make 4,096.
    const html = '&amp;'.repeat(5_000);

    const [message] = packBlocks([{ text: html, ref: 1 }]);

    expect(message?.text).toBe(`${'&amp;'.repeat(819)}…`);
    expect(message?.text.length).toBe(TELEGRAM_TEXT_LIMIT);
  });

  it('cuts a block of two-unit characters to as many as fit the character limit', () => {
    // An emoji is 2 UTF-16 code units, as Telegram counts: 2,047 of them and the ellipsis make 4,095.
    const html = '🔥'.repeat(3_000);

    const [message] = packBlocks([{ text: html, ref: 1 }]);

    expect(message?.text).toBe(`${'🔥'.repeat(2_047)}…`);
  });

  it('cuts a block of ampersands to as many as fit once escaped when the limit is in UTF-8 bytes', () => {
    const html = `<b>${'&amp;'.repeat(1_000)}</b>`;

    const [message] = packBlocks([{ text: html, ref: 1 }], 1_000, '\n\n', { measure: 'utf8' });

    // 5 bytes each and 3 for the ellipsis: 199 of them make 998 of the 1,000 bytes (a 200th, 1,003).
    expect(message?.text).toBe(`${'&amp;'.repeat(199)}…`);
  });

  it('packs nothing into no message', () => {
    expect(packBlocks([])).toEqual([]);
  });

  it('sends a block of exactly 4096 characters whole, without cutting it', () => {
    const text = `<b>${'x'.repeat(TELEGRAM_TEXT_LIMIT - 7)}</b>`;

    const packed = packBlocks([{ text, ref: 1 }]);

    expect(packed).toEqual([{ text, refs: [1] }]);
  });
});
