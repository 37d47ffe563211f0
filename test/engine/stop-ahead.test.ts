import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { resultJson } from '../../src/output.js';
import { anInstance, GB } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { NOW, run } from '../support/scenario.js';

/**
 * At NOW (10:00 UTC) `fast` has used 94 GB of 100: 80 GB early this morning, then 7 GB at 08:00 and
 * 7 GB at 09:00. The guard takes the 09:00 hour to be seen until 09:45: 7 GB in 45 minutes, of which
 * 2.9 GB more than the 08:00 pace explains, taken to be the newest 10 minutes (39 Mbps): 7.3 GB in
 * the 25 minutes to the next check, past 95%. `steady` is at 94 GB at an even pace since the 1st: it would not get there.
 */
function racing(extra: { tags?: Record<string, string> } = {}) {
  return inMemoryFleet({
    regions: ['us-east-1'],
    instances: [
      anInstance({ name: 'fast', allowanceGb: 100, ...(extra.tags ? { tags: extra.tags } : {}) }),
      anInstance({ name: 'steady', allowanceGb: 100 }),
    ],
    traffic: {
      fast: { hours: [80 * GB, 0, 0, 0, 0, 0, 7 * GB, 7 * GB, 0] },
      steady: { inBytes: 40 * GB, outBytes: 54 * GB },
    },
  });
}

describe('stop ahead', () => {
  it('stops a fast instance under the threshold through the write-ahead record, and says why', async () => {
    const fleet = racing();
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(fleet.calls.stopInstance).toEqual(['fast']);
    expect(fleet.calls.order.filter((call) => call.endsWith(' fast'))).toEqual([
      'tag fast',
      'stop fast',
      'tag fast',
    ]);
    expect(fleet.calls.tagInstance[0]?.tags).toMatchObject({ [TAGS.stopUnsent]: NOW.toISOString() });
    const row = resultJson(result).instances.find((r) => r.name === 'fast');
    expect(row).toMatchObject({ action: 'stopped', reason: 'ahead', state: 'stopped' });
    expect(notifier.sent.join('\n')).toContain(
      '<code>fast</code> in us-east-1: 94.00 of 100.00 GB used (94.0%), threshold 95%. At 21 Mbps it would pass 95% within 25 minutes (10 to the next check, 15 of metric lag, assumed (METRIC_DELAY_MINUTES))',
    );
    expect(fleet.instance('fast').tags[TAGS.stopUnsent]).toBe('');
  });

  it('gives an ordinary stop the reason "threshold" in --json', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [anInstance({ name: 'full', allowanceGb: 100 })],
      traffic: { full: { inBytes: 48 * GB, outBytes: 48 * GB } },
    });

    const result = await run(fleet, recordingNotifier());

    expect(resultJson(result).instances[0]).toMatchObject({ action: 'stopped', reason: 'threshold' });
  });

  it('stops nothing ahead with STOP_AHEAD=false', async () => {
    const fleet = racing();

    const result = await run(fleet, recordingNotifier(), {
      settings: {
        foresight: { metricDelayMinutes: 15, checkIntervalMinutes: 10, stopAhead: false, burstMbps: 0 },
      },
    });

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(result.rows.find((row) => row.name === 'fast')?.action).toBe('warned');
  });

  it('lets a keep-running tag win', async () => {
    const fleet = racing({ tags: { [TAGS.keepRunning]: '2026-11' } });

    await run(fleet, recordingNotifier());

    expect(fleet.calls.stopInstance).toEqual([]);
  });

  it('never stops an instance whose usage could not be read', async () => {
    const fleet = racing();
    fleet.failures.readMetric.set('fast', new Error('metric service down'));

    const result = await run(fleet, recordingNotifier());

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(result.rows.find((row) => row.name === 'fast')?.unknownReason).toContain('metric service down');
  });

  it('names what a dry run and status would do, for the same reason', async () => {
    const dry = await run(racing(), undefined, { dryRun: true });
    const status = await run(racing(), undefined, { command: 'status' });

    expect(dry.rows.find((row) => row.name === 'fast')).toMatchObject({
      action: 'would-stop',
      reason: 'ahead',
    });
    expect(status.rows.find((row) => row.name === 'fast')).toMatchObject({
      action: 'over-threshold',
      reason: 'ahead',
    });
  });
});
