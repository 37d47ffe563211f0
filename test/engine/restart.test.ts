import { describe, expect, it } from 'vitest';
import { telegramChannel } from '../../src/channels/telegram.js';
import { TAGS } from '../../src/constants.js';
import type { Instance } from '../../src/core/types.js';
import type { RunDeadline } from '../../src/engine/deadline.js';
import { runGuard } from '../../src/engine/run.js';
import { exitCodeOf } from '../../src/output.js';
import { anInstance, at, GB, guardSettings } from '../support/builders.js';
import { type InMemoryFleet, inMemoryFleet, type Traffic } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { run } from '../support/scenario.js';

const RESTART = { restartOnNewMonth: true } as const;
const LAST_SECOND_OF_DECEMBER = at('2026-12-31T23:59:59.000Z');
const FIRST_CHECK_OF_JANUARY = at('2027-01-01T00:00:00.000Z');
const TEN_PAST_MIDNIGHT = at('2027-01-01T00:10:00.000Z');

/** Month-to-date traffic the fleet answers; a test resets it when the month turns. */
type Usage = Record<string, Traffic>;

/** One instance at 97% of 100 GB in us-east-1 (a stop at the default 95%), with `overrides`. */
function oneInstance(overrides: Partial<Instance> = {}, traffic: Usage = {}): InMemoryFleet {
  traffic.proxy = { inBytes: 7 * GB, outBytes: 90 * GB };
  return inMemoryFleet({
    regions: ['us-east-1'],
    instances: [anInstance({ name: 'proxy', allowanceGb: 100, ...overrides })],
    traffic,
  });
}

/** The guard stops `proxy` in the last second of December; its traffic then starts January at 2%. */
async function stoppedInDecember(): Promise<InMemoryFleet> {
  const traffic: Usage = {};
  const fleet = oneInstance({}, traffic);
  await run(fleet, recordingNotifier(), { now: LAST_SECOND_OF_DECEMBER, settings: RESTART });
  expect(fleet.instance('proxy')).toMatchObject({ state: 'stopped', tags: { [TAGS.stopped]: '2026-12' } });
  traffic.proxy = { inBytes: GB, outBytes: GB };
  return fleet;
}

/** A run's deadline whose reads-and-stops phase is already over. */
function workPhaseOver(): RunDeadline {
  const open = new AbortController().signal;
  return {
    reads: AbortSignal.abort(),
    work: AbortSignal.abort(),
    end: open,
    sendsEndAt: Date.now() + 60_000,
    totalMs: 180_000,
  };
}

describe('the first check of a new month, with RESTART_ON_NEW_MONTH', () => {
  it('starts in January an instance the guard stopped in December, and names it in one alert', async () => {
    const fleet = await stoppedInDecember();
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(fleet.calls.startInstance).toEqual(['proxy']);
    expect(fleet.instance('proxy').state).toBe('running');
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('Started</b> for the new month: <code>proxy</code> in us-east-1');
    expect(notifier.sent[0]).toContain('stopped by the guard in 2026-12');
    expect(result.rows[0]).toMatchObject({ action: 'started', state: 'running' });
    expect(exitCodeOf(result)).toBe(0);
  });

  it('starts on 1 December an instance the guard stopped on 30 November (an ordinary month end)', async () => {
    const fleet = oneInstance();
    await run(fleet, recordingNotifier(), { now: at('2026-11-30T23:50:00.000Z'), settings: RESTART });

    await run(fleet, recordingNotifier(), { now: at('2026-12-01T00:00:00.000Z'), settings: RESTART });

    expect(fleet.calls.startInstance).toEqual(['proxy']);
  });

  it('starts the instance first and clears its record after, so a failed start keeps it', async () => {
    const fleet = await stoppedInDecember();
    fleet.calls.order.length = 0;

    await run(fleet, recordingNotifier(), { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(fleet.calls.order.slice(0, 2)).toEqual(['start proxy', 'tag proxy']);
    expect(fleet.instance('proxy').tags[TAGS.stopped]).toBe('');
  });

  it('starts it only once: a second check, and a later stop by its owner, start nothing', async () => {
    const fleet = await stoppedInDecember();
    const notifier = recordingNotifier();
    await run(fleet, notifier, { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    await run(fleet, notifier, { now: TEN_PAST_MIDNIGHT, settings: RESTART });
    fleet.update('proxy', { state: 'stopped' });
    await run(fleet, notifier, { now: at('2027-01-15T09:00:00.000Z'), settings: RESTART });
    await run(fleet, notifier, { now: at('2027-02-01T00:00:00.000Z'), settings: RESTART });

    expect(fleet.calls.startInstance).toEqual(['proxy']);
    expect(notifier.sent.filter((text) => text.includes('Started'))).toHaveLength(1);
  });

  it('starts nothing without the setting, and keeps the record for when it is set', async () => {
    const fleet = await stoppedInDecember();
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { now: FIRST_CHECK_OF_JANUARY });

    expect(fleet.calls.startInstance).toEqual([]);
    expect(fleet.instance('proxy')).toMatchObject({ state: 'stopped', tags: { [TAGS.stopped]: '2026-12' } });
    expect(notifier.sent).toEqual([]);
    expect(exitCodeOf(result)).toBe(0);
  });

  it('never starts a held instance', async () => {
    const fleet = await stoppedInDecember();
    fleet.update('proxy', { tags: { ...fleet.instance('proxy').tags, [TAGS.hold]: '' } });

    await run(fleet, recordingNotifier(), { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(fleet.calls.startInstance).toEqual([]);
    expect(fleet.instance('proxy').state).toBe('stopped');
  });

  it('never starts an instance its owner stopped', async () => {
    const fleet = oneInstance({ state: 'stopped' });
    const notifier = recordingNotifier();

    await run(fleet, notifier, { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(fleet.calls.startInstance).toEqual([]);
    expect(notifier.sent).toEqual([]);
  });

  it('never undoes a stop by the owner after the owner had started it again the same month', async () => {
    const fleet = oneInstance({ tags: { [TAGS.keepRunning]: '2026-12' } });
    await run(fleet, recordingNotifier(), { now: at('2026-12-10T00:00:00.000Z'), settings: RESTART });
    fleet.update('proxy', {
      state: 'stopped',
      tags: { ...fleet.instance('proxy').tags, [TAGS.stopped]: '2026-12' },
    });
    fleet.update('proxy', { state: 'running' });
    await run(fleet, recordingNotifier(), { now: at('2026-12-20T00:00:00.000Z'), settings: RESTART });
    fleet.update('proxy', { state: 'stopped' });

    await run(fleet, recordingNotifier(), { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(fleet.instance('proxy').tags[TAGS.stopped]).toBe('');
    expect(fleet.calls.startInstance).toEqual([]);
  });

  it('leaves an instance that is still stopping alone', async () => {
    const fleet = oneInstance({ state: 'stopping', tags: { [TAGS.stopped]: '2026-12' } });

    await run(fleet, recordingNotifier(), { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(fleet.calls.startInstance).toEqual([]);
    expect(fleet.calls.tagInstance).toEqual([]);
  });

  it('names a failed start as a problem (exit 1) with an alert, and the next check starts it', async () => {
    const fleet = await stoppedInDecember();
    fleet.failures.startInstance.set('proxy', new Error('ServiceException: try later'));
    const notifier = recordingNotifier();

    const failed = await run(fleet, notifier, { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(exitCodeOf(failed)).toBe(1);
    expect(failed.problems).toEqual([
      'proxy (us-east-1): start failed: ServiceException: try later; the next check tries again',
    ]);
    expect(failed.rows[0]).toMatchObject({ action: 'start-failed', state: 'stopped' });
    expect(notifier.sent[0]).toContain('START FAILED</b> <code>proxy</code>');
    expect(fleet.instance('proxy').tags[TAGS.stopped]).toBe('2026-12');

    fleet.failures.startInstance.clear();
    const retried = await run(fleet, notifier, { now: TEN_PAST_MIDNIGHT, settings: RESTART });

    expect(fleet.calls.startInstance).toEqual(['proxy', 'proxy']);
    expect(fleet.instance('proxy').state).toBe('running');
    expect(exitCodeOf(retried)).toBe(0);
  });

  it('names a start whose record could not be cleared, and the next check clears it without a second start', async () => {
    const fleet = await stoppedInDecember();
    fleet.failures.tagInstance.set('proxy', new Error('AccessDeniedException: no'));

    const result = await run(fleet, recordingNotifier(), { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(result.problems[0]).toBe(
      'proxy (us-east-1): started, but its stop record could not be cleared (AccessDeniedException: no); the next check clears it',
    );
    fleet.failures.tagInstance.clear();
    await run(fleet, recordingNotifier(), { now: TEN_PAST_MIDNIGHT, settings: RESTART });

    expect(fleet.calls.startInstance).toEqual(['proxy']);
    expect(fleet.instance('proxy').tags[TAGS.stopped]).toBe('');
  });

  it('does not start anything after the reads’ deadline: a problem, tried by the next check', async () => {
    const fleet = await stoppedInDecember();
    const deadline = workPhaseOver();

    const result = await runGuard(
      {
        fleet,
        channels: [telegramChannel(recordingNotifier())],
        now: () => FIRST_CHECK_OF_JANUARY,
        deadline,
      },
      guardSettings(RESTART),
      { command: 'check', dryRun: false },
    );

    expect(fleet.calls.startInstance).toEqual([]);
    expect(result.problems.some((problem) => problem.includes('start failed: not attempted before'))).toBe(
      true,
    );
  });

  it('only says what it would start in a dry run', async () => {
    const fleet = await stoppedInDecember();

    const result = await run(fleet, undefined, {
      now: FIRST_CHECK_OF_JANUARY,
      settings: RESTART,
      dryRun: true,
    });

    expect(fleet.calls.startInstance).toEqual([]);
    expect(result.rows[0]).toMatchObject({ action: 'would-start' });
    expect(result.messages[0]?.text).toContain('<b>Would start</b> for the new month: <code>proxy</code>');
  });

  it('is the same in a zone far from UTC: months are UTC', async () => {
    // 2027-01-01T00:00Z is still 31 December in Los Angeles, and already 1 January in Shanghai.
    const fleet = await stoppedInDecember();

    await run(fleet, recordingNotifier(), { now: FIRST_CHECK_OF_JANUARY, settings: RESTART });

    expect(fleet.calls.startInstance).toEqual(['proxy']);
  });
});

describe('the month’s last daily report, with RESTART_ON_NEW_MONTH', () => {
  it('says which instances the 1st starts, and which stay held', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [
        anInstance({ name: 'proxy', state: 'stopped', tags: { [TAGS.stopped]: '2026-12' } }),
        anInstance({ name: 'kept', state: 'stopped', tags: { [TAGS.stopped]: '2026-12', [TAGS.hold]: 'x' } }),
        anInstance({ name: 'owners', state: 'stopped' }),
      ],
      traffic: { proxy: { inBytes: GB, outBytes: GB }, kept: { inBytes: GB, outBytes: GB } },
    });
    const notifier = recordingNotifier();

    await run(fleet, notifier, { command: 'report', now: at('2026-12-31T23:58:00.000Z'), settings: RESTART });

    const [report = ''] = notifier.sent;
    expect(report).toContain('On the 1st the first check starts again: <code>proxy</code> (us-east-1).');
    expect(report).toContain('stopped by the guard, held: stays stopped on the 1st');
    expect(report).not.toContain('<code>owners</code> (us-east-1)');
  });

  it('is not said in an earlier report, nor without the setting', async () => {
    const fleet = oneInstance({ state: 'stopped', tags: { [TAGS.stopped]: '2026-11' } });
    const notifier = recordingNotifier();

    await run(fleet, notifier, { command: 'report', now: at('2026-11-29T23:58:00.000Z'), settings: RESTART });
    await run(fleet, notifier, { command: 'report', now: at('2026-11-30T23:58:00.000Z') });

    for (const report of notifier.sent) expect(report).not.toContain('On the 1st');
  });
});
