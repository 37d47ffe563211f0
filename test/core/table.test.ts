import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/core/table.js';
import { aRow, GB } from '../support/builders.js';

describe('renderTable', () => {
  it('renders instance, region, state, used, allowance, % and action columns, riskiest first', () => {
    const rows = [
      aRow({ name: 'web_1', percent: 10, usedBytes: 10 * GB }),
      aRow({
        name: 'db-2.example',
        region: 'eu-west-2',
        state: 'stopped',
        percent: 97,
        usedBytes: 97 * GB,
        action: 'stopped',
      }),
    ];

    const lines = renderTable(rows, 'GB').split('\n');

    expect(lines).toEqual([
      'INSTANCE      REGION     STATE    USED GB  ALLOWANCE GB      %  ACTION',
      'db-2.example  eu-west-2  stopped    97.00        100.00  97.0%  stopped',
      'web_1         us-east-1  running    10.00        100.00  10.0%',
    ]);
  });

  it('shows unknown usage as ? and unknown, with the reason, never as 0', () => {
    const row = aRow({ usedBytes: null, percent: null, unknownReason: 'NetworkIn: throttled' });

    const body = renderTable([row], 'GB').split('\n')[1] ?? '';

    expect(body).toMatch(/running\s+\?\s+100\.00\s+unknown\s+usage unknown: NetworkIn: throttled$/);
  });

  it('labels the amount columns with the configured unit', () => {
    const header = renderTable([aRow({ allowanceBytes: 2 ** 30 })], 'GiB').split('\n')[0];

    expect(header).toContain('USED GiB');
    expect(header).toContain('ALLOWANCE GiB');
  });

  it('says so when there is nothing to show', () => {
    expect(renderTable([], 'GB')).toBe('No monitored instances found.');
  });

  it('shows - for the usage and the share of an instance that was not read, not ? or unknown', () => {
    const row = aRow({ name: 'off', state: 'stopped', usedBytes: null, percent: null, action: 'not-read' });

    const lines = renderTable([row], 'GB').split('\n');

    expect(lines).toEqual([
      'INSTANCE  REGION     STATE    USED GB  ALLOWANCE GB  %  ACTION',
      'off       us-east-1  stopped        -        100.00  -  not read (not running)',
    ]);
  });
});
