import { describe, expect, it } from 'vitest';
import { packBlocks, TELEGRAM_TEXT_LIMIT } from '../../src/core/pack.js';
import { renderTable } from '../../src/core/table.js';
import { aRow } from '../support/builders.js';

describe('renderTable: an instance not read', () => {
  it('shows - for the usage and the share of an instance that was not read, not ? or unknown', () => {
    const row = aRow({ name: 'off', state: 'stopped', usedBytes: null, percent: null, action: 'not-read' });

    const lines = renderTable([row], 'GB').split('\n');

    expect(lines).toEqual([
      'INSTANCE  REGION     STATE    USED GB  ALLOWANCE GB  %  ACTION',
      'off       us-east-1  stopped        -        100.00  -  not read (not running)',
    ]);
  });
});

describe('packBlocks: a block of exactly the limit', () => {
  it('sends a block of exactly 4096 characters whole, without cutting it', () => {
    const text = `<b>${'x'.repeat(TELEGRAM_TEXT_LIMIT - 7)}</b>`;

    const packed = packBlocks([{ text, ref: 1 }]);

    expect(packed).toEqual([{ text, refs: [1] }]);
  });
});
