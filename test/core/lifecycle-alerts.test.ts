import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { NOTIFIED_KEY } from '../../src/core/alert-keys.js';
import { type AlertEvent, type AlertTextContext, alertRank, alertText } from '../../src/core/alerts.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { assess } from '../../src/core/decide.js';
import { htmlToPlain } from '../../src/core/html.js';
import { reportMessages, rowNote } from '../../src/core/report.js';
import { anInstance, aRow, at, DEFAULT_POLICY, fullAllowance, GB, knownUsage } from '../support/builders.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

const CONTEXT: AlertTextContext = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' };
const NASTY = anInstance({ name: 'web_1.<b>&co', region: 'ap-south-1' });
const WEB = anInstance({ name: 'web_1', region: 'eu-west-2' });
const figures = { usedBytes: 97.5 * GB, allowanceBytes: 100 * GB, percent: 97.5 };
const NOW = at('2026-11-20T10:00:00.000Z');

const NEW_KINDS: readonly AlertEvent[] = [
  { kind: 'not-stopped', instance: NASTY, because: 'setting', ...figures },
  { kind: 'not-stopped', instance: NASTY, because: 'tag', ...figures },
  { kind: 'started', started: [{ instance: NASTY, stoppedIn: '2026-10' }], dryRun: false },
  { kind: 'started', started: [{ instance: NASTY, stoppedIn: '2026-10' }], dryRun: true },
  { kind: 'start-failed', instance: NASTY, error: 'AccessDenied: <not> & allowed' },
  { kind: 'bad-tag', instance: NASTY, problems: [{ key: TAGS.quota, message: 'quota = "<9>&" bad' }] },
];

describe('the alerts of the month’s lifecycle and per-instance policy', () => {
  it.each(NEW_KINDS.map((event) => [event.kind, event] as const))(
    'escapes every dynamic value of a %s alert so that Telegram parses it',
    (_kind, event) => {
      const text = alertText(event, CONTEXT);

      expect(telegramHtmlProblems(text)).toEqual([]);
      expect(text).not.toContain('<b>&co');
    },
  );

  it('tells the owner of a stopped instance the command that keeps it running', () => {
    const event: AlertEvent = { kind: 'stop', instance: WEB, outcome: 'stopped', ...figures };

    expect(htmlToPlain(alertText(event, CONTEXT))).toContain(
      'To keep it running this month: lightsail-guard keep-running web_1 --start (it tags lightsail-guard:keep-running = 2026-11).',
    );
  });

  it('tells the owner of a kept-running instance the command that lets the guard stop it again', () => {
    const text = htmlToPlain(alertText({ kind: 'kept-running', instance: WEB, ...figures }, CONTEXT));

    expect(text).toContain('To let the guard stop it again: lightsail-guard keep-running web_1 --clear.');
  });

  it('says an instance over the threshold was not stopped because of ACTION=notify', () => {
    const text = htmlToPlain(
      alertText({ kind: 'not-stopped', instance: WEB, because: 'setting', ...figures }, CONTEXT),
    );

    expect(text).toBe(
      '🔔 Over threshold, not stopped web_1 in eu-west-2: 97.50 of 100.00 GB used (97.5%), threshold 95%. Not stopped because ACTION=notify is set (alerts only). To have it stopped: set ACTION=stop, or lightsail-guard set-action web_1 stop for this one.',
    );
  });

  it('says an instance over the threshold was not stopped because of its own action tag, and the price past 100%', () => {
    const over = { usedBytes: 120 * GB, allowanceBytes: 100 * GB, percent: 120 };
    const text = htmlToPlain(
      alertText({ kind: 'not-stopped', instance: WEB, because: 'tag', ...over }, CONTEXT),
    );

    expect(text).toContain('Not stopped because it is tagged lightsail-guard:action = notify (alerts only).');
    expect(text).toContain('It is past its allowance: traffic out is');
    expect(text).toContain('To have it stopped: lightsail-guard set-action web_1 stop.');
  });

  it('names every instance started on the new month in one alert', () => {
    const other = anInstance({ name: 'db-2', region: 'us-east-1' });
    const text = htmlToPlain(
      alertText(
        {
          kind: 'started',
          started: [
            { instance: WEB, stoppedIn: '2026-11' },
            { instance: other, stoppedIn: '2026-10' },
          ],
          dryRun: false,
        },
        { ...CONTEXT, monthKey: '2026-12' },
      ),
    );

    expect(text).toBe(
      '▶️ Started for the new month: web_1 in eu-west-2 (stopped by the guard in 2026-11), db-2 in us-east-1 (stopped by the guard in 2026-10). Their allowances reset on the 1st. To keep one stopped next time: lightsail-guard hold <name>.',
    );
  });

  it('says a failed start is tried again', () => {
    const text = htmlToPlain(
      alertText({ kind: 'start-failed', instance: WEB, error: 'ServiceException' }, CONTEXT),
    );

    expect(text).toBe(
      '🚨 START FAILED web_1 in eu-west-2: ServiceException. It stays stopped; the next check tries again.',
    );
  });

  it('names a malformed tag and the command that fixes it', () => {
    const text = htmlToPlain(
      alertText(
        {
          kind: 'bad-tag',
          instance: WEB,
          problems: [{ key: TAGS.warn, message: 'lightsail-guard:warn = "x" is bad' }],
        },
        CONTEXT,
      ),
    );

    expect(text).toBe(
      '⚙️ Setting tag not valid web_1 in eu-west-2: lightsail-guard:warn = "x" is bad. Set it again, or remove it: lightsail-guard set-warn web_1 --clear.',
    );
  });

  it('ranks a failed start with the stops, ahead of warnings', () => {
    const failed = alertRank({ kind: 'start-failed', instance: WEB, error: 'x' });
    const warn = alertRank({ kind: 'warn', instance: WEB, level: 80, ...figures });

    expect(failed).toBe(alertRank({ kind: 'stop', instance: WEB, outcome: 'stopped', ...figures }));
    expect(failed).toBeLessThan(warn);
  });
});

describe('assess with the notify action', () => {
  const notifyAt = (percent: number, tags: Record<string, string> = {}, state = 'running') =>
    assess({
      instance: anInstance({ tags, state }),
      usage: knownUsage(percent * GB),
      allowance: fullAllowance(100),
      policy: DEFAULT_POLICY,
      month: billingMonthOf(NOW),
      now: NOW,
      notifyOnly: true,
    });

  it('never stops a running instance over the threshold, and alerts once a month that it did not', () => {
    const first = notifyAt(97);
    const again = notifyAt(99, first.tagsOnDelivery);

    expect(first).toMatchObject({ stop: false, notified: true, due: [{ kind: 'not-stopped' }] });
    expect(first.tagsOnDelivery).toEqual({ [TAGS.alerted]: `2026-11:80/90/${NOTIFIED_KEY}` });
    expect(again.due).toEqual([]);
    expect(again.stop).toBe(false);
  });

  it('sends the warnings as usual below the threshold', () => {
    expect(notifyAt(85).due).toEqual([{ kind: 'warn', level: 80 }]);
  });

  it('alerts again in the next month', () => {
    const november = notifyAt(97);
    const december = assess({
      instance: anInstance({ tags: november.tagsOnDelivery }),
      usage: knownUsage(97 * GB),
      allowance: fullAllowance(100),
      policy: DEFAULT_POLICY,
      month: billingMonthOf(at('2026-12-01T00:10:00.000Z')),
      now: at('2026-12-01T00:10:00.000Z'),
      notifyOnly: true,
    });

    expect(december.due).toEqual([{ kind: 'not-stopped' }]);
  });
});

describe('the report of a guard that restarts what it stopped', () => {
  it('notes on the row what the 1st brings', () => {
    expect(rowNote(aRow({ state: 'stopped', nextMonth: 'start' }))).toBe(
      'stopped by the guard: started on the 1st',
    );
    expect(rowNote(aRow({ state: 'stopped', nextMonth: 'next-check' }))).toBe(
      'stopped by the guard last month: the next check starts it',
    );
    expect(rowNote(aRow({ state: 'stopped', nextMonth: 'hold' }))).toBe(
      'stopped by the guard, held: stays stopped on the 1st',
    );
  });

  it('lists, in the month’s last report, the instances the 1st starts', () => {
    const rows = [aRow({ name: 'proxy_1', state: 'stopped', nextMonth: 'start' })];
    const [text = ''] = reportMessages(
      {
        generatedAt: at('2026-11-30T23:58:00.000Z'),
        monthKey: '2026-11',
        rows,
        regionErrors: [],
        startsOnThe1st: [{ name: 'proxy_1', region: 'us-east-1' }],
      },
      { unit: 'GB', quotaPercent: 95, warnPercents: [80, 90] },
    );

    expect(htmlToPlain(text)).toContain(
      '▶️ On the 1st the first check starts again: proxy_1 (us-east-1). Hold one with lightsail-guard hold <name>.',
    );
  });

  it('counts ignored instances in the summary', () => {
    const [text = ''] = reportMessages(
      {
        generatedAt: NOW,
        monthKey: '2026-11',
        rows: [aRow({ action: 'ignored', usedBytes: null, percent: null }), aRow({ name: 'b' })],
        regionErrors: [],
      },
      { unit: 'GB', quotaPercent: 95, warnPercents: [80, 90] },
    );

    expect(text).toContain('2 instances in 1 region · 0 at or over 95% · 0 unknown · 1 ignored');
    expect(text).toContain('ignored (lightsail-guard:action = ignore)');
  });
});
