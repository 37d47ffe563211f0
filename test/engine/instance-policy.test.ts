import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { exitCodeOf } from '../../src/output.js';
import { anInstance, at, GB } from '../support/builders.js';
import { type InMemoryFleet, inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { NOW, run, TEN_MINUTES_LATER } from '../support/scenario.js';

/** One running 100 GB instance `box` at `percent`, tagged with `tags`. */
function box(percent: number, tags: Record<string, string> = {}, state = 'running'): InMemoryFleet {
  return inMemoryFleet({
    regions: ['us-east-1'],
    instances: [anInstance({ name: 'box', allowanceGb: 100, tags, state })],
    traffic: { box: { inBytes: 0, outBytes: percent * GB } },
  });
}

describe('per-instance thresholds', () => {
  it('stops an instance at its own lower lightsail-guard:quota', async () => {
    const fleet = box(60, { [TAGS.quota]: '50' });
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual(['box']);
    expect(notifier.sent[0]).toContain('<b>Stopped</b> <code>box</code>');
    expect(exitCodeOf(result)).toBe(0);
  });

  it('keeps an instance with a higher quota running past the global threshold', async () => {
    const fleet = box(97, { [TAGS.quota]: '99' });

    await run(fleet, recordingNotifier());

    expect(fleet.calls.stopInstance).toEqual([]);
  });

  it('warns at an instance’s own lightsail-guard:warn levels', async () => {
    const fleet = box(65, { [TAGS.warn]: '60/70' });
    const notifier = recordingNotifier();

    await run(fleet, notifier);

    expect(notifier.sent[0]).toContain('60% warning</b> <code>box</code>');
    expect(fleet.instance('box').tags[TAGS.alerted]).toBe('2026-11:60');
  });
});

describe('the notify action', () => {
  it('with ACTION=notify, sends every alert and stops nothing, saying why once a month', async () => {
    const fleet = box(97);
    const notifier = recordingNotifier();

    const first = await run(fleet, notifier, { settings: { action: 'notify' } });
    const second = await run(fleet, notifier, { now: TEN_MINUTES_LATER, settings: { action: 'notify' } });

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(fleet.calls.tagInstance.every((call) => call.tags[TAGS.stopped] === undefined)).toBe(true);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('Over threshold, not stopped</b> <code>box</code>');
    expect(notifier.sent[0]).toContain('Not stopped because ACTION=notify is set');
    expect(first.rows[0]).toMatchObject({ action: 'not-stopped', state: 'running' });
    expect(exitCodeOf(first)).toBe(0);
    expect(second.messages).toEqual([]);
  });

  it('with ACTION=notify, still sends the warnings', async () => {
    const fleet = box(85);
    const notifier = recordingNotifier();

    await run(fleet, notifier, { settings: { action: 'notify' } });

    expect(notifier.sent[0]).toContain('80% warning');
  });

  it('with lightsail-guard:action = notify, alerts and never stops that one instance', async () => {
    const fleet = box(97, { [TAGS.action]: 'notify' });
    const notifier = recordingNotifier();

    await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(notifier.sent[0]).toContain(
      'it is tagged <code>lightsail-guard:action</code> = <code>notify</code>',
    );
  });

  it('with lightsail-guard:action = stop, stops an instance despite ACTION=notify', async () => {
    const fleet = box(97, { [TAGS.action]: 'stop' });

    await run(fleet, recordingNotifier(), { settings: { action: 'notify' } });

    expect(fleet.calls.stopInstance).toEqual(['box']);
  });

  it('shows a notify-only instance over its threshold as not stopped in status', async () => {
    const result = await run(box(97, { [TAGS.action]: 'notify' }), undefined, { command: 'status' });

    expect(result.rows[0]).toMatchObject({ action: 'not-stopped', percent: 97 });
  });
});

describe('the ignore action', () => {
  it('neither reads, stops, alerts nor writes anything for an ignored instance', async () => {
    const fleet = box(150, { [TAGS.action]: 'ignore' });
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.readMetric).toEqual([]);
    expect(fleet.calls.stopInstance).toEqual([]);
    expect(fleet.calls.tagInstance).toEqual([]);
    expect(notifier.sent).toEqual([]);
    expect(result.rows[0]).toMatchObject({ name: 'box', action: 'ignored', usedBytes: null, percent: null });
    expect(exitCodeOf(result)).toBe(0);
  });

  it('lists an ignored instance as ignored in status and in the report', async () => {
    const status = await run(box(150, { [TAGS.action]: 'ignore' }), undefined, { command: 'status' });
    const notifier = recordingNotifier();
    await run(box(150, { [TAGS.action]: 'ignore' }), notifier, { command: 'report' });

    expect(status.rows[0]).toMatchObject({ action: 'ignored' });
    expect(notifier.sent[0]).toContain('1 ignored');
    expect(notifier.sent[0]).toContain('<code>box</code> us-east-1 · running · ? / 100.00 GB');
    expect(notifier.sent[0]).toContain('ignored (lightsail-guard:action = ignore)');
  });

  it('never starts an ignored instance on a new month', async () => {
    const fleet = box(0, { [TAGS.action]: 'ignore', [TAGS.stopped]: '2026-10' }, 'stopped');

    await run(fleet, recordingNotifier(), { settings: { restartOnNewMonth: true } });

    expect(fleet.calls.startInstance).toEqual([]);
  });
});

describe('a malformed policy tag', () => {
  it('never weakens protection: the global threshold stops the instance, and the tag is a problem (exit 1)', async () => {
    const fleet = box(97, { [TAGS.quota]: '99%' });
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual(['box']);
    expect(result.problems).toEqual([
      'box (us-east-1): lightsail-guard:quota = "99%" is not a number greater than 0 (as QUOTA_PERCENT); the global 95% applies',
    ]);
    expect(exitCodeOf(result)).toBe(1);
    expect(notifier.sent[0]).toContain('Setting tag not valid</b> <code>box</code>');
  });

  it('a malformed action tag keeps the instance guarded', async () => {
    const fleet = box(97, { [TAGS.action]: 'notfy' });

    const result = await run(fleet, recordingNotifier());

    expect(fleet.calls.stopInstance).toEqual(['box']);
    expect(exitCodeOf(result)).toBe(1);
  });

  it('is alerted once a day, and again the next day, while it stays a problem every check', async () => {
    const fleet = box(10, { [TAGS.warn]: 'eighty' });
    const notifier = recordingNotifier();

    await run(fleet, notifier);
    const later = await run(fleet, notifier, { now: TEN_MINUTES_LATER });
    await run(fleet, notifier, { now: at('2026-11-21T00:00:00.000Z') });

    expect(notifier.sent).toHaveLength(2);
    expect(notifier.sent[0]).toContain('lightsail-guard:warn = "eighty"');
    expect(notifier.sent[1]).toContain('lightsail-guard:warn = "eighty"');
    expect(exitCodeOf(later)).toBe(1);
    expect(fleet.instance('box').tags[TAGS.badTagAlerted]).toBe('2026-11-21');
  });

  it('is alerted for a stopped instance too, which check does not read', async () => {
    const fleet = box(10, { [TAGS.action]: 'sometimes' }, 'stopped');
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.readMetric).toEqual([]);
    expect(notifier.sent[0]).toContain('Setting tag not valid</b> <code>box</code>');
    expect(exitCodeOf(result)).toBe(1);
    expect(fleet.instance('box').tags[TAGS.badTagAlerted]).toBe(NOW.toISOString().slice(0, 10));
  });
});
