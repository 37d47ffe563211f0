import { describe, expect, it } from 'vitest';
import { htmlToPlain } from '../../src/core/html.js';
import {
  type PoolRow,
  type ReportModel,
  type ReportRow,
  reportBlocks,
  reportMessages,
  rowNote,
  sortRows,
} from '../../src/core/report.js';
import { isStopAction, STOP_ACTIONS } from '../../src/core/report-model.js';
import { aRow, at, GB } from '../support/builders.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

const CONTEXT = { unit: 'GB', quotaPercent: 95, warnPercents: [80, 90] } as const;
const model = (rows: readonly ReportRow[], overrides: Partial<ReportModel> = {}): ReportModel => ({
  generatedAt: at('2026-11-20T08:00:00.000Z'),
  monthKey: '2026-11',
  rows,
  regionErrors: [],
  ...overrides,
});
const UNKNOWN = aRow({
  name: 'mystery',
  usedBytes: null,
  percent: null,
  unknownReason: 'NetworkIn: the answer had no metricData',
});

describe('sortRows', () => {
  it('puts unknown usage on top, then the highest share used, rows not read last', () => {
    const rows = [
      aRow({ name: 'low', percent: 5 }),
      aRow({ name: 'off', percent: null, usedBytes: null, action: 'not-read', state: 'stopped' }),
      aRow({ name: 'high', percent: 97 }),
      UNKNOWN,
      aRow({ name: 'mid', percent: 60 }),
    ];

    const sorted = sortRows(rows).map((row) => row.name);

    expect(sorted).toEqual(['mystery', 'high', 'mid', 'low', 'off']);
  });

  it('orders rows at the same share by region, then name', () => {
    const rows = [
      aRow({ name: 'b', region: 'us-east-1' }),
      aRow({ name: 'a', region: 'us-east-1' }),
      aRow({ name: 'z', region: 'eu-west-1' }),
    ];

    expect(sortRows(rows).map((row) => row.name)).toEqual(['z', 'a', 'b']);
  });
});

describe('rowNote', () => {
  it('says why a value is missing and that an allowance is pro-rated', () => {
    expect(rowNote(UNKNOWN)).toBe('usage unknown: NetworkIn: the answer had no metricData');
    expect(rowNote(aRow({ action: 'stopped', allowanceShare: 0.5 }))).toBe(
      'stopped; allowance pro-rated to 50%',
    );
    expect(rowNote(aRow({ action: 'stop-failed', error: 'stop failed: denied' }))).toBe(
      'STOP FAILED; stop failed: denied',
    );
  });
});

describe('reportMessages', () => {
  it('fits a small fleet in one message with a summary and one line per instance, riskiest first', () => {
    const rows = [
      aRow({ name: 'calm', percent: 10 }),
      aRow({ name: 'hot', percent: 96, usedBytes: 96 * GB }),
    ];

    const messages = reportMessages(model(rows), CONTEXT);

    expect(messages).toHaveLength(1);
    const [title, counts, first, second] = (messages[0] ?? '').split('\n');
    expect(title).toContain('2026-11 so far');
    expect(counts).toBe('2 instances in 1 region · 1 at or over 95% · 0 unknown');
    expect(first).toContain('🔴 <code>hot</code> us-east-1 · running · 96.00 / 100.00 GB · 96.0%');
    expect(second).toContain('🟢 <code>calm</code>');
  });

  it('shows unknown usage as unknown on top, never as 0', () => {
    const messages = reportMessages(model([aRow({ name: 'calm' }), UNKNOWN]), CONTEXT);

    const lines = (messages[0] ?? '').split('\n');
    const mystery = lines.find((line) => line.includes('mystery')) ?? '';
    expect(lines.indexOf(mystery)).toBe(2);
    expect(mystery).toContain('❓');
    expect(mystery).toContain('? / 100.00 GB · unknown');
    expect(mystery).toContain('usage unknown: NetworkIn: the answer had no metricData');
    expect(mystery).not.toMatch(/\b0\.0+ \/|\b0\.0%/);
    expect(messages[0]).toContain('1 unknown');
  });

  it('escapes names, regions, reasons and region errors, and keeps _ . - verbatim', () => {
    const rows = [
      aRow({ name: 'web_1.<b>&co' }),
      aRow({ name: 'my_db-2.example', percent: 1 }),
      { ...UNKNOWN, unknownReason: 'NetworkOut: <oops> & more' },
    ];
    const regionErrors = [{ region: 'eu-west-3', error: 'ServiceException: <down> & out' }];

    const [text = ''] = reportMessages(model(rows, { regionErrors }), CONTEXT);

    expect(telegramHtmlProblems(text)).toEqual([]);
    expect(text).toContain('<code>web_1.&lt;b&gt;&amp;co</code>');
    expect(text).toContain('<code>my_db-2.example</code>');
    expect(text).toContain('eu-west-3 could not be read: ServiceException: &lt;down&gt; &amp; out');
  });

  it('splits the report of 300 instances into messages of at most 4096 characters that hold every instance', () => {
    const rows = Array.from({ length: 300 }, (_, index) =>
      aRow({
        name: `instance_${String(index).padStart(3, '0')}.example-host`,
        region: ['us-east-1', 'eu-west-2', 'ap-southeast-2'][index % 3] ?? 'us-east-1',
        percent: (index * 7) % 100,
        allowanceShare: index % 5 === 0 ? 0.5 : 1,
      }),
    );

    const messages = reportMessages(model(rows), CONTEXT);

    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(4096);
      expect(telegramHtmlProblems(message)).toEqual([]);
    }
    const all = messages.join('\n');
    for (const row of rows) expect(all.split(`<code>${row.name}</code>`)).toHaveLength(2);
    expect(messages[0]).toContain('300 instances in 3 regions');
  });

  it('marks rows by the threshold and the lowest warning level', () => {
    const rows = [
      aRow({ name: 'over', percent: 95 }),
      aRow({ name: 'warned', percent: 80 }),
      aRow({ name: 'fine', percent: 79.9 }),
      aRow({ name: 'off', percent: null, usedBytes: null, action: 'not-read' }),
    ];

    const [text = ''] = reportMessages(model(rows), CONTEXT);

    expect(text).toContain('🔴 <code>over</code>');
    expect(text).toContain('🟠 <code>warned</code>');
    expect(text).toContain('🟢 <code>fine</code>');
    expect(text).toContain('⚪ <code>off</code>');
  });
});

describe('stop actions', () => {
  it('are the actions a stop decision leads to: made, failed, a dry run, or due at the next check', () => {
    expect(STOP_ACTIONS).toEqual(['stopped', 'stop-failed', 'would-stop', 'over-threshold']);
    for (const action of STOP_ACTIONS) expect(isStopAction(action)).toBe(true);
  });

  it('leave out every action that does not stop', () => {
    const others = [
      'none',
      'kept-running',
      'warned',
      'not-read',
      'not-stopped',
      'ignored',
      'started',
    ] as const;
    for (const action of others) expect(isStopAction(action)).toBe(false);
    expect(isStopAction('would-start')).toBe(false);
    expect(isStopAction('start-failed')).toBe(false);
  });
});

describe('reportBlocks', () => {
  it('carries each block with the data of its own line, in the order the report shows them', () => {
    const pool: PoolRow = {
      region: 'ap-northeast-1',
      bundleId: 'small_3_0',
      instances: ['a', 'b'],
      usedBytes: 20 * GB,
      allowanceBytes: 200 * GB,
      percent: 10,
      forecast: null,
      judged: true,
    };
    const calm = aRow({ name: 'calm', percent: 10, usedBytes: 10 * GB });
    const hot = aRow({ name: 'hot', percent: 90, usedBytes: 90 * GB, nextMonth: 'start' });

    const blocks = reportBlocks(
      model([calm, hot], {
        regionErrors: [{ region: 'eu-west-1', error: 'AccessDenied' }],
        pools: [pool],
        startsOnThe1st: [hot],
      }),
      CONTEXT,
    );

    expect(blocks.map((block) => block.data.kind)).toEqual([
      'report',
      'region-failed',
      'pool',
      'instance',
      'instance',
      'starts-on-the-1st',
    ]);
    expect(blocks.map((block) => block.data.instance)).toEqual([
      undefined,
      undefined,
      undefined,
      'hot',
      'calm',
      undefined,
    ]);
    expect(blocks[1]?.data.region).toBe('eu-west-1');
    for (const block of blocks) expect(block.data.text).toBe(htmlToPlain(block.html));
  });
});
