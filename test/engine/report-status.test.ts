import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { exitCodeOf } from '../../src/output.js';
import { anInstance, GB } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { aFleet, run } from '../support/scenario.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

describe('report', () => {
  it('reads every instance, running or not, sends the report and stops nothing', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { command: 'report' });

    expect([...new Set(fleet.calls.readMetric.map((call) => call.instance))].sort()).toEqual([
      'calm',
      'far',
      'hot',
      'off',
      'warm',
    ]);
    expect(fleet.calls.stopInstance).toEqual([]);
    expect(fleet.calls.tagInstance).toEqual([]);
    expect(notifier.sent).toHaveLength(1);
    const [report = ''] = notifier.sent;
    expect(report).toContain('5 instances in 2 regions');
    for (const name of ['hot', 'warm', 'calm', 'off', 'far'])
      expect(report).toContain(`<code>${name}</code>`);
    expect(report).toContain('<code>off</code> us-east-1 · stopped · 100.00 / 100.00 GB · 100.0%');
    expect(report.indexOf('<code>off</code>')).toBeLessThan(report.indexOf('<code>hot</code>'));
    expect(result.messages.map((message) => message.status)).toEqual(['sent']);
    expect(exitCodeOf(result)).toBe(0);
  });

  it('shows an instance whose usage cannot be read as unknown, on top, and exits 1', async () => {
    const fleet = aFleet();
    fleet.failures.readMetric.set('calm', new Error('metric service down'));
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { command: 'report' });

    // The instance lines come after the summary and the pool of us-east-1's four.
    const lines = (notifier.sent[0] ?? '')
      .split('\n')
      .filter((line) => line.includes('<code>') && !line.includes(' pool <code>'));
    expect(lines[0]).toContain('❓ <code>calm</code>');
    expect(lines[0]).toContain('unknown');
    expect(lines[0]).not.toContain('10.00 /');
    expect(exitCodeOf(result)).toBe(1);
  });

  it('splits the report of 300 instances into messages of at most 4096 characters holding every instance', async () => {
    const names = Array.from({ length: 300 }, (_, index) => `web_${String(index).padStart(3, '0')}.example`);
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: names.map((name) => anInstance({ name, allowanceGb: 100 })),
      traffic: Object.fromEntries(names.map((name, index) => [name, { inBytes: index * GB, outBytes: 0 }])),
    });
    const notifier = recordingNotifier();

    await run(fleet, notifier, {
      command: 'report',
      settings: { policy: { quotaPercent: 400, warnPercents: [] } },
    });

    expect(notifier.sent.length).toBeGreaterThan(1);
    for (const message of notifier.sent) {
      expect(message.length).toBeLessThanOrEqual(4096);
      expect(telegramHtmlProblems(message)).toEqual([]);
    }
    const all = notifier.sent.join('\n');
    for (const name of names) expect(all.split(`<code>${name}</code>`)).toHaveLength(2);
    expect(fleet.calls.stopInstance).toEqual([]);
  });

  it('reports a report message that could not be delivered as a problem', async () => {
    const notifier = recordingNotifier();
    notifier.failWith = new Error('Bad Request: chat not found');

    const result = await run(aFleet(), notifier, { command: 'report' });

    expect(result.problems).toEqual([
      'Telegram: report message 1 of 1 not delivered: Bad Request: chat not found',
    ]);
    expect(exitCodeOf(result)).toBe(1);
  });

  it('lists the report without sending it on a dry run', async () => {
    const notifier = recordingNotifier();

    const result = await run(aFleet(), notifier, { command: 'report', dryRun: true });

    expect(notifier.sent).toEqual([]);
    expect(result.messages[0]?.status).toBe('dry-run');
    expect(result.messages[0]?.text).toContain('<code>hot</code>');
  });
});

describe('status', () => {
  it('reads every instance and sends, stops and tags nothing', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { command: 'status' });

    expect(notifier.sent).toEqual([]);
    expect(result.messages).toEqual([]);
    expect(fleet.calls.stopInstance).toEqual([]);
    expect(fleet.calls.tagInstance).toEqual([]);
    expect(result.rows).toHaveLength(5);
    expect(result.rows.find((row) => row.name === 'hot')).toMatchObject({
      percent: 97,
      action: 'over-threshold',
    });
    expect(result.rows.find((row) => row.name === 'off')).toMatchObject({ action: 'none' });
    expect(exitCodeOf(result)).toBe(0);
  });

  it('shows an instance kept running past the threshold as such', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [anInstance({ name: 'vip', allowanceGb: 100, tags: { [TAGS.keepRunning]: '2026-11' } })],
      traffic: { vip: { inBytes: 0, outBytes: 99 * GB } },
    });

    const result = await run(fleet, undefined, { command: 'status' });

    expect(result.rows[0]?.action).toBe('kept-running');
  });
});
