import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { type AlertEvent, type AlertTextContext, alertRank, alertText } from '../../src/core/alerts.js';
import { anInstance, GB } from '../support/builders.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

const CONTEXT: AlertTextContext = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' };
const NASTY = anInstance({ name: 'web_1.<b>&co', region: 'ap-south-1' });
const figures = { usedBytes: 97.5 * GB, allowanceBytes: 100 * GB, percent: 97.5 };

const stop = (overrides: Partial<Extract<AlertEvent, { kind: 'stop' }>> = {}): AlertEvent => ({
  kind: 'stop',
  instance: anInstance({ name: 'web_1', region: 'eu-west-2' }),
  outcome: 'stopped',
  ...figures,
  ...overrides,
});

const EVERY_KIND: readonly AlertEvent[] = [
  stop({ instance: NASTY }),
  stop({ instance: NASTY, outcome: 'failed', error: 'AccessDenied: <not> allowed & denied' }),
  stop({ instance: NASTY, outcome: 'dry-run' }),
  stop({ instance: NASTY, outcome: 'earlier', stoppedAt: '2026-11-20T09:50:00.000Z' }),
  { kind: 'warn', instance: NASTY, level: 80, ...figures },
  { kind: 'kept-running', instance: NASTY, ...figures },
  { kind: 'unknown', instance: NASTY, reason: 'NetworkIn: <html> & stuff' },
  { kind: 'region-failed', region: 'eu-<x>&-1', error: 'Service <unavailable> & down' },
  { kind: 'regions-failed', error: 'UnrecognizedClientException: <bad> & token' },
  { kind: 'missing', names: ['web_1.<b>&co', 'db-2'] },
];

describe('alertText', () => {
  it.each(EVERY_KIND.map((event) => [event.kind, event] as const))(
    'escapes every dynamic value of a %s alert so that Telegram parses it',
    (_kind, event) => {
      const text = alertText(event, CONTEXT);

      expect(telegramHtmlProblems(text)).toEqual([]);
      expect(text).not.toContain('<b>&co');
    },
  );

  it('shows an instance named web_1.<b>&co escaped', () => {
    const text = alertText(stop({ instance: NASTY }), CONTEXT);

    expect(text).toContain('<code>web_1.&lt;b&gt;&amp;co</code>');
  });

  it('shows names with _, . and - verbatim', () => {
    const text = alertText(stop({ instance: anInstance({ name: 'my_web-1.example' }) }), CONTEXT);

    expect(text).toContain('<code>my_web-1.example</code>');
  });

  it('names the instance and region, usage and allowance in GB, the percentage and a successful stop', () => {
    const text = alertText(stop(), CONTEXT);

    expect(text).toContain('<code>web_1</code> in eu-west-2');
    expect(text).toContain('97.50 of 100.00 GB used');
    expect(text).toContain('97.5%');
    expect(text).toContain('threshold 95%');
    expect(text).toContain('Stop call succeeded');
    expect(text).toContain(`<code>${TAGS.keepRunning}</code> = <code>2026-11</code>`);
  });

  it('says the stop call failed, with the error, and that the instance is still running', () => {
    const text = alertText(stop({ outcome: 'failed', error: 'AccessDeniedException: no stop' }), CONTEXT);

    expect(text).toContain('STOP FAILED');
    expect(text).toContain('AccessDeniedException: no stop');
    expect(text).toContain('still running');
    expect(text).not.toContain('succeeded');
  });

  it('quotes figures in GiB when the unit is GiB', () => {
    const event = stop({ usedBytes: 2 ** 30, allowanceBytes: 2 * 2 ** 30, percent: 50 });

    const text = alertText(event, { ...CONTEXT, unit: 'GiB' });

    expect(text).toContain('1.00 of 2.00 GiB used (50.0%)');
  });

  it('says a dry run stopped nothing', () => {
    const text = alertText(stop({ outcome: 'dry-run' }), CONTEXT);

    expect(text).toContain('Would stop');
    expect(text).toContain('nothing was stopped');
  });

  it('says when a re-sent stop alert’s stop happened', () => {
    const text = alertText(stop({ outcome: 'earlier', stoppedAt: '2026-11-20T09:50:00.000Z' }), CONTEXT);

    expect(text).toContain('Stopped at 2026-11-20 09:50 UTC');
    expect(text).toContain('this alert was not delivered then');
  });

  it('names the warning level, the figures and the threshold in a warning', () => {
    const text = alertText({ kind: 'warn', instance: anInstance(), level: 80, ...figures }, CONTEXT);

    expect(text).toContain('80% warning');
    expect(text).toContain('97.50 of 100.00 GB used (97.5%)');
    expect(text).toContain('It will be stopped at 95%.');
    expect(text).not.toContain('past its allowance');
  });

  it('says a warned instance past 100% of its allowance is being billed, under a threshold above 100%', () => {
    const over = { usedBytes: 104 * GB, allowanceBytes: 100 * GB, percent: 104 };

    const text = alertText(
      { kind: 'warn', instance: anInstance({ region: 'eu-west-2' }), level: 90, ...over },
      { ...CONTEXT, quotaPercent: 150 },
    );

    expect(text).toContain('It will be stopped at 150%.');
    expect(text).toContain(
      'It is past its allowance: traffic out is billed at 0.09 USD/GB out in eu-west-2.',
    );
  });

  it('reads unknown usage as unknown, with the reason, never as 0', () => {
    const text = alertText(
      { kind: 'unknown', instance: anInstance(), reason: 'NetworkOut: the answer had no metricData' },
      CONTEXT,
    );

    expect(text).toContain('Usage unknown');
    expect(text).toContain('NetworkOut: the answer had no metricData');
    expect(text).not.toMatch(/\b0(\.0+)?%/);
  });

  it('caps a runaway error so one alert stays far under Telegram’s limit', () => {
    const text = alertText(stop({ outcome: 'failed', error: 'x'.repeat(10_000) }), CONTEXT);

    expect(text.length).toBeLessThan(1_000);
  });

  it('names every instance from INSTANCES_TO_MONITOR that was not found', () => {
    const text = alertText({ kind: 'missing', names: ['web_1', 'db-2'] }, CONTEXT);

    expect(text).toContain('<code>web_1</code>, <code>db-2</code>');
    expect(text).toContain('INSTANCES_TO_MONITOR');
  });
});

describe('alertRank', () => {
  it('puts a failed stop first, then failures to read, then stops, then the rest, warnings last', () => {
    const ranked = [...EVERY_KIND]
      .sort((a, b) => alertRank(a) - alertRank(b))
      .map((event) => (event.kind === 'stop' ? `stop:${event.outcome}` : event.kind));

    expect(ranked[0]).toBe('stop:failed');
    expect(ranked.slice(1, 3)).toEqual(['regions-failed', 'region-failed']);
    expect(ranked.indexOf('stop:stopped')).toBeLessThan(ranked.indexOf('unknown'));
    expect(ranked.at(-1)).toBe('warn');
  });
});
