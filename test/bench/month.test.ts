import { describe, expect, it } from 'vitest';
import { billOf } from '../../bench/month/bill.js';
import { type LiveInstance, type MonthInstance, monthFleet } from '../../bench/month/fleet.js';
import { hoursStoppedEarly, perfectStops } from '../../bench/month/perfect.js';
import { MONTH_START, profiles } from '../../bench/month/profiles.js';
import { simulateMonth } from '../../bench/month/simulate.js';
import { constant, type TrafficShape } from '../../sim/traffic.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import type { Instance, MetricPoint } from '../../src/core/types.js';
import { at, guardSettings } from '../support/builders.js';

const NOVEMBER = billingMonthOf(new Date(MONTH_START));
const SECONDS = 30 * 86_400;
/** How late metrics land on the real service: about a minute (measured in ap-northeast-1, 2026-08-22). */
const REAL_LAG = { lagMinutes: 1 } as const;

function live(name: string, bundleId: string, share: number, stoppedAt?: number): LiveInstance {
  const start = MONTH_START / 1000;
  return {
    name,
    region: 'ap-northeast-1',
    bundleId,
    allowanceGb: 1000,
    createdAt: new Date(Date.UTC(2025, 0, 1)),
    shape: constant({ bytesPerSecond: (share * 1000e9) / SECONDS, outShare: 0.7 }),
    state: stoppedAt === undefined ? 'running' : 'stopped',
    runs: [[Date.UTC(2025, 0, 1) / 1000, stoppedAt === undefined ? undefined : start + stoppedAt]],
    tags: {},
    stoppedAtMs: stoppedAt === undefined ? undefined : MONTH_START + stoppedAt * 1000,
    stopReason: undefined,
  };
}

/** 1 MB a second, 70% of it out: 3.6 GB an hour, 2.52 GB of it out. */
const MB_A_SECOND = constant({ bytesPerSecond: 1e6, outShare: 0.7 });

function anInstance(
  shape: TrafficShape = MB_A_SECOND,
  createdAt = new Date(Date.UTC(2025, 0, 1)),
): MonthInstance {
  return {
    name: 'web',
    region: 'ap-northeast-1',
    bundleId: 'small_3_0',
    allowanceGb: 1000,
    createdAt,
    shape,
  };
}

/** The fleet's clock, moved by the test. */
function fleetAt(lagMinutes: number, instance: MonthInstance = anInstance()) {
  const clock = { now: at('2026-11-01T00:00:00Z') };
  const fleet = monthFleet({ instances: [instance], now: () => clock.now, lagMinutes });
  const [live] = fleet.live;
  if (live === undefined) throw new Error('no instance');
  const asked: Instance = { ...live, tags: {} };
  const read = async (iso: string): Promise<MetricPoint[]> => {
    clock.now = at(iso);
    const answer = await fleet.readMetric(asked, 'NetworkOut', {
      start: new Date(MONTH_START),
      end: clock.now,
      periodSeconds: 3_600,
    });
    if (answer.kind !== 'datapoints') throw new Error(`answered ${answer.kind}`);
    return [...answer.points];
  };
  const stopAt = async (iso: string): Promise<void> => {
    clock.now = at(iso);
    await fleet.stopInstance(asked);
  };
  const startAt = async (iso: string): Promise<void> => {
    clock.now = at(iso);
    await fleet.startInstance(asked);
  };
  return { read, stopAt, startAt };
}

const hourOf = (point: MetricPoint | undefined): string | undefined =>
  point === undefined ? undefined : new Date(point.timestampMs).toISOString().slice(11, 16);

describe('the month simulation’s fleet', () => {
  it.each([
    // lag, the last hour answered, its 5-minute samples (the open one counted), its minutes of traffic
    [1, '10:00', 5, 22],
    [5, '10:00', 4, 18],
    [15, '10:00', 2, 8],
    [30, '09:00', 11, 53],
  ])(
    'at 10:23 with metrics %i minutes late, answers up to the %s hour with %i samples and %i minutes of bytes',
    async (lag, hour, samples, minutes) => {
      const { read } = fleetAt(lag);

      const points = await read('2026-11-01T10:23:00Z');

      const last = points.at(-1);
      expect(hourOf(last)).toBe(hour);
      expect(last?.samples).toBe(samples);
      expect(last?.sum).toBeCloseTo(minutes * 60 * 0.7e6, 3);
      expect(points.slice(0, -1).every((point) => point.samples === 12)).toBe(true);
    },
  );

  it('answers no datapoint for an hour with nothing visible yet, not a 0', async () => {
    const { read } = fleetAt(1);

    // Visible up to 10:00:00 exactly: the 10:00 hour holds no data yet.
    const points = await read('2026-11-01T10:01:00Z');

    expect(hourOf(points.at(-1))).toBe('09:00');
    expect(points.at(-1)?.samples).toBe(12);
  });

  it('answers no datapoint for the hours an instance was stopped, and the samples it ran before its stop', async () => {
    const { read, stopAt } = fleetAt(1);
    await stopAt('2026-11-01T10:07:00Z');

    const points = await read('2026-11-01T13:30:00Z');

    expect(hourOf(points.at(-1))).toBe('10:00');
    expect(points.at(-1)?.samples).toBe(2);
    expect(points.at(-1)?.sum).toBeCloseTo(7 * 60 * 0.7e6, 3);
  });

  it('answers read after read what one read of the same history answers', async () => {
    const often = fleetAt(1);
    const once = fleetAt(1);
    for (const iso of ['2026-11-01T08:10:00Z', '2026-11-01T09:59:00Z', '2026-11-01T10:03:00Z'])
      await often.read(iso);
    await often.stopAt('2026-11-01T10:07:00Z');
    await once.stopAt('2026-11-01T10:07:00Z');
    await often.read('2026-11-01T11:30:00Z');
    await often.startAt('2026-11-01T12:08:00Z');
    await once.startAt('2026-11-01T12:08:00Z');

    const later = await often.read('2026-11-01T12:40:00Z');

    expect(later).toEqual(await once.read('2026-11-01T12:40:00Z'));
    expect(later.map(hourOf)).toEqual([
      ...Array.from({ length: 11 }, (_, hour) => `${String(hour).padStart(2, '0')}:00`),
      '12:00',
    ]);
  });

  it('counts a 5-minute bucket it was stopped and started again in once', async () => {
    const { read, stopAt, startAt } = fleetAt(1);
    await stopAt('2026-11-01T10:07:00Z');
    await startAt('2026-11-01T10:08:00Z');

    const points = await read('2026-11-01T10:30:00Z');

    // 10:00 to 10:25, the last one open: the 10:05 bucket holds both runs.
    expect(points.at(-1)?.samples).toBe(6);
  });

  it('counts only the 5-minute samples after creation in the hour an instance was created', async () => {
    const { read } = fleetAt(1, anInstance(MB_A_SECOND, at('2026-11-01T10:12:00Z')));

    const points = await read('2026-11-01T11:00:00Z');

    expect(points.map(hourOf)).toEqual(['10:00']);
    expect(points[0]?.samples).toBe(10);
  });

  it('answers a datapoint for every 5 minutes a running instance moved nothing: a running one always has one', async () => {
    const { read } = fleetAt(1, anInstance(constant({ bytesPerSecond: 0 })));

    const points = await read('2026-11-01T02:30:00Z');

    expect(points.map((point) => [hourOf(point), point.sum, point.samples])).toEqual([
      ['00:00', 0, 12],
      ['01:00', 0, 12],
      ['02:00', 0, 6],
    ]);
  });
});

describe('the month simulation’s perfect-knowledge guard', () => {
  const steady = (share: number): MonthInstance =>
    anInstance(constant({ bytesPerSecond: (share * 1000e9) / SECONDS }));

  it('stops an instance heading for 110% the moment it reaches 95%: 95/110 of the month in', () => {
    const stops = perfectStops([steady(1.1)], { quotaPercent: 95, scope: 'instance' }, NOVEMBER);

    expect(((stops.get('web') ?? 0) - MONTH_START) / 1000).toBeCloseTo((SECONDS * 95) / 110, -1);
  });

  it('never stops an instance that stays under its threshold', () => {
    const stops = perfectStops([steady(0.9)], { quotaPercent: 95, scope: 'instance' }, NOVEMBER);

    expect(stops.get('web')).toBeUndefined();
  });

  it('judges a pool by its members’ usage together, against their summed allowance', () => {
    const busy = { ...steady(1.2), name: 'busy' };
    const idle = { ...steady(0.1), name: 'idle', bundleId: 'small_ipv6_3_0' };

    const alone = perfectStops([busy, idle], { quotaPercent: 95, scope: 'instance' }, NOVEMBER);
    const pooled = perfectStops([busy, idle], { quotaPercent: 60, scope: 'pool' }, NOVEMBER);

    expect(((alone.get('busy') ?? 0) - MONTH_START) / 1000).toBeCloseTo((SECONDS * 95) / 120, -1);
    expect(alone.get('idle')).toBeUndefined();
    // 130% of one allowance is 65% of two: 60% is reached 60/65 of the month in, by both.
    expect(((pooled.get('busy') ?? 0) - MONTH_START) / 1000).toBeCloseTo((SECONDS * 60) / 65, -1);
    expect(pooled.get('idle')).toBe(pooled.get('busy'));
  });

  it('counts the hours a stop came before the perfect one, and until the month’s end where there is none', () => {
    const perfect = new Map([
      ['early', MONTH_START + 25 * 86_400_000],
      ['late', MONTH_START + 20 * 86_400_000],
    ]);
    const stopped = (name: string, day: number): LiveInstance => ({
      ...live(name, 'small_3_0', 1),
      stoppedAtMs: MONTH_START + day * 86_400_000,
    });

    const hours = hoursStoppedEarly(
      [stopped('early', 20), stopped('late', 22), stopped('never', 29), live('running', 'small_3_0', 1)],
      perfect,
      NOVEMBER,
    );

    expect(hours).toBeCloseTo(5 * 24 + 0 + 24, 6);
  });
});

describe('the month simulation’s bill', () => {
  it('bills the bytes out past the allowance: 10% past 1,000 GB at 70% out is 70 GB', () => {
    expect(billOf([live('web', 'small_3_0', 1.1)], NOVEMBER).overageBytes / 1e9).toBeCloseTo(70, 3);
  });

  it('bills a pool of an IPv4 and an IPv6 plan of one size against their summed allowance', () => {
    const bill = billOf([live('busy', 'small_3_0', 1.2), live('idle', 'small_ipv6_3_0', 0.1)], NOVEMBER);

    expect(bill.overageBytes).toBe(0);
  });

  it('counts what a stop left unused and the hours it lasted', () => {
    const bill = billOf([live('web', 'small_3_0', 1.1, SECONDS / 2)], NOVEMBER);

    expect((bill.unusedAtStopBytes ?? 0) / 1e9).toBeCloseTo(450, 3);
    expect(bill.hoursStopped).toBeCloseTo(360, 6);
  });
});

describe('the month simulation', () => {
  const profile = (name: string, plan: string) => {
    const found = profiles().find((each) => each.name.startsWith(name) && each.plan === plan);
    if (found === undefined) throw new Error(`no profile ${name} [${plan}]`);
    return found;
  };

  it('leaves the busy-plus-idle pool running all month in pool mode, where per instance it stops the busy one', async () => {
    const [accounts] = profile('Pool: busy', '2 x 1 TB').variants;
    if (accounts === undefined) throw new Error('no variant');

    const pooled = await simulateMonth(accounts, guardSettings({ allowanceScope: 'pool' }), REAL_LAG);
    const alone = await simulateMonth(accounts, guardSettings(), REAL_LAG);

    expect(pooled.stops).toEqual([]);
    expect(pooled.overageBytes).toBe(0);
    expect(alone.stops).toHaveLength(1);
    expect(alone.stops[0]).toMatch(/^busy /);
  });

  it('stops a 1 Gbps burst from 90% on a 3 TB plan without a byte of overage, whenever it starts', async () => {
    for (const accounts of profile('1 Gbps burst from 90%', '3 TB').variants) {
      const run = await simulateMonth(accounts, guardSettings(), REAL_LAG);

      expect(run.overageBytes).toBe(0);
      expect(run.metricReadsPerRead).toBe(2);
    }
  });
});
