import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlToPlain } from '../../src/core/html.js';
import { formatAmount, formatPercent } from '../../src/core/units.js';

describe('formatAmount and formatPercent', () => {
  it('shows bytes in the configured unit with two decimals', () => {
    expect(formatAmount(1_500_000_000, 'GB')).toBe('1.50');
    expect(formatAmount(1_500_000_000, 'GiB')).toBe('1.40');
  });

  it('shows a percentage with one decimal, an infinite share as ∞ and an unknown one as unknown', () => {
    expect(formatPercent(94.94)).toBe('94.9%');
    expect(formatPercent(95)).toBe('95.0%');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('∞%');
    expect(formatPercent(null)).toBe('unknown');
  });
});

describe('formatPercent never rounds up across a threshold', () => {
  it.each([
    [99.99, '99.99%'],
    [99.999_9, '99.99%'],
    [94.96, '94.96%'],
    [79.951, '79.95%'],
    [100, '100.0%'],
    [100.04, '100.0%'],
    [12.39, '12.3%'],
  ])('shows %f as %s', (percent, text) => {
    expect(formatPercent(percent)).toBe(text);
  });
});

describe('escapeHtml', () => {
  it('escapes exactly <, > and &, and & first so that nothing is escaped twice', () => {
    expect(escapeHtml('a<b>&c_d.e-f "g"')).toBe('a&lt;b&gt;&amp;c_d.e-f "g"');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('is undone by htmlToPlain, which also drops the tags', () => {
    const name = 'web_1.<b>&co';

    expect(htmlToPlain(`<code>${escapeHtml(name)}</code>`)).toBe(name);
  });
});
