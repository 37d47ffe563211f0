import { describe, expect, it } from 'vitest';
import { percentUsed } from '../../src/core/decide.js';
import { formatPercent } from '../../src/core/units.js';
import { GB } from '../support/builders.js';

describe('formatPercent at the two-decimal boundary', () => {
  it.each([
    [0.95, '0.95%'],
    [1.95, '1.95%'],
  ])(
    'shows %f with two decimals: from .95 on one rounded decimal would read as the next whole number',
    (percent, text) => {
      expect(formatPercent(percent)).toBe(text);
    },
  );

  it('shows 1.95 GB of a 100 GB allowance as 1.95%', () => {
    expect(formatPercent(percentUsed(1.95 * GB, 100 * GB))).toBe('1.95%');
  });
});
