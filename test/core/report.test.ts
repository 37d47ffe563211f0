import { describe, expect, it } from 'vitest';
import { htmlToPlain } from '../../src/core/html.js';
import { en } from '../../src/core/i18n/en.js';
import {
  type InstanceAction,
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
/** The lines of the first message of a report generated late in a minute, 08:05:59.999 UTC. */
const lines = (rows: readonly ReportRow[]): string[] =>
  (reportMessages(model(rows, { generatedAt: at('2026-11-20T08:05:59.999Z') }), CONTEXT)[0] ?? '').split(
    '\n',
  );
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
  it('says why a value is missing and that an allowance is pro-rated', () => {
    expect(rowNote(UNKNOWN)).toBe('usage unknown: NetworkIn: the answer had no metricData');
    expect(rowNote(aRow({ action: 'stopped', allowanceShare: 0.5 }))).toBe(
      'stopped; allowance pro-rated to 50%',
    );
    expect(rowNote(aRow({ action: 'stop-failed', error: 'stop failed: denied' }))).toBe(
      'STOP FAILED; stop failed: denied',
    );
  });

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

  it("leaves a pool member's heading to its pool's line, which is what it is judged on", () => {
    const display = { quotaPercent: 95, timeZone: 'UTC', monthEnd: at('2026-12-01T00:00:00.000Z') };
    const forecast = {
      ratePerSecond: 1,
      monthEndBytes: 1,
      monthEndPercent: 128.7,
      thresholdPercent: 95,
      thresholdAt: '2026-11-24T09:00:00.000Z',
      fullAt: null,
      dailyRatePerSecond: 1,
      basisHours: 24,
    };

    expect(rowNote(aRow({ percent: 60, forecast }), undefined, display)).toBe(
      'on pace for 128% by 30 Nov; 95% around 24 Nov 09:00 UTC',
    );
    expect(
      rowNote(
        aRow({ percent: 60, forecast, pool: { bundleId: 'small_3_0', percent: 65 } }),
        undefined,
        display,
      ),
    ).toBe('in pool small_3_0 at 65.0%');
  });

  it('quotes no overage for an instance whose allowance GetInstances did not give', () => {
    // The Lightsail adapter keeps a missing allowance as NaN and the usage is then not read.
    const reason = 'GetInstances gave no monthly transfer allowance';
    const row = aRow({ usedBytes: null, percent: null, allowanceBytes: Number.NaN, unknownReason: reason });

    expect(rowNote(row)).toBe(`usage unknown: ${reason}`);
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
