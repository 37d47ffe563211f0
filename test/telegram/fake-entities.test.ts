import { describe, expect, it } from 'vitest';
import { checkMessageText } from '../../sim/telegram/message-text.js';

const html = (text: string, strict = true) => checkMessageText(text, 'HTML', strict);
const refusal = (description: string) => ({ ok: false, description });
const entities = (detail: string) => refusal(`can't parse entities: ${detail}`);

describe("the fake's HTML parse mode", () => {
  it.each([
    '<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>n</ins> <s>s</s> <strike>k</strike> <del>d</del>',
    '<span class="tg-spoiler">x</span> <tg-spoiler>y</tg-spoiler>',
    '<a href="https://example.com/?a=1&amp;b=2">link</a>',
    '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre> <code>x</code>',
    '<blockquote>q</blockquote><blockquote expandable>more</blockquote>',
    '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    '<b>nested <i>italic <u>under</u></i></b> &lt;&gt;&amp;&quot; &#8212; &#x1F600;',
  ])('accepts %s', (text) => {
    expect(html(text).ok).toBe(true);
  });

  it.each([
    ['<x>hi</x>', entities('Unsupported start tag "x" at byte offset 0')],
    ['🏟 <br>', entities('Unsupported start tag "br" at byte offset 5')],
    ['5 < 6', entities('Unsupported start tag "" at byte offset 2')],
    ['<b>bold</i>', entities('Unmatched end tag at byte offset 7, expected "</b>", found "</i>"')],
    ['<b>open', entities(`Can't find end tag corresponding to start tag "b"`)],
    ['closed</b>', entities('Unexpected end tag at byte offset 6')],
    ['x <b', entities('Unclosed start tag at byte offset 2')],
    ['<span>x</span>', entities('Tag "span" must have class "tg-spoiler" at byte offset 0')],
    ['<a href=x/>y</a>', entities('Unexpected end of name token at byte offset 8')],
    ['<tg-emoji emoji-id="x">y</tg-emoji>', entities('Invalid custom emoji identifier specified')],
    ['usage > 90%', entities('Character ">" at byte offset 6 must be escaped as "&gt;"')],
    ['AT&T', entities('Character "&" at byte offset 2 does not start an entity; escape it as "&amp;"')],
  ])('refuses %s like Telegram', (text, expected) => {
    expect(html(text)).toEqual(expected);
  });

  it('lets a bare > and an unknown &name; through when not strict, as Telegram itself does', () => {
    expect(html('usage > 90% &ge; AT&T', false)).toEqual({ ok: true, plainText: 'usage > 90% &ge; AT&T' });
  });

  it('counts the 4096-character limit after entity parsing', () => {
    const atLimit = `<b>${'&amp;'.repeat(4096)}</b>`;

    expect(html(atLimit)).toEqual({ ok: true, plainText: '&'.repeat(4096) });
    expect(html(`<b>${'a'.repeat(4097)}</b>`)).toEqual(refusal('message is too long'));
  });

  it('refuses text that is empty once tags and surrounding whitespace are gone', () => {
    expect(html('  <b></b>\n')).toEqual(refusal('message text is empty'));
  });
});

describe("the fake's legacy Markdown parse mode", () => {
  it('loses an alert for an instance named web_1, as the Python recipe does today', () => {
    expect(checkMessageText('Instance web_1 at 95%', 'Markdown', true)).toEqual(
      entities("Can't find end of the entity starting at byte offset 12"),
    );
  });

  it.each(['*bold* _it_ `code` [link](https://example.com)', 'web\\_1 and 2\\*3', '```\npre\n```'])(
    'accepts %s',
    (text) => {
      expect(checkMessageText(text, 'Markdown', true).ok).toBe(true);
    },
  );

  it.each(['*unclosed', '`tick', '[bracket'])('refuses an unpaired marker in %s', (text) => {
    expect(checkMessageText(text, 'Markdown', true)).toEqual(
      entities("Can't find end of the entity starting at byte offset 0"),
    );
  });
});

describe("the fake's MarkdownV2 parse mode", () => {
  it.each([
    ['web-1 stopped', '-'],
    ['95.2%', '.'],
    ['done!', '!'],
    ['a (b)', '('],
  ])('refuses %s for its unescaped %s', (text, char) => {
    expect(checkMessageText(text, 'MarkdownV2', true)).toEqual(
      entities(`Character '${char}' is reserved and must be escaped with the preceding '\\'`),
    );
  });

  it('accepts escaped reserved characters and closed entities', () => {
    expect(checkMessageText('*web\\-1* at 95\\.2% \\!', 'MarkdownV2', true)).toEqual({
      ok: true,
      plainText: 'web-1 at 95.2% !',
    });
  });

  it('names the entity left open and where it starts', () => {
    expect(checkMessageText('🏟 🏟_abac * asd ', 'MarkdownV2', true)).toEqual(
      entities("Can't find end of Bold entity at byte offset 15"),
    );
  });
});

describe("the fake's plain text and parse_mode handling", () => {
  it('does not parse entities without a parse_mode', () => {
    expect(checkMessageText('<x> web_1 & co', undefined, true)).toEqual({
      ok: true,
      plainText: '<x> web_1 & co',
    });
  });

  it('refuses an unknown parse_mode', () => {
    expect(checkMessageText('hi', 'BBCode', true)).toEqual(refusal('unsupported parse_mode'));
  });
});
