import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import type { Notifier } from '../../src/core/ports.js';
import { exitCodeOf } from '../../src/output.js';
import { anInstance, at, GB } from '../support/builders.js';
import { type InMemoryFleet, inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { aFleet, LIGHTSAIL_TAG_VALUE, NOW, run, TEN_MINUTES_LATER } from '../support/scenario.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

const namesRead = (fleet: InMemoryFleet): string[] =>
  [...new Set(fleet.calls.readMetric.map((call) => call.instance))].sort();

describe('check', () => {
  it('reads usage only for running instances, both metrics each, over the month so far in hours', async () => {
    const fleet = aFleet();

    await run(fleet, recordingNotifier());

    expect(namesRead(fleet)).toEqual(['calm', 'far', 'hot', 'warm']);
    expect(fleet.calls.readMetric).toHaveLength(8);
    for (const call of fleet.calls.readMetric) {
      expect(call.window.start.toISOString()).toBe('2026-11-01T00:00:00.000Z');
      expect(call.window.end).toEqual(NOW);
      expect(call.window.periodSeconds).toBe(3_600);
    }
    expect(
      fleet.calls.readMetric
        .filter((call) => call.instance === 'hot')
        .map((call) => call.metric)
        .sort(),
    ).toEqual(['NetworkIn', 'NetworkOut']);
  });

  it('stops the instance over the threshold and sends its alerts in one message', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(notifier.sent).toHaveLength(1);
    const [message = ''] = notifier.sent;
    expect(message).toContain(
      '<b>Stopped</b> <code>hot</code> in us-east-1: 97.00 of 100.00 GB used (97.0%)',
    );
    expect(message).toContain('<code>warm</code>');
    expect(message).toContain('80% warning');
    expect(message.indexOf('hot')).toBeLessThan(message.indexOf('warm'));
    expect(message).not.toContain('calm');
    expect(message).not.toContain('far');
    expect(telegramHtmlProblems(message)).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(exitCodeOf(result)).toBe(0);
    expect(result.rows.find((row) => row.name === 'hot')).toMatchObject({
      action: 'stopped',
      state: 'stopped',
    });
    expect(result.rows.find((row) => row.name === 'off')).toMatchObject({
      action: 'not-read',
      percent: null,
    });
  });

  it('writes alert state as tags only after the message was delivered', async () => {
    const fleet = aFleet();
    const tagWritesAtSend: { instance: string; tags: Record<string, string> }[][] = [];
    const notifier: Notifier = {
      async send() {
        tagWritesAtSend.push([...fleet.calls.tagInstance]);
      },
    };

    await run(fleet, notifier);

    // Before the send only the stop's write-ahead record was written, and no alert state.
    expect(tagWritesAtSend).toEqual([
      [{ instance: 'hot', tags: { [TAGS.stopUnsent]: NOW.toISOString(), [TAGS.stopped]: '2026-11' } }],
    ]);
    expect(fleet.instance('hot').tags[TAGS.alerted]).toBe('2026-11:80/90');
    expect(fleet.instance('warm').tags[TAGS.alerted]).toBe('2026-11:80');
    for (const call of fleet.calls.tagInstance)
      for (const value of Object.values(call.tags)) expect(value).toMatch(LIGHTSAIL_TAG_VALUE);
  });

  it('sends nothing and stops nothing on a second check in which nothing changed', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();
    await run(fleet, notifier);

    const second = await run(fleet, notifier, { now: TEN_MINUTES_LATER });

    expect(notifier.sent).toHaveLength(1);
    expect(second.messages).toEqual([]);
    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(exitCodeOf(second)).toBe(0);
  });

  it('warns again in December about an instance warned in November', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();
    await run(fleet, notifier);

    await run(fleet, notifier, { now: at('2026-12-01T00:10:00.000Z'), settings: { instances: ['warm'] } });

    expect(notifier.sent).toHaveLength(2);
    expect(notifier.sent[1]).toContain('<code>warm</code>');
    expect(fleet.instance('warm').tags[TAGS.alerted]).toBe('2026-12:80');
  });

  it('keeps an instance tagged keep-running for this month running, and says so once', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [anInstance({ name: 'vip', allowanceGb: 100, tags: { [TAGS.keepRunning]: '2026-11' } })],
      traffic: { vip: { inBytes: 0, outBytes: 99 * GB } },
    });
    const notifier = recordingNotifier();

    const first = await run(fleet, notifier);
    await run(fleet, notifier, { now: TEN_MINUTES_LATER });

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('kept running');
    expect(first.rows[0]?.action).toBe('kept-running');
  });
});

describe('check when Telegram fails', () => {
  it('writes no alerted tag, reports a problem with exit code 1, and sends the alert again next run', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();
    notifier.failWith = new Error('Telegram is down');

    const failed = await run(fleet, notifier);

    expect(notifier.sent).toEqual([]);
    expect(failed.messages.map((message) => message.status)).toEqual(['failed']);
    expect(failed.problems.some((problem) => problem.includes('not delivered: Telegram is down'))).toBe(true);
    expect(exitCodeOf(failed)).toBe(1);
    expect(fleet.instance('warm').tags[TAGS.alerted]).toBeUndefined();
    expect(fleet.instance('hot').tags[TAGS.alerted]).toBeUndefined();

    notifier.failWith = undefined;
    const retried = await run(fleet, notifier, { now: TEN_MINUTES_LATER });

    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('<code>warm</code>');
    expect(notifier.sent[0]).toContain('80% warning');
    expect(exitCodeOf(retried)).toBe(0);
    expect(fleet.instance('warm').tags[TAGS.alerted]).toBe('2026-11:80');
  });

  it('marks a stop whose alert failed with stop-unsent, re-sends it on the next run and clears the mark', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();
    notifier.failWith = new Error('Telegram is down');

    await run(fleet, notifier, { settings: { instances: ['hot'] } });

    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(fleet.instance('hot').state).toBe('stopped');
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('2026-11-20T10:00:00.000Z');

    notifier.failWith = undefined;
    const resent = await run(fleet, notifier, { now: TEN_MINUTES_LATER, settings: { instances: ['hot'] } });

    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('<b>Stopped</b> <code>hot</code> in us-east-1');
    expect(notifier.sent[0]).toContain('Stopped at 2026-11-20 10:00 UTC; this alert was not delivered then');
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('');
    expect(exitCodeOf(resent)).toBe(0);

    await run(fleet, notifier, { now: at('2026-11-20T10:20:00.000Z'), settings: { instances: ['hot'] } });

    expect(notifier.sent).toHaveLength(1);
  });
  it('saves no alert state for an instance whose alerts spanned two messages when one was lost, and re-sends only that one', async () => {
    // `late` has two alerts: its pending stop (ranked with the stops) and its unknown usage (after
    // them); forty other stops between them push the unknown alert into a later message.
    const late = anInstance({
      name: 'late',
      state: 'stopped',
      tags: { [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z' },
    });
    const others = Array.from({ length: 40 }, (_, index) =>
      anInstance({ name: `hot_${index}`, allowanceGb: 100 }),
    );
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [late, ...others],
      traffic: Object.fromEntries(others.map((other) => [other.name, { inBytes: 0, outBytes: 99 * GB }])),
    });
    fleet.failures.readMetric.set('late', new Error('metrics unavailable'));
    let calls = 0;
    const sent: string[] = [];
    const lastFails: Notifier = {
      async send(text) {
        calls += 1;
        if (calls > 1) throw new Error('Telegram is down');
        sent.push(text);
      },
    };

    const result = await run(fleet, lastFails);

    expect(result.messages.length).toBeGreaterThan(1);
    expect(sent[0]).toContain('<code>late</code>');
    expect(fleet.calls.tagInstance.filter((call) => call.instance === 'late')).toEqual([
      { instance: 'late', tags: { [TAGS.sentTo]: 'stop.2026-11-20T09:50:00.000Z=telegram' } },
    ]);
    expect(fleet.instance('late').tags[TAGS.stopUnsent]).toBe('2026-11-20T09:50:00.000Z');
    expect(fleet.instance('late').tags[TAGS.unknownAlerted]).toBeUndefined();

    const notifier = recordingNotifier();
    await run(fleet, notifier, { now: TEN_MINUTES_LATER, settings: { instances: ['late'] } });

    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('<b>Usage unknown</b> <code>late</code>');
    expect(notifier.sent[0]).not.toContain('Stopped');
    expect(fleet.instance('late').tags).toMatchObject({
      [TAGS.stopUnsent]: '',
      [TAGS.sentTo]: '',
      [TAGS.unknownAlerted]: '2026-11-20',
    });
  });
  it('makes an instance without an allowance unknown, never 0%, without reading its metrics', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [anInstance({ name: 'odd', allowanceGb: Number.NaN })],
      traffic: { odd: { inBytes: GB, outBytes: GB } },
    });

    const result = await run(fleet, recordingNotifier());

    expect(fleet.calls.readMetric).toEqual([]);
    expect(result.rows[0]).toMatchObject({ name: 'odd', percent: null, usedBytes: null });
    expect(result.problems).toContain(
      'odd (us-east-1): usage unknown: GetInstances gave no monthly transfer allowance',
    );
    expect(exitCodeOf(result)).toBe(1);
  });

  it('names an instance whose alert state could not be saved, and exits 1', async () => {
    const fleet = aFleet();
    fleet.failures.tagInstance.set('warm', Object.assign(new Error('no'), { name: 'AccessDeniedException' }));

    const result = await run(fleet, recordingNotifier());

    expect(result.problems).toContain(
      'warm (us-east-1): could not save alert state: AccessDeniedException: no',
    );
    expect(exitCodeOf(result)).toBe(1);
  });
});

describe('alert state writes', () => {
  it('are bounded per region like the reads, with the regions written in parallel', async () => {
    const names = (region: string) => Array.from({ length: 12 }, (_, index) => `${region}_${index}`);
    const regions = ['us-east-1', 'eu-west-2'];
    const instances = regions.flatMap((region) =>
      names(region).map((name) => anInstance({ name, region, allowanceGb: 100 })),
    );
    const fleet = inMemoryFleet({
      regions,
      instances,
      traffic: Object.fromEntries(
        instances.map((instance) => [instance.name, { inBytes: 0, outBytes: 85 * GB }]),
      ),
    });
    const inFlight = new Map<string, number>();
    const peaks = new Map<string, number>();
    let peakTotal = 0;
    const tag = fleet.tagInstance.bind(fleet);
    fleet.tagInstance = async (instance, tags) => {
      inFlight.set(instance.region, (inFlight.get(instance.region) ?? 0) + 1);
      peaks.set(
        instance.region,
        Math.max(peaks.get(instance.region) ?? 0, inFlight.get(instance.region) ?? 0),
      );
      peakTotal = Math.max(
        peakTotal,
        [...inFlight.values()].reduce((a, b) => a + b, 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight.set(instance.region, (inFlight.get(instance.region) ?? 0) - 1);
      return tag(instance, tags);
    };

    await run(fleet, recordingNotifier(), { settings: { concurrency: 4 } });

    expect(fleet.calls.tagInstance).toHaveLength(24);
    expect([...peaks.values()]).toEqual([4, 4]);
    expect(peakTotal).toBe(8);
  });
});

describe('check when AWS fails', () => {
  it('names a region whose instances cannot be listed, and still checks and stops the others', async () => {
    const fleet = aFleet();
    fleet.failures.listInstances.set(
      'eu-west-2',
      Object.assign(new Error('Service is unavailable'), { name: 'ServiceException' }),
    );
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(result.regionErrors).toEqual([
      { region: 'eu-west-2', error: 'ServiceException: Service is unavailable' },
    ]);
    expect(result.problems).toContain(
      'eu-west-2: could not list instances: ServiceException: Service is unavailable',
    );
    expect(exitCodeOf(result)).toBe(1);
    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(notifier.sent[0]).toContain('Region not checked</b> eu-west-2');
    expect(notifier.sent[0]).toContain('<code>hot</code>');
  });

  it('makes an instance whose metrics cannot be read unknown, named in problems and an alert, and still stops others', async () => {
    const fleet = aFleet();
    fleet.failures.readMetric.set(
      'warm',
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    );
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(result.problems).toContain(
      'warm (us-east-1): usage unknown: NetworkIn and NetworkOut: ThrottlingException: Rate exceeded',
    );
    expect(exitCodeOf(result)).toBe(1);
    expect(result.rows.find((row) => row.name === 'warm')).toMatchObject({ percent: null, usedBytes: null });
    expect(notifier.sent[0]).toContain('Usage unknown</b> <code>warm</code>');
    expect(notifier.sent[0]).toContain('ThrottlingException: Rate exceeded');
    expect(fleet.instance('warm').tags[TAGS.unknownAlerted]).toBe('2026-11-20');
  });

  it('makes a running instance that answers with no datapoints unknown, never 0%', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [anInstance({ name: 'silent' })],
    });
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(result.rows[0]).toMatchObject({ percent: null, usedBytes: null });
    expect(result.rows[0]?.unknownReason).toContain('no datapoints');
    expect(notifier.sent[0]).toContain('Usage unknown');
    expect(exitCodeOf(result)).toBe(1);
  });

  it('reports a stop call that failed, with the error, and tries again on the next run', async () => {
    const fleet = aFleet();
    fleet.failures.stopInstance.set(
      'hot',
      Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }),
    );
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);
    await run(fleet, notifier, { now: TEN_MINUTES_LATER });

    expect(result.problems).toContain('hot (us-east-1): stop failed: AccessDeniedException: not allowed');
    expect(exitCodeOf(result)).toBe(1);
    expect(notifier.sent[0]).toContain('STOP FAILED</b> <code>hot</code>');
    expect(notifier.sent[0]).toContain('AccessDeniedException: not allowed');
    expect(fleet.calls.stopInstance).toEqual(['hot', 'hot']);
  });

  it('names an instance from INSTANCES_TO_MONITOR that exists in no region as a problem and in an alert', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { settings: { instances: ['hot', 'ghost'] } });

    expect(namesRead(fleet)).toEqual(['hot']);
    expect(result.missing).toEqual(['ghost']);
    expect(
      result.problems.some(
        (problem) => problem.includes('ghost') && problem.includes('INSTANCES_TO_MONITOR'),
      ),
    ).toBe(true);
    expect(exitCodeOf(result)).toBe(1);
    expect(notifier.sent[0]).toContain('Not found</b>: <code>ghost</code>');
  });

  it('does not call an instance missing when a region that may hold it could not be listed', async () => {
    const fleet = aFleet();
    fleet.failures.listInstances.set('eu-west-2', new Error('down'));

    const result = await run(fleet, recordingNotifier(), { settings: { instances: ['hot', 'far'] } });

    expect(result.missing).toEqual([]);
    expect(result.problems.some((problem) => problem.includes('eu-west-2'))).toBe(true);
  });

  it('says nothing was checked when the regions cannot be listed', async () => {
    const fleet = aFleet();
    fleet.failures.listRegions = new Error('UnrecognizedClientException: bad credentials');
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.listInstances).toEqual([]);
    expect(result.problems[0]).toContain('could not list regions');
    expect(exitCodeOf(result)).toBe(1);
    expect(notifier.sent[0]).toContain('Nothing checked');
  });
});

describe('check --dry-run', () => {
  it('stops nothing, sends nothing, writes no tags, and lists the messages it would send', async () => {
    const fleet = aFleet();

    const result = await run(fleet, undefined, { dryRun: true });

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(fleet.calls.tagInstance).toEqual([]);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.status).toBe('dry-run');
    expect(result.messages[0]?.text).toContain('<b>Would stop</b> <code>hot</code>');
    expect(result.messages[0]?.text).toContain('<code>warm</code>');
    expect(result.rows.find((row) => row.name === 'hot')).toMatchObject({
      action: 'would-stop',
      state: 'running',
    });
  });

  it('sends nothing even when a notifier is configured', async () => {
    const notifier = recordingNotifier();

    await run(aFleet(), notifier, { dryRun: true });

    expect(notifier.sent).toEqual([]);
  });
});

describe('regions', () => {
  it('never lists regions when REGIONS is set, and checks only those', async () => {
    const fleet = aFleet();

    const result = await run(fleet, recordingNotifier(), { settings: { regions: ['eu-west-2'] } });

    expect(fleet.calls.listRegions).toBe(0);
    expect(fleet.calls.listInstances).toEqual(['eu-west-2']);
    expect(result.regions).toEqual(['eu-west-2']);
    expect(namesRead(fleet)).toEqual(['far']);
  });

  it('names a REGIONS entry that fails and GetRegions does not list as not a Lightsail region', async () => {
    const fleet = aFleet();
    fleet.failures.listInstances.set('us-east-9', new Error('UnrecognizedClientException: invalid token.'));
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { settings: { regions: ['us-east-9', 'eu-west-2'] } });

    const error = 'not a Lightsail region (REGIONS; GetRegions lists us-east-1, eu-west-2)';
    expect(fleet.calls.listRegions).toBe(1);
    expect(result.regionErrors).toEqual([{ region: 'us-east-9', error }]);
    expect(result.problems).toContain(`us-east-9: could not list instances: ${error}`);
    expect(exitCodeOf(result)).toBe(1);
    expect(notifier.sent.join('\n')).toContain('not a Lightsail region');
  });

  it('keeps the error of a failing REGIONS entry that is a Lightsail region', async () => {
    const fleet = aFleet();
    fleet.failures.listInstances.set('eu-west-2', new Error('ServiceException: try later'));

    const result = await run(fleet, recordingNotifier(), { settings: { regions: ['eu-west-2'] } });

    expect(result.regionErrors).toEqual([{ region: 'eu-west-2', error: 'ServiceException: try later' }]);
  });

  it('lists regions when REGIONS is unset and checks every one', async () => {
    const fleet = aFleet();

    await run(fleet, recordingNotifier());

    expect(fleet.calls.listRegions).toBe(1);
    expect([...fleet.calls.listInstances].sort()).toEqual(['eu-west-2', 'us-east-1']);
  });
});
