import { describe, expect, it } from 'vitest';
import { type AlertEvent, type AlertTextContext, alertHeadline, alertText } from '../../src/core/alerts.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import { anInstance, GB } from '../support/builders.js';

const CONTEXT: AlertTextContext = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' };
const WEB_1 = anInstance({ name: 'web_1', region: 'eu-west-2' });
const figures = { usedBytes: 97.5 * GB, allowanceBytes: 100 * GB, percent: 97.5 };
const KEEP =
  'To keep it running this month: <code>lightsail-guard keep-running web_1 --start</code> (it tags <code>lightsail-guard:keep-running</code> = <code>2026-11</code>).';

const failedStop = (error: string): AlertEvent => ({
  kind: 'stop',
  instance: WEB_1,
  outcome: 'failed',
  error,
  ...figures,
});

describe('alert texts, word for word', () => {
  it('a stop: the figures, the threshold, the outcome and how to keep it running, nothing more', () => {
    const text = alertText({ kind: 'stop', instance: WEB_1, outcome: 'stopped', ...figures }, CONTEXT);

    expect(text).toBe(
      `🛑 <b>Stopped</b> <code>web_1</code> in eu-west-2: 97.50 of 100.00 GB used (97.5%), threshold 95%.\nStop call succeeded. ${KEEP}`,
    );
  });

  it('an owed stop alert re-sent while the usage cannot be read: usage unknown, never 0', () => {
    const event: AlertEvent = {
      kind: 'stop',
      instance: anInstance({ name: 'web_1', region: 'eu-west-2', state: 'stopped' }),
      outcome: 'earlier',
      stoppedAt: '2026-11-20T09:50:00.000Z',
      usedBytes: null,
      allowanceBytes: 100 * GB,
      percent: null,
    };

    expect(alertText(event, CONTEXT)).toBe(
      `🛑 <b>Stopped</b> <code>web_1</code> in eu-west-2: unknown of 100.00 GB used (unknown), threshold 95%.\nStopped at 2026-11-20 09:50 UTC; this alert was not delivered then. ${KEEP}`,
    );
  });

  it('a warning under the allowance says only when the instance will be stopped', () => {
    const text = alertText({ kind: 'warn', instance: WEB_1, level: 80, ...figures }, CONTEXT);

    expect(text).toBe(
      '⚠️ <b>80% warning</b> <code>web_1</code> in eu-west-2: 97.50 of 100.00 GB used (97.5%). It will be stopped at 95%.',
    );
  });

  it('says "is" for one instance not found and "are" for several', () => {
    expect(alertText({ kind: 'missing', names: ['ghost'] }, CONTEXT)).toBe(
      '❗ <b>Not found</b>: <code>ghost</code> from INSTANCES_TO_MONITOR is in none of the checked regions.',
    );
    expect(alertText({ kind: 'missing', names: ['ghost', 'phantom'] }, CONTEXT)).toBe(
      '❗ <b>Not found</b>: <code>ghost</code>, <code>phantom</code> from INSTANCES_TO_MONITOR are in none of the checked regions.',
    );
  });
});

describe('alert texts, the rarer branches', () => {
  it('says traffic past the allowance is billed per GB where no price is published for the region', () => {
    const mars = anInstance({ name: 'web_1', region: 'mars-1' });
    const past = { usedBytes: 104 * GB, allowanceBytes: 100 * GB, percent: 104 };

    expect(alertText({ kind: 'warn', instance: mars, level: 90, ...past }, CONTEXT)).toBe(
      '⚠️ <b>90% warning</b> <code>web_1</code> in mars-1: 104.00 of 100.00 GB used (104.0%). It will be stopped at 95%. It is past its allowance: traffic out is billed per GB out.',
    );
  });

  it('a stop ahead at the worst case names it, the measured pace and a measured lag', () => {
    const ahead = {
      ratePerSecond: 1e6,
      withinMinutes: 20,
      lagMinutes: 3,
      lagSource: 'measured',
      worstCaseRatePerSecond: 2e6,
    } as const;

    expect(alertText({ kind: 'stop', instance: WEB_1, outcome: 'stopped', ...figures, ahead }, CONTEXT)).toBe(
      `🛑 <b>Stopped</b> <code>web_1</code> in eu-west-2: 97.50 of 100.00 GB used (97.5%), threshold 95%. At the worst case of 16 Mbps (this hour's traffic beyond the last hour's pace, all in the last 17 minutes; measured: 8 Mbps) it would pass 95% within 20 minutes (17 to the next check, 3 of metric lag, measured), before the next check could see it.\nStop call succeeded. ${KEEP}`,
    );
    expect(
      alertHeadline({ kind: 'stop', instance: WEB_1, outcome: 'stopped', ...figures, ahead }, CONTEXT),
    ).toBe('web_1 stopped ahead (97.5%)');
  });

  it('a stop ahead planned from the start of the newest sample says why the lag is longer', () => {
    const ahead = {
      ratePerSecond: 1e6,
      withinMinutes: 25,
      lagMinutes: 15,
      lagSource: 'newest-sample',
    } as const;

    expect(
      alertText({ kind: 'stop', instance: WEB_1, outcome: 'dry-run', ...figures, ahead }, CONTEXT),
    ).toContain(
      '(10 to the next check, 15 of metric lag, measured from the start of the newest sample, as the pace rose within it)',
    );
  });

  it('a setting tag with no command to clear it says only what is wrong', () => {
    const problems = [{ key: 'lightsail-guard:other', message: 'odd' }];

    expect(alertText({ kind: 'bad-tag', instance: WEB_1, problems }, CONTEXT)).toBe(
      '⚙️ <b>Setting tag not valid</b> <code>web_1</code> in eu-west-2: odd.',
    );
  });

  it('a re-sent stop whose time was not recorded names no time', () => {
    const stopped = anInstance({ name: 'web_1', region: 'eu-west-2', state: 'stopped' });

    const text = alertText(
      { kind: 'stop', instance: stopped, outcome: 'earlier', ...figures },
      CONTEXT,
      catalogueFor('zh-CN'),
    );

    expect(text).toContain('\n停止于 早些时候；当时此提醒未能送达。');
  });
});

describe('alert texts quote errors up to 300 characters', () => {
  it('quotes an error of exactly 300 characters whole', () => {
    const error = 'e'.repeat(300);

    expect(alertText(failedStop(error), CONTEXT)).toContain(
      `still running: ${error}. The next check tries again.`,
    );
  });

  it('cuts a longer one to 297 characters and an ellipsis', () => {
    const text = alertText(failedStop(`${'e'.repeat(297)}TAIL`), CONTEXT);

    expect(text).toContain(`still running: ${'e'.repeat(297)}.... The next check tries again.`);
    expect(text).not.toContain('TAIL');
  });
});
