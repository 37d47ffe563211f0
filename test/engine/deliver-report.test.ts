import { describe, expect, it } from 'vitest';
import { billingMonthOf } from '../../src/core/billing-month.js';
import type { PoolRow, ReportRow } from '../../src/core/report.js';
import { deliverReport } from '../../src/engine/deliver-report.js';
import type { GuardSettings, RegionError } from '../../src/engine/types.js';
import { aRow, at, GB, guardSettings } from '../support/builders.js';
import { type RecordingChannel, recordingChannel } from '../support/channel.js';
import { inMemoryFleet } from '../support/fleet.js';

const TELEGRAM_FORMAT = { body: 'html', limit: 4096, measure: 'chars' } as const;
const MID_MONTH = at('2026-11-20T10:00:00.000Z');
const LAST_DAY = at('2026-11-30T08:00:00.000Z');

/** Sends the report of these rows at `now` to these channels (or previews it). */
function report(
  channels: readonly RecordingChannel[],
  options: {
    rows?: readonly ReportRow[];
    pools?: readonly PoolRow[];
    regionErrors?: readonly RegionError[];
    settings?: Partial<GuardSettings>;
    now?: Date;
    dryRun?: boolean;
  } = {},
) {
  const now = options.now ?? MID_MONTH;
  const fleet = inMemoryFleet({ regions: ['us-east-1'], instances: [] });
  return deliverReport({
    deps: { fleet, channels, now: () => now },
    settings: guardSettings(options.settings),
    rows: options.rows ?? [aRow({ name: 'web-1' })],
    ...(options.pools === undefined ? {} : { pools: options.pools }),
    regionErrors: options.regionErrors ?? [],
    month: billingMonthOf(now),
    now,
    dryRun: options.dryRun ?? false,
  });
}

/** Rows of a fleet the guard stopped last month-end: one it starts on the 1st, one held. */
const STOPPED_ROWS = [
  aRow({ name: 'web-1', state: 'stopped', nextMonth: 'start' }),
  aRow({ name: 'db-1', region: 'eu-west-2', state: 'stopped', nextMonth: 'start' }),
  aRow({ name: 'held-1', state: 'stopped', nextMonth: 'hold' }),
];

describe('deliverReport', () => {
  it('sends a report typed as the report, with a region that could not be listed as data after the summary', async () => {
    const sns = recordingChannel('sns');

    await report([sns], { regionErrors: [{ region: 'ap-south-1', error: 'AccessDenied' }] });

    const [message] = sns.sent;
    expect(message?.type).toBe('report');
    expect(message?.events.map((event) => event.kind)).toEqual(['report', 'region-failed', 'instance']);
    expect(message?.events[1]).toMatchObject({
      kind: 'region-failed',
      region: 'ap-south-1',
      error: 'AccessDenied',
    });
    expect(String(message?.events[1]?.text)).toContain('ap-south-1');
  });

  it('lists only the summary and the instances when the run had no pools to show', async () => {
    const sns = recordingChannel('sns');

    await report([sns], { rows: [aRow({ name: 'web-1' }), aRow({ name: 'web-2', percent: 50 })] });

    expect(sns.sent[0]?.events.map((event) => [event.kind, event.instance])).toEqual([
      ['report', undefined],
      ['instance', 'web-2'],
      ['instance', 'web-1'],
    ]);
  });

  it('names, on the month’s last day with RESTART_ON_NEW_MONTH, the instances the 1st starts, as text and as data', async () => {
    const sns = recordingChannel('sns');

    await report([sns], { rows: STOPPED_ROWS, now: LAST_DAY, settings: { restartOnNewMonth: true } });

    const events = sns.sent[0]?.events ?? [];
    expect(events.at(-1)).toMatchObject({
      kind: 'starts-on-the-1st',
      instances: ['web-1', 'db-1'],
      regions: ['us-east-1', 'eu-west-2'],
    });
    expect(String(events.at(-1)?.text)).toContain(
      'On the 1st the first check starts again: web-1 (us-east-1)',
    );
    expect(events.filter((event) => event.kind === 'instance')).toHaveLength(3);
  });

  it('says nothing about the 1st on an earlier day, nor on the last day without RESTART_ON_NEW_MONTH', async () => {
    const earlier = recordingChannel('sns');
    const withoutRestart = recordingChannel('sns');

    await report([earlier], { rows: STOPPED_ROWS, now: MID_MONTH, settings: { restartOnNewMonth: true } });
    await report([withoutRestart], {
      rows: STOPPED_ROWS,
      now: LAST_DAY,
      settings: { restartOnNewMonth: false },
    });

    for (const channel of [earlier, withoutRestart]) {
      expect(channel.sent[0]?.events.map((event) => event.kind)).toEqual([
        'report',
        'instance',
        'instance',
        'instance',
      ]);
      expect(channel.sent[0]?.text).not.toContain('On the 1st');
    }
  });

  it('numbers the subject of each part when the report takes several messages, and leaves a single one unnumbered', async () => {
    const rows = Array.from({ length: 12 }, (_, index) =>
      aRow({ name: `web-${String(index).padStart(2, '0')}`, usedBytes: index * GB, percent: index }),
    );
    const small = recordingChannel('sns', { body: 'text', limit: 300, measure: 'utf8' });
    const large = recordingChannel('sns');

    await report([small, large], { rows });

    const subject = large.sent[0]?.subject ?? '';
    expect(large.sent).toHaveLength(1);
    expect(subject).toMatch(/^lightsail-guard: data transfer report 2026-11-20 /);
    expect(small.sent.length).toBeGreaterThan(2);
    expect(small.sent.map((message) => message.subject)).toEqual(
      small.sent.map((_, index) => `${subject} (${index + 1}/${small.sent.length})`),
    );
  });

  it('previews a report too long for one Telegram message as parts of at most 4096 characters of HTML', async () => {
    const rows = Array.from({ length: 120 }, (_, index) =>
      aRow({ name: `web-${String(index).padStart(3, '0')}.example`, usedBytes: index * GB, percent: index }),
    );
    const telegram = recordingChannel('telegram', TELEGRAM_FORMAT);

    const delivery = await report([telegram], {
      rows,
      dryRun: true,
      settings: { policy: { quotaPercent: 400, warnPercents: [] } },
    });

    expect(telegram.sent).toEqual([]);
    expect(delivery.messages.length).toBeGreaterThan(1);
    for (const message of delivery.messages) {
      expect(message.status).toBe('dry-run');
      expect(message.text.length).toBeLessThanOrEqual(4096);
      expect(message.text).toContain('<code>');
    }
    expect(delivery.problems).toEqual([]);
  });

  it('counts a Chinese preview in characters, as Telegram does, not in UTF-8 bytes', async () => {
    const rows = Array.from({ length: 40 }, (_, index) =>
      aRow({
        name: `上海数据中心主数据库服务器-${String(index).padStart(2, '0')}`,
        usedBytes: index * GB,
        percent: index,
      }),
    );
    const telegram = recordingChannel('telegram', TELEGRAM_FORMAT);

    const delivery = await report([telegram], { rows, dryRun: true, settings: { language: 'zh-CN' } });

    const [only] = delivery.messages;
    expect(delivery.messages).toHaveLength(1);
    expect(only?.text.length).toBeLessThanOrEqual(4096);
    expect(only?.text).toContain('上海数据中心主数据库服务器-39');
    expect(new TextEncoder().encode(only?.text).length).toBeGreaterThan(4096);
  });
});
