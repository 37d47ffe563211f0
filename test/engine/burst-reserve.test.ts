import { describe, expect, it } from 'vitest';
import { renderResult, resultJson } from '../../src/output.js';
import { anInstance, GB } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { run } from '../support/scenario.js';

const REGION = 'ap-northeast-1';
const BURST = {
  foresight: { metricDelayMinutes: 15, checkIntervalMinutes: 10, stopAhead: true, burstMbps: 1000 },
};

/**
 * Two 1 TB (1,024 GB) proxies going at an even, slow pace since the 1st: `near` at 85% (870.4 GB),
 * `far` at 70%. At 1 Gbps the 25 minutes before a check can see a burst move 187.5 GB, so the
 * reserve stops a 1 TB plan from 81.69%.
 */
function proxies() {
  return inMemoryFleet({
    regions: [REGION],
    instances: [
      anInstance({ name: 'near', region: REGION, bundleId: 'nano_3_0', allowanceGb: 1024 }),
      anInstance({ name: 'far', region: REGION, bundleId: 'micro_3_0', allowanceGb: 1024 }),
    ],
    traffic: {
      near: { inBytes: 70.4 * GB, outBytes: 800 * GB },
      far: { inBytes: 16.8 * GB, outBytes: 700 * GB },
    },
  });
}

describe('the burst reserve (BURST_MBPS) in a check', () => {
  it('stops a slow instance inside the reserve ahead of the threshold, says why, and marks the row', async () => {
    const fleet = proxies();
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { settings: BURST });

    expect(fleet.calls.stopInstance).toEqual(['near']);
    const rows = resultJson(result).instances;
    expect(rows.find((row) => row.name === 'near')).toMatchObject({
      action: 'stopped',
      reason: 'ahead',
      burst: true,
    });
    expect(rows.find((row) => row.name === 'far')).toMatchObject({ action: 'warned' });
    expect(rows.find((row) => row.name === 'far')?.burstStopPercent).toBeCloseTo(81.689, 3);
    expect(notifier.sent.join('\n')).toContain(
      'A burst at 1.00 Gbps (BURST_MBPS) could pass 100% of the allowance within 25 minutes',
    );
  });

  it('shows in status where the reserve will stop each running instance', async () => {
    const result = await run(proxies(), undefined, { command: 'status', settings: BURST });

    const table = renderResult(result, 'GB');
    expect(table).toMatch(/far .*stops at 81\.6% \(burst reserve\)/);
    expect(table).toMatch(/near .*inside the burst reserve: the next check stops it/);
  });

  it('keeps the threshold the only stop by default', async () => {
    const fleet = proxies();

    const result = await run(fleet, recordingNotifier());

    expect(fleet.calls.stopInstance).toEqual([]);
    expect(result.rows.find((row) => row.name === 'near')).toMatchObject({ action: 'warned' });
    expect(result.rows.every((row) => row.burstStopPercent === undefined)).toBe(true);
  });
});

/**
 * A pool of two 1 TB plans (the IPv4 and IPv6 plan of one size) at 1,700 of 2,048 GB (83%): each
 * running member could burst, so two running members keep 375 GB in reserve (from 81.69%), one
 * keeps 187.5 GB (from 90.84%).
 */
function pool(idleState: string) {
  return inMemoryFleet({
    regions: [REGION],
    instances: [
      anInstance({ name: 'busy', region: REGION, bundleId: 'nano_3_0', allowanceGb: 1024 }),
      anInstance({
        name: 'idle',
        region: REGION,
        bundleId: 'nano_ipv6_3_0',
        allowanceGb: 1024,
        state: idleState,
      }),
    ],
    traffic: {
      busy: { inBytes: 100 * GB, outBytes: 1500 * GB },
      idle: { inBytes: 20 * GB, outBytes: 80 * GB },
    },
  });
}

describe('the burst reserve of a pool (ALLOWANCE_SCOPE=pool)', () => {
  it('counts every running member: two of them at 83% of the pool are both stopped', async () => {
    const fleet = pool('running');

    const result = await run(fleet, recordingNotifier(), { settings: { ...BURST, allowanceScope: 'pool' } });

    expect([...fleet.calls.stopInstance].sort()).toEqual(['busy', 'idle']);
    expect(result.rows.every((row) => row.reason === 'ahead' && row.burst === true)).toBe(true);
  });

  it('keeps a lone running member running at 83% of the pool: one burst fits in what is left', async () => {
    const fleet = pool('stopped');

    await run(fleet, recordingNotifier(), { settings: { ...BURST, allowanceScope: 'pool' } });

    expect(fleet.calls.stopInstance).toEqual([]);
  });
});
