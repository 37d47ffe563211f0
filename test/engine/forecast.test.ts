import { describe, expect, it } from 'vitest';
import { renderResult, resultJson } from '../../src/output.js';
import { anInstance, GB } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { NOW, run, TEN_MINUTES_LATER } from '../support/scenario.js';

/**
 * At NOW (20 Nov 10:00 UTC, 466 hours into November) `busy` has moved 85 GB of 100 at an even pace
 * since the 1st: 131% by the month's end, 95% some 55 hours from now. `idle` moved 10 GB.
 */
function heading() {
  return inMemoryFleet({
    regions: ['us-east-1'],
    instances: [
      anInstance({ name: 'busy', allowanceGb: 100 }),
      anInstance({ name: 'idle', allowanceGb: 100 }),
      anInstance({ name: 'off', allowanceGb: 100, state: 'stopped' }),
    ],
    traffic: {
      busy: { inBytes: 25 * GB, outBytes: 60 * GB },
      idle: { inBytes: 5 * GB, outBytes: 5 * GB },
      off: { inBytes: 50 * GB, outBytes: 50 * GB },
    },
  });
}
const hoursIn = NOW.getTime() / 3_600_000 - Date.UTC(2026, 10, 1) / 3_600_000;

describe('forecast in status, report and --json', () => {
  it('carries each running instance’s forecast in --json, and null for a stopped one', async () => {
    const result = await run(heading(), undefined, { command: 'status' });

    const rows = resultJson(result).instances;
    const busy = rows.find((row) => row.name === 'busy')?.forecast;
    expect(busy?.monthEndPercent).toBeCloseTo((85 * 720) / hoursIn, 0);
    // This fleet's metrics have no lag: the 15 minutes the guard assumes unseen were seen, which
    // can only raise the recent pace (the 09:00 hour counted over 09:00 to 09:45).
    expect(busy?.ratePerSecond).toBeCloseTo(((85 * GB) / hoursIn / 3600) * (60 / 45), -3);
    expect(busy?.thresholdAt).toMatch(/^2026-11-22T1\d:\d\d:\d\d\.\d{3}Z$/);
    expect(busy?.fullAt).toMatch(/^2026-11-23T19:/);
    expect(rows.find((row) => row.name === 'off')?.forecast).toBeNull();
    expect(JSON.parse(JSON.stringify(resultJson(result))).instances[0].forecast).toHaveProperty(
      'thresholdAt',
    );
  });

  it('shows where a busy instance is heading in the status table, in TIME_ZONE, and nothing for an idle one', async () => {
    const result = await run(heading(), undefined, { command: 'status' });

    const table = renderResult(result, 'GB', { quotaPercent: 95, timeZone: 'Asia/Shanghai' });

    const busy = table.split('\n').find((line) => line.startsWith('busy')) ?? '';
    expect(busy).toMatch(/on pace for 131% by 30 Nov; 95% around 23 Nov 0\d:\d\d UTC\+8$/);
    expect(table.split('\n').find((line) => line.startsWith('idle'))).not.toContain('on pace');
  });

  it('says the same in the daily report', async () => {
    const notifier = recordingNotifier();

    await run(heading(), notifier, { command: 'report', settings: { timeZone: 'America/Los_Angeles' } });

    expect(notifier.sent[0]).toMatch(
      /<code>busy<\/code>.*on pace for 131% by 30 Nov; 95% around 22 Nov \d\d:\d\d PST/,
    );
  });
});

describe('the forecast alert in a check', () => {
  /** 70 GB of 100 by NOW at an even pace: 108% by the month's end, still under the 80% warning. */
  const climbing = () =>
    inMemoryFleet({
      regions: ['us-east-1'],
      instances: [anInstance({ name: 'climbing', allowanceGb: 100 })],
      traffic: { climbing: { inBytes: 20 * GB, outBytes: 50 * GB } },
    });

  it('is sent once, naming when the threshold will be reached, and not by the next check', async () => {
    const fleet = climbing();
    const notifier = recordingNotifier();

    const first = await run(fleet, notifier);
    const second = await run(fleet, notifier, { now: TEN_MINUTES_LATER });

    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toMatch(
      /^📈 <b>On pace to pass the allowance<\/b> <code>climbing<\/code> in us-east-1: 70\.00 of 100\.00 GB used \(70\.0%\); at its pace of the last day it reaches 95% around 2\d Nov \d\d:\d\d UTC and 108% by 30 Nov\./,
    );
    expect(first.rows[0]?.action).toBe('warned');
    expect(fleet.instance('climbing').tags['lightsail-guard:alerted']).toBe('2026-11:forecast');
    expect(second.messages).toEqual([]);
  });
});
