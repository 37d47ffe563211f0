import { describe, expect, it } from 'vitest';
import { en } from '../../src/core/i18n/en.js';
import {
  type InstanceAction,
  type ReportModel,
  type ReportRow,
  reportMessages,
  rowNote,
  sortRows,
} from '../../src/core/report.js';
import { aRow, at, GB } from '../support/builders.js';

const CONTEXT = { unit: 'GB', quotaPercent: 95, warnPercents: [80, 90] } as const;
const model = (rows: readonly ReportRow[]): ReportModel => ({
  generatedAt: at('2026-11-20T08:05:59.999Z'),
  monthKey: '2026-11',
  rows,
  regionErrors: [],
});
const lines = (rows: readonly ReportRow[]): string[] =>
  (reportMessages(model(rows), CONTEXT)[0] ?? '').split('\n');

describe('report summary', () => {
  it('dates the report to the minute in UTC', () => {
    const [title] = lines([aRow()]);

    expect(title).toBe('📊 <b>Lightsail data transfer, 2026-11 so far</b> (2026-11-20 08:05 UTC)');
  });

  it('speaks of one instance in one region in the singular', () => {
    const [, counts] = lines([aRow()]);

    expect(counts).toBe('1 instance in 1 region · 0 at or over 95% · 0 unknown');
  });

  it('counts instances at exactly the threshold and above as at or over it, and no others', () => {
    const rows = [
      aRow({ name: 'at', percent: 95 }),
      aRow({ name: 'above', percent: 120 }),
      aRow({ name: 'below', percent: 94.99 }),
      aRow({ name: 'off', percent: null, usedBytes: null, action: 'not-read' }),
    ];

    const [, counts] = lines(rows);

    expect(counts).toBe('4 instances in 1 region · 2 at or over 95% · 0 unknown');
  });
});

describe('report lines', () => {
  it('ends the line of an instance with nothing to note at its percentage', () => {
    const [, , line] = lines([aRow({ name: 'calm' })]);

    expect(line).toBe('🟢 <code>calm</code> us-east-1 · running · 10.00 / 100.00 GB · 10.0%');
  });

  it('lists an idle instance (0%) above one whose usage was not read', () => {
    const rows = [
      aRow({ name: 'off', percent: null, usedBytes: null, action: 'not-read', state: 'stopped' }),
      aRow({ name: 'idle', percent: 0, usedBytes: 0 }),
      aRow({ name: 'quiet', percent: 0.5, usedBytes: 0.5 * GB }),
    ];

    expect(sortRows(rows).map((row) => row.name)).toEqual(['quiet', 'idle', 'off']);
  });
});

describe('rowNote', () => {
  it.each<[InstanceAction, string]>([
    ['none', ''],
    ['stopped', 'stopped'],
    ['stop-failed', 'STOP FAILED'],
    ['would-stop', 'would stop (dry run)'],
    ['kept-running', 'over threshold, kept running'],
    ['warned', 'warned'],
    ['not-read', 'not read (not running)'],
    ['over-threshold', 'over threshold: the next check stops it'],
    ['not-stopped', 'over threshold, not stopped (notify only)'],
    ['started', 'started for the new month'],
    ['would-start', 'would start for the new month (dry run)'],
    ['start-failed', 'START FAILED'],
  ])('names the action %s as "%s"', (action, text) => {
    expect(rowNote(aRow({ action }))).toBe(text);
  });

  it('quotes no overage for an instance whose allowance GetInstances did not give', () => {
    // The Lightsail adapter keeps a missing allowance as NaN and the usage is then not read.
    const reason = 'GetInstances gave no monthly transfer allowance';
    const row = aRow({ usedBytes: null, percent: null, allowanceBytes: Number.NaN, unknownReason: reason });

    expect(rowNote(row)).toBe(`usage unknown: ${reason}`);
  });
});

describe('what the 1st brings, in the report', () => {
  it('adds nothing about the 1st to a report that is not the month’s last', () => {
    const messages = reportMessages(model([aRow()]), CONTEXT);

    expect(messages.join('\n')).not.toContain('▶️');
    expect(messages[0]?.split('\n')).toHaveLength(3);
  });

  it('names every instance the first check of the month starts again, comma-separated', () => {
    const text = en.report.startsOnThe1st([
      { name: 'proxy', region: 'us-east-1' },
      { name: 'web_1', region: 'eu-west-2' },
    ]);

    expect(text).toBe(
      '▶️ On the 1st the first check starts again: <code>proxy</code> (us-east-1), <code>web_1</code> (eu-west-2). Hold one with lightsail-guard hold &lt;name&gt;.',
    );
  });

  it('says so when no instance will be started', () => {
    expect(en.report.startsOnThe1st([])).toBe(
      '▶️ On the 1st: no instance is started (none stopped by the guard is waiting, or all are held).',
    );
  });
});
