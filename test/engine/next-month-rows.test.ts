import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { anInstance, at, GB } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { aFleet, run } from '../support/scenario.js';

const RESTART = { restartOnNewMonth: true } as const;
const rowOf = (result: Awaited<ReturnType<typeof run>>, name: string) =>
  result.rows.find((row) => row.name === name);

describe('rows of a check with RESTART_ON_NEW_MONTH', () => {
  it('says an instance stopped in this check is started on the 1st, and nothing of those still running', async () => {
    const result = await run(aFleet(), recordingNotifier(), { settings: RESTART });

    expect(rowOf(result, 'hot')).toMatchObject({ action: 'stopped', nextMonth: 'start' });
    expect(rowOf(result, 'warm')).not.toHaveProperty('nextMonth');
  });

  it('promises nothing for the 1st when the stop failed', async () => {
    const fleet = aFleet();
    fleet.failures.stopInstance.set('hot', new Error('ServiceException: try later'));

    const result = await run(fleet, recordingNotifier(), { settings: RESTART });

    expect(rowOf(result, 'hot')).toMatchObject({ action: 'stop-failed' });
    expect(rowOf(result, 'hot')).not.toHaveProperty('nextMonth');
  });

  it('promises nothing for the 1st without the setting', async () => {
    const result = await run(aFleet(), recordingNotifier());

    expect(rowOf(result, 'hot')).not.toHaveProperty('nextMonth');
  });

  it('promises nothing for an instance tagged to be ignored, even one the guard stopped before', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [
        anInstance({
          name: 'left',
          state: 'stopped',
          tags: { [TAGS.action]: 'ignore', [TAGS.stopped]: '2026-11' },
        }),
      ],
    });

    const result = await run(fleet, recordingNotifier(), { settings: RESTART });

    expect(rowOf(result, 'left')).toMatchObject({ action: 'ignored' });
    expect(rowOf(result, 'left')).not.toHaveProperty('nextMonth');
  });

  it('shows a start that failed on the instance’s row', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [
        anInstance({
          name: 'proxy',
          allowanceGb: 100,
          state: 'stopped',
          tags: { [TAGS.stopped]: '2026-10' },
        }),
      ],
      traffic: { proxy: { inBytes: GB, outBytes: GB } },
    });
    fleet.failures.startInstance.set('proxy', new Error('ServiceException: try later'));

    const result = await run(fleet, recordingNotifier(), {
      settings: RESTART,
      now: at('2026-11-01T00:10:00.000Z'),
    });

    expect(rowOf(result, 'proxy')).toMatchObject({
      action: 'start-failed',
      error: 'start failed: ServiceException: try later',
    });
  });
});
