import { describe, expect, it } from 'vitest';
import { billingMonthOf } from '../../src/core/billing-month.js';
import type { MetricRead, UsageWindow } from '../../src/core/types.js';
import {
  interpretUsage,
  MAX_DATAPOINTS,
  type MetricOutcome,
  USAGE_PERIOD_SECONDS,
  usageWindow,
  usedBytes,
} from '../../src/core/usage.js';
import { anInstance, at, aWindow } from '../support/builders.js';

/** Datapoints with these sums, one an hour from 00:00 UTC on 1 November. */
const points = (...sums: number[]): MetricRead => ({
  kind: 'datapoints',
  points: sums.map((sum, hour) => ({ timestampMs: Date.UTC(2026, 10, 1, hour), sum })),
});
const NONE: MetricRead = { kind: 'datapoints', points: [] };

/** What the service answers a window with: one datapoint per period, the last one partial. */
const datapointsAsked = (window: UsageWindow): number =>
  Math.ceil((window.end.getTime() - window.start.getTime()) / 1000 / window.periodSeconds);

describe('usageWindow', () => {
  it('runs from 00:00 UTC on the 1st to now in hourly buckets', () => {
    const now = at('2026-11-20T10:17:00.000Z');

    const window = usageWindow(billingMonthOf(now), now);

    expect(window.start.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(window.end).toEqual(now);
    expect(window.periodSeconds).toBe(3_600);
    expect(USAGE_PERIOD_SECONDS).toBe(3_600);
  });

  it('asks for 744 datapoints at the last millisecond of a 31-day month, under 1,440', () => {
    const now = at('2026-12-31T23:59:59.999Z');

    const window = usageWindow(billingMonthOf(now), now);

    expect(datapointsAsked(window)).toBe(744);
    expect(MAX_DATAPOINTS).toBe(1_440);
  });

  it('never asks for more than 1,440 datapoints at any hour of any day of a year with a leap day', () => {
    let most = 0;
    for (let hour = 0; hour < 366 * 24; hour += 1) {
      const now = new Date(Date.UTC(2028, 0, 1) + hour * 3_600_000 + 3_599_999);
      most = Math.max(most, datapointsAsked(usageWindow(billingMonthOf(now), now)));
    }

    expect(most).toBe(744);
    expect(most).toBeLessThanOrEqual(MAX_DATAPOINTS);
  });
});

describe('interpretUsage', () => {
  const novemberSoFar = aWindow('2026-11-01T00:00:00.000Z', '2026-11-20T10:00:00.000Z');
  const read = (inbound: MetricOutcome, outbound: MetricOutcome, instance = anInstance()) =>
    interpretUsage({ instance, window: novemberSoFar, inbound, outbound });

  it('sums every datapoint of NetworkIn and of NetworkOut', () => {
    const usage = read(points(300, 100, 200), points(5_000, 1_000));

    expect(usage).toMatchObject({ kind: 'known', inBytes: 600, outBytes: 6_000 });
  });

  it('makes usage unknown, naming the metric, when a metric call failed', () => {
    const usage = read(points(1), { kind: 'error', message: 'ThrottlingException: Rate exceeded' });

    expect(usage.kind).toBe('unknown');
    expect(usage.kind === 'unknown' && usage.reason).toContain(
      'NetworkOut: ThrottlingException: Rate exceeded',
    );
  });

  it('makes usage unknown, naming the metric, when the answer had no metricData', () => {
    const usage = read({ kind: 'absent' }, points(1));

    expect(usage.kind === 'unknown' && usage.reason).toMatch(/NetworkIn.*metricData/);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a negative number', -5],
  ])('makes usage unknown, naming the metric, when a datapoint is %s', (_label, bad) => {
    const usage = read(points(10), points(10, bad));

    expect(usage.kind).toBe('unknown');
    expect(usage.kind === 'unknown' && usage.reason).toContain('NetworkOut');
  });

  it('makes usage unknown when a running instance observed for over an hour has no datapoints', () => {
    const usage = read(NONE, NONE);

    expect(usage.kind).toBe('unknown');
    expect(usage.kind === 'unknown' && usage.reason).toMatch(
      /^NetworkIn and NetworkOut: no datapoints for a running instance observed for/,
    );
  });

  it('names each metric with its own reason when they fail differently', () => {
    const usage = read({ kind: 'absent' }, NONE);

    expect(usage.kind === 'unknown' && usage.reason).toMatch(
      /^NetworkIn: the answer had no metricData; NetworkOut: no datapoints/,
    );
  });

  it('makes usage unknown when a running instance created exactly one hour ago has no datapoints', () => {
    const instance = anInstance({ createdAt: at('2026-11-20T09:00:00.000Z') });

    const usage = read(NONE, NONE, instance);

    expect(usage.kind).toBe('unknown');
  });

  it('reads no datapoints from an instance created 10 minutes ago as 0', () => {
    const instance = anInstance({ createdAt: at('2026-11-20T09:50:00.000Z') });

    const usage = read(NONE, NONE, instance);

    expect(usage).toMatchObject({ kind: 'known', inBytes: 0, outBytes: 0 });
  });

  it('reads no datapoints at 00:30 on the 1st as 0: the month has just begun', () => {
    const window = aWindow('2026-11-01T00:00:00.000Z', '2026-11-01T00:30:00.000Z');

    const usage = interpretUsage({ instance: anInstance(), window, inbound: NONE, outbound: NONE });

    expect(usage).toEqual({
      kind: 'known',
      inBytes: 0,
      outBytes: 0,
      hourly: { startMs: Date.UTC(2026, 10, 1), bytes: [0] },
    });
  });

  it('reads no datapoints from a stopped instance as 0', () => {
    const usage = read(NONE, NONE, anInstance({ state: 'stopped' }));

    expect(usage).toMatchObject({ kind: 'known', inBytes: 0, outBytes: 0 });
  });

  it('still makes usage unknown when the answer had no metricData for a stopped instance', () => {
    const usage = read({ kind: 'absent' }, NONE, anInstance({ state: 'stopped' }));

    expect(usage.kind).toBe('unknown');
  });
});

describe('usedBytes', () => {
  it('counts inbound and outbound bytes together, as AWS bills them', () => {
    expect(usedBytes({ kind: 'known', inBytes: 3, outBytes: 40 })).toBe(43);
  });

  it('is null, never 0, when the usage is unknown or was not read', () => {
    expect(usedBytes({ kind: 'unknown', reason: 'no datapoints' })).toBeNull();
    expect(usedBytes(undefined)).toBeNull();
  });
});
