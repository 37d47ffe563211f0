import { describe, expect, it } from 'vitest';
import { renderResult } from '../../src/output.js';
import { anInstance, at, GB } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { run } from '../support/scenario.js';

/** `hot` is over the 95% threshold and `warm` past the 90% warning, both running. */
function edgeFleet() {
  return inMemoryFleet({
    regions: ['us-east-1'],
    instances: [
      anInstance({ name: 'hot', allowanceGb: 100, createdAt: at('2026-01-01T00:00:00.000Z') }),
      anInstance({ name: 'warm', allowanceGb: 100, createdAt: at('2026-01-01T00:00:00.000Z') }),
    ],
    traffic: {
      hot: { inBytes: 7 * GB, outBytes: 90 * GB },
      warm: { inBytes: 1 * GB, outBytes: 90 * GB },
    },
  });
}

const LAST_SECOND = at('2026-11-30T23:59:59.000Z');
const LAST_INTERVAL = at('2026-11-30T23:52:00.000Z');
const JUST_BEFORE = at('2026-11-30T23:49:00.000Z');
const DECEMBER_LAST = at('2026-12-31T23:55:00.000Z');

describe('status in the month’s last check interval', () => {
  it.each([
    ['the last second', LAST_SECOND, '2026-12-01T00:00:00.000Z', '1 Dec'],
    ['the last interval', LAST_INTERVAL, '2026-12-01T00:00:00.000Z', '1 Dec'],
    ['the last interval of December', DECEMBER_LAST, '2027-01-01T00:00:00.000Z', '1 Jan'],
  ])(
    'at %s, says when the allowance resets, not that the next check stops it',
    async (_, now, reset, day) => {
      const result = await run(edgeFleet(), undefined, { command: 'status', now });

      const hot = result.rows.find((row) => row.name === 'hot');
      expect(hot).toMatchObject({ action: 'over-threshold', resetBeforeNextCheck: reset });
      const table = renderResult(result, 'GB');
      expect(table).not.toContain('the next check stops it');
      expect(table).toContain(
        `over threshold; the allowance resets at ${day} 00:00 UTC, before the next check`,
      );
    },
  );

  it('just before the last interval, still says the next check stops it', async () => {
    const result = await run(edgeFleet(), undefined, { command: 'status', now: JUST_BEFORE });

    const hot = result.rows.find((row) => row.name === 'hot');
    expect(hot?.resetBeforeNextCheck).toBeUndefined();
    expect(renderResult(result, 'GB')).toContain('over threshold: the next check stops it');
  });

  it('the month’s last report says it in the report’s language', async () => {
    const notifier = recordingNotifier();

    await run(edgeFleet(), notifier, {
      command: 'report',
      now: LAST_INTERVAL,
      settings: { language: 'zh-CN' },
    });

    expect(notifier.sent.join('\n')).toContain('超过阈值；流量配额将于 12月1日 00:00 UTC 重置，早于下次检查');
    expect(notifier.sent.join('\n')).not.toContain('下次检查将停止');
  });
});

describe('a check in the month’s last check interval', () => {
  it('warns without promising a stop, and still stops what is over the threshold now', async () => {
    const fleet = edgeFleet();
    const notifier = recordingNotifier();

    await run(fleet, notifier, { now: LAST_INTERVAL });

    expect(fleet.calls.stopInstance).toEqual(['hot']);
    const sent = notifier.sent.join('\n');
    expect(sent).toContain(
      '<code>warm</code> in us-east-1: 91.00 of 100.00 GB used (91.0%). The allowance resets at 1 Dec 00:00 UTC, before the next check.',
    );
    expect(sent).not.toContain('It will be stopped at 95%');
  });

  it('just before it, the warning says when the instance will be stopped', async () => {
    const notifier = recordingNotifier();

    await run(edgeFleet(), notifier, { now: JUST_BEFORE });

    expect(notifier.sent.join('\n')).toContain('(91.0%). It will be stopped at 95%.');
  });
});
