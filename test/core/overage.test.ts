import { describe, expect, it } from 'vitest';
import { alertText } from '../../src/core/alerts.js';
import { en } from '../../src/core/i18n/en.js';
import { overageFigures } from '../../src/core/overage.js';
import { rowNote } from '../../src/core/report.js';
import { anInstance, aRow, GB } from '../support/builders.js';

/** The English note for an overage, as the report's action column shows it. */
const overageNote = (region: string, used: number | null, allowance: number): string | undefined => {
  const figures = overageFigures(region, used, allowance);
  return figures === undefined ? undefined : en.report.overage(figures);
};

describe('overage', () => {
  it('says nothing while usage is within the allowance', () => {
    expect(overageNote('eu-west-2', 1024 * GB, 1024 * GB)).toBeUndefined();
    expect(overageNote('eu-west-2', null, 1024 * GB)).toBeUndefined();
  });

  it('bounds the cost of traffic past the allowance by the region price per GB out', () => {
    expect(overageNote('ap-southeast-2', 1124 * GB, 1024 * GB)).toBe(
      '100.00 GB over the allowance: up to 17.00 USD at 0.17 USD/GB out',
    );
    expect(overageNote('us-east-1', 1034 * GB, 1024 * GB)).toBe(
      '10.00 GB over the allowance: up to 0.90 USD at 0.09 USD/GB out',
    );
  });

  it('quotes no price for a region without a published one', () => {
    expect(overageNote('ap-southeast-3', 1100 * GB, 1024 * GB)).toBe(
      '76.00 GB over the allowance: billed per GB out',
    );
    expect(overageFigures('ap-southeast-3', 1100 * GB, 1024 * GB)).toEqual({ overGb: '76.00' });
  });

  it('shows the overage in the report row of an instance past its allowance', () => {
    const row = aRow({ region: 'ap-south-1', usedBytes: 1100 * GB, allowanceBytes: 1000 * GB, percent: 110 });

    expect(rowNote(row)).toContain('100.00 GB over the allowance: up to 13.00 USD at 0.13 USD/GB out');
  });

  it('tells the price in the alert about an instance kept running past the threshold', () => {
    const text = alertText(
      {
        kind: 'kept-running',
        instance: anInstance({ region: 'ap-northeast-1' }),
        usedBytes: 990 * GB,
        allowanceBytes: 1000 * GB,
        percent: 99,
      },
      { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' },
    );

    expect(text).toContain('billed at 0.14 USD/GB out in ap-northeast-1');
  });
});
