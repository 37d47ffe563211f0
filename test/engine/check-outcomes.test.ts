import { describe, expect, it } from 'vitest';
import { telegramChannel } from '../../src/channels/telegram.js';
import { TAGS } from '../../src/constants.js';
import { type LogEvent, runGuard } from '../../src/engine/run.js';
import { anInstance, GB, guardSettings } from '../support/builders.js';
import { inMemoryFleet } from '../support/fleet.js';
import { recordingNotifier } from '../support/notifier.js';
import { aFleet, NOW, run, TEN_MINUTES_LATER } from '../support/scenario.js';

const actionOf = (result: Awaited<ReturnType<typeof run>>, name: string) =>
  result.rows.find((row) => row.name === name)?.action;

describe('check: the action of each instance', () => {
  it('calls an instance warned only in the check that sent its warning', async () => {
    const fleet = aFleet();
    const notifier = recordingNotifier();

    const first = await run(fleet, notifier);
    const second = await run(fleet, notifier, { now: TEN_MINUTES_LATER });

    expect(actionOf(first, 'warm')).toBe('warned');
    expect(actionOf(first, 'calm')).toBe('none');
    expect(actionOf(second, 'warm')).toBe('none');
  });

  it('does not call an instance warned for an unknown-usage alert or an owed stop alert', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [
        anInstance({ name: 'mystery', allowanceGb: 100 }),
        anInstance({
          name: 'owed',
          allowanceGb: 100,
          state: 'stopped',
          tags: { [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z', [TAGS.alerted]: '2026-11:80/90' },
        }),
      ],
      traffic: { owed: { inBytes: 7 * GB, outBytes: 90 * GB } },
    });
    fleet.failures.readMetric.set('mystery', new Error('ThrottlingException: Rate exceeded'));
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier);

    expect(notifier.sent[0]).toContain('<b>Usage unknown</b> <code>mystery</code>');
    expect(notifier.sent[0]).toContain('Stopped at 2026-11-20 09:50 UTC');
    expect(actionOf(result, 'mystery')).toBe('none');
    expect(actionOf(result, 'owed')).toBe('none');
  });

  it('shows the error of a failed stop on the instance’s row', async () => {
    const fleet = aFleet();
    fleet.failures.stopInstance.set('hot', new Error('AccessDeniedException: not allowed'));

    const result = await run(fleet, recordingNotifier());

    expect(result.rows.find((row) => row.name === 'hot')).toMatchObject({
      action: 'stop-failed',
      state: 'running',
      error: 'stop failed: AccessDeniedException: not allowed',
    });
  });
});

describe('check: an owed stop alert while the usage cannot be read', () => {
  it('re-sends it with the usage unknown, never 0 or a number made up', async () => {
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [
        anInstance({
          name: 'owed',
          allowanceGb: 100,
          state: 'stopped',
          tags: { [TAGS.stopUnsent]: '2026-11-20T09:50:00.000Z', [TAGS.unknownAlerted]: '2026-11-20' },
        }),
      ],
    });
    fleet.failures.readMetric.set('owed', new Error('ThrottlingException: Rate exceeded'));
    const notifier = recordingNotifier();

    await run(fleet, notifier);

    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain(
      '<b>Stopped</b> <code>owed</code> in us-east-1: unknown of 100.00 GB used (unknown), threshold 95%.',
    );
    expect(fleet.instance('owed').tags[TAGS.stopUnsent]).toBe('');
  });
});

describe('check: the tags written after delivery', () => {
  it('writes exactly the alerted levels on a warned instance, and nothing on one with no news', async () => {
    const fleet = aFleet();

    await run(fleet, recordingNotifier());

    const writesOn = (name: string) => fleet.calls.tagInstance.filter((call) => call.instance === name);
    expect(writesOn('warm')).toEqual([{ instance: 'warm', tags: { [TAGS.alerted]: '2026-11:80' } }]);
    expect(writesOn('calm')).toEqual([]);
    expect(writesOn('far')).toEqual([]);
  });
});

describe('check: instances named in INSTANCES_TO_MONITOR', () => {
  it('names every instance found in no region, comma-separated, in one problem', async () => {
    const result = await run(aFleet(), recordingNotifier(), {
      settings: { instances: ['ghost', 'hot', 'phantom'] },
    });

    expect(result.missing).toEqual(['ghost', 'phantom']);
    expect(result.problems).toContain(
      'not found in any checked region: ghost, phantom (INSTANCES_TO_MONITOR)',
    );
  });

  it('calls none of them missing when the list of regions could not be read', async () => {
    const fleet = aFleet();
    fleet.failures.listRegions = new Error('UnrecognizedClientException: bad credentials');
    const notifier = recordingNotifier();

    const result = await run(fleet, notifier, { settings: { instances: ['hot', 'ghost'] } });

    expect(result.missing).toEqual([]);
    expect(result.problems).toEqual(['could not list regions: UnrecognizedClientException: bad credentials']);
    expect(notifier.sent.join('\n')).not.toContain('Not found');
  });
});

describe('check: when Telegram does not take an alert', () => {
  it('numbers the lost message in the problem and logs it as an error', async () => {
    const notifier = recordingNotifier();
    notifier.failWith = new Error('Telegram is down');
    const logs: LogEvent[] = [];

    const result = await runGuard(
      {
        fleet: aFleet(),
        channels: [telegramChannel(notifier)],
        now: () => NOW,
        log: (event) => logs.push(event),
      },
      guardSettings(),
      { command: 'check', dryRun: false },
    );

    expect(result.problems).toContain('Telegram: alert message 1 of 1 not delivered: Telegram is down');
    expect(logs).toContainEqual({
      level: 'error',
      msg: 'message not delivered',
      channel: 'telegram',
      error: 'Telegram is down',
    });
  });

  it('refuses a check that must send without a channel, rather than count its alerts as lost', async () => {
    const checking = runGuard({ fleet: aFleet(), channels: [], now: () => NOW }, guardSettings(), {
      command: 'check',
      dryRun: false,
    });

    await expect(checking).rejects.toThrow('no channel configured for a run that sends messages');
  });
});

describe('check: an untrusted creation time', () => {
  it.each([
    [
      'in the future',
      new Date('2026-11-29T20:00:00.000Z'),
      'its creation time 2026-11-29T20:00:00.000Z lies in the future',
    ],
    ['missing', new Date(Number.NaN), 'GetInstances gave no creation time'],
  ])(
    'counts an instance whose creation time is %s against its full allowance, named as a problem',
    async (_what, createdAt, reason) => {
      const fleet = inMemoryFleet({
        regions: ['us-east-1'],
        instances: [anInstance({ name: 'odd', allowanceGb: 100, createdAt })],
        traffic: { odd: { inBytes: 5 * GB, outBytes: 5 * GB } },
      });

      const result = await run(fleet, recordingNotifier());

      expect(result.rows[0]).toMatchObject({ percent: 10, allowanceShare: 1, action: 'none' });
      expect(result.problems).toEqual([`odd (us-east-1): ${reason}; its full monthly allowance is used`]);
      expect(fleet.calls.stopInstance).toEqual([]);
    },
  );
});
