import { describe, expect, it } from 'vitest';
import { type Block, composeMessages, cutLine, oneLine } from '../../src/core/compose.js';
import type { ChannelFormat } from '../../src/core/ports.js';

// Composing a check's alerts (or the report's lines) into a channel's messages: what each message
// holds in HTML and in plain text, its subject, and the data of exactly the blocks it carries.

function block(name: string, html: string): Block<string> {
  return { html, data: { kind: 'warn', instance: name, text: name }, ref: name };
}

const A = block('a', '<b>a</b> &amp; 1');
const B = block('b', '<code>b</code> &lt;2&gt;');
const C = block('c', 'c 3');

function compose(blocks: readonly Block<string>[], format: ChannelFormat, separator = '\n\n') {
  return composeMessages({
    blocks,
    format,
    separator,
    type: 'alerts',
    language: 'en',
    subject: (held, index, total) => `${held.map((b) => b.ref).join('+')} ${index + 1}/${total}`,
    sms: (held) => `sms ${held.map((b) => b.ref).join('+')}`,
  });
}

describe('oneLine and cutLine: a subject or a push title', () => {
  it('turns each run of control characters, line breaks included, into one space, and trims', () => {
    expect(oneLine('\n Stop:\r\n\tweb-1\u0000\u0007at 95%\u007f\u0085done\u009f ')).toBe(
      'Stop: web-1 at 95% done',
    );
  });

  it('keeps ordinary characters around the control range as they are', () => {
    expect(oneLine(' !~\u00a0é')).toBe('!~\u00a0é');
  });

  it('leaves a line that fits, exactly at the limit too', () => {
    expect(cutLine('abcde', 5)).toBe('abcde');
    expect(cutLine('a\nb', 3)).toBe('a b');
  });

  it('cuts a longer line to the limit, an ellipsis last and no space before it', () => {
    expect(cutLine('abc defgh', 5)).toBe('abc…');
    expect(cutLine('abcdefgh', 5)).toBe('abcd…');
    expect([...cutLine('abcdefgh', 5)]).toHaveLength(5);
  });

  it('counts code points, so that no emoji is split', () => {
    expect(cutLine('⚠️😀😀😀', 3)).toBe('⚠️…');
    expect(cutLine('😀😀😀', 3)).toBe('😀😀😀');
  });
});

describe('composeMessages', () => {
  it('gives each message the SMS text of exactly the blocks it holds', () => {
    const messages = compose([A, B, C], { body: 'text', limit: 12, measure: 'utf8' });

    expect(messages.map(({ message }) => message.sms)).toEqual(['sms a+b', 'sms c']);
  });

  it('measures a body sent inside JSON as escaped: a quote and a line break take two bytes each', () => {
    const quoted = block('q', '"""');
    // Two blocks and the line between them: 7 bytes as UTF-8, 14 once escaped.
    const json = compose([quoted, quoted], { body: 'text', limit: 13, measure: 'json' }, '\n');
    const raw = compose([quoted, quoted], { body: 'text', limit: 13, measure: 'utf8' }, '\n');

    expect(json.map(({ message }) => message.text)).toEqual(['"""', '"""']);
    expect(raw.map(({ message }) => message.text)).toEqual(['"""\n"""']);
  });

  it('packs blocks that fit into one HTML message with its plain text, subject and every block’s data', () => {
    const [message, ...rest] = compose([A, B], { body: 'html', limit: 4096, measure: 'chars' });

    expect(rest).toEqual([]);
    expect(message?.message).toEqual({
      type: 'alerts',
      language: 'en',
      subject: 'a+b 1/1',
      html: '<b>a</b> &amp; 1\n\n<code>b</code> &lt;2&gt;',
      text: 'a & 1\n\nb <2>',
      sms: 'sms a+b',
      events: [A.data, B.data],
    });
    expect(message?.blocks).toEqual([A, B]);
  });

  it('measures a plain-text channel’s body as text, keeping the HTML of the same blocks', () => {
    const [message] = compose([A, B], { body: 'text', limit: 4096, measure: 'utf8' }, '\n---\n');

    expect(message?.message.text).toBe('a & 1\n---\nb <2>');
    expect(message?.message.html).toBe('<b>a</b> &amp; 1\n---\n<code>b</code> &lt;2&gt;');
  });

  it('splits where the channel’s limit falls, each message carrying only its own blocks and a numbered subject', () => {
    // 'a & 1' and 'b <2>' are 5 characters each: with a 2-character separator, 12 do not fit.
    const messages = compose([A, B, C], { body: 'text', limit: 11, measure: 'chars' }, '\n\n');

    expect(messages.map((m) => m.message.text)).toEqual(['a & 1', 'b <2>\n\nc 3']);
    expect(messages.map((m) => m.message.subject)).toEqual(['a 1/2', 'b+c 2/2']);
    expect(messages.map((m) => m.message.events)).toEqual([[A.data], [B.data, C.data]]);
    expect(messages.map((m) => m.blocks.map((b) => b.ref))).toEqual([['a'], ['b', 'c']]);
    expect(messages[1]?.message.html).toBe('<code>b</code> &lt;2&gt;\n\nc 3');
  });

  it('measures a Telegram body as its HTML: markup counts towards the limit', () => {
    // 'a & 1' alone is 5 characters, but its HTML is 16; two blocks' HTML do not fit in 30.
    const messages = compose([A, C], { body: 'html', limit: 30, measure: 'chars' });

    expect(messages.map((m) => m.message.html)).toEqual(['<b>a</b> &amp; 1\n\nc 3']);
    const split = compose([A, B], { body: 'html', limit: 30, measure: 'chars' });
    expect(split.map((m) => m.message.text)).toEqual(['a & 1', 'b <2>']);
  });

  it('makes the subject one line', () => {
    const [message] = composeMessages({
      blocks: [A],
      format: { body: 'html', limit: 4096, measure: 'chars' },
      separator: '\n\n',
      type: 'report',
      language: 'zh-CN',
      subject: () => 'Report\nfor November',
      sms: () => 'Report',
    });

    expect(message?.message).toMatchObject({
      type: 'report',
      language: 'zh-CN',
      subject: 'Report for November',
    });
  });

  it('composes nothing from no blocks', () => {
    expect(compose([], { body: 'html', limit: 4096, measure: 'chars' })).toEqual([]);
  });
});
