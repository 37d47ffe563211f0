import { type MetricDatapoint, StopInstanceCommand } from '@aws-sdk/client-lightsail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, metricQuery, rejectionOf, TEST_MONTH_START, TEST_NOW } from './testing.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const traffic = { inBytes: 40e9, outBytes: 123_456_789_012 };
/** Created on 10 November at 06:00: its window is 17.25 days to TEST_NOW. */
const MID_MONTH = new Date('2026-11-10T06:00:00Z');

let sim: LightsailSimulator;
beforeAll(async () => {
  sim = await startLightsailSimulator({
    now: () => TEST_NOW,
    instances: [
      { name: 'old', region: 'us-east-1', traffic },
      { name: 'new', region: 'us-east-1', traffic, createdAt: MID_MONTH },
      { name: 'off', region: 'us-east-1', traffic, state: 'stopped' },
      { name: 'to-stop', region: 'us-east-1', traffic },
    ],
  });
});
afterAll(() => sim.close());

const query = metricQuery;

function total(points: MetricDatapoint[] | undefined): number {
  return (points ?? []).reduce((sum, p) => sum + (p.sum ?? 0), 0);
}

function times(points: MetricDatapoint[] | undefined): number[] {
  return (points ?? []).map((p) => p.timestamp?.getTime() ?? Number.NaN);
}

describe('GetInstanceMetricData', () => {
  it('sums daily buckets from the start of the month to exactly the month-to-date traffic, today included', async () => {
    const out = await clientFor(sim).send(query());
    const inbound = await clientFor(sim).send(query({ metricName: 'NetworkIn' }));

    expect(out.metricName).toBe('NetworkOut');
    expect(out.metricData).toHaveLength(27);
    expect(total(out.metricData)).toBeCloseTo(traffic.outBytes, 0);
    expect(total(inbound.metricData)).toBeCloseTo(traffic.inBytes, 0);
    const today = out.metricData?.find((p) => p.timestamp?.getTime() === Date.parse('2026-11-27T00:00:00Z'));
    expect(today?.sum).toBeCloseTo(traffic.outBytes * (0.5 / 26.5), 0);
    expect(today?.unit).toBe('Bytes');
  });

  it('sums hourly buckets to the same total', async () => {
    const out = await clientFor(sim).send(query({ period: 3600 }));

    expect(out.metricData).toHaveLength(26 * 24 + 12);
    expect(total(out.metricData)).toBeCloseTo(traffic.outBytes, 0);
  });

  it('returns datapoints in no particular order', async () => {
    const out = await clientFor(sim).send(query({ period: 3600 }));

    const ts = times(out.metricData);
    expect(ts).not.toEqual([...ts].sort((a, b) => a - b));
    expect(new Set(ts).size).toBe(ts.length);
  });

  it('has no data before an instance created mid-month and spreads its traffic from creation', async () => {
    const out = await clientFor(sim).send(query({ instanceName: 'new' }));

    const ts = times(out.metricData);
    expect(Math.min(...ts)).toBe(Date.parse('2026-11-10T00:00:00Z'));
    expect(ts).toHaveLength(18);
    expect(total(out.metricData)).toBeCloseTo(traffic.outBytes, 0);
    const first = out.metricData?.find((p) => p.timestamp?.getTime() === MID_MONTH.getTime() - 6 * HOUR);
    expect(first?.sum).toBeCloseTo(traffic.outBytes * (18 / 24 / 17.25), 0);
  });

  it('aligns buckets on startTime and stops at now', async () => {
    const start = new Date(TEST_NOW.getTime() - 3 * DAY - 30 * 60_000);

    const out = await clientFor(sim).send(
      query({ startTime: start, endTime: new Date(TEST_NOW.getTime() + DAY) }),
    );

    expect(times(out.metricData).sort((a, b) => a - b)).toEqual(
      [0, 1, 2, 3].map((d) => start.getTime() + d * DAY),
    );
  });

  it('still reports the month-to-date traffic of a stopped instance, also after a stop', async () => {
    await clientFor(sim).send(new StopInstanceCommand({ instanceName: 'to-stop' }));

    const off = await clientFor(sim).send(query({ instanceName: 'off' }));
    const stopped = await clientFor(sim).send(query({ instanceName: 'to-stop' }));

    expect(total(off.metricData)).toBeCloseTo(traffic.outBytes, 0);
    expect(total(stopped.metricData)).toBeCloseTo(traffic.outBytes, 0);
  });

  it('derives the other statistics when asked', async () => {
    const out = await clientFor(sim).send(
      query({ statistics: ['Sum', 'Average', 'Maximum', 'Minimum', 'SampleCount'] }),
    );

    const day = out.metricData?.find((p) => p.timestamp?.getTime() === Date.parse('2026-11-02T00:00:00Z'));
    expect(day?.sampleCount).toBe(288);
    expect(day?.average).toBeCloseTo((day?.sum ?? 0) / 288, 3);
    expect(day?.maximum).toBe(day?.average);
    expect(day?.minimum).toBe(day?.average);
  });

  it('answers an over-1,440-datapoint metric query with 200 and no data, as the real service does', async () => {
    const at1440 = await clientFor(sim).send(
      query({ period: 60, startTime: new Date(TEST_NOW.getTime() - 1440 * 60_000) }),
    );
    const at1441 = await clientFor(sim).send(
      query({ period: 60, startTime: new Date(TEST_NOW.getTime() - 1441 * 60_000) }),
    );
    const wholeMonthIn5Minutes = await clientFor(sim).send(query({ period: 300 }));

    expect(at1440.metricData).toHaveLength(1440);
    expect(at1441.$metadata.httpStatusCode).toBe(200);
    expect(at1441.metricData).toEqual([]);
    expect(wholeMonthIn5Minutes.metricData).toEqual([]);
  });

  it('answers a unit that does not fit the traffic metric with 200 and no data', async () => {
    const megabytes = await clientFor(sim).send(query({ unit: 'Megabytes' }));
    const percent = await clientFor(sim).send(query({ unit: 'Percent' }));

    expect(megabytes.$metadata.httpStatusCode).toBe(200);
    expect(megabytes.metricData).toEqual([]);
    expect(percent.metricData).toEqual([]);
  });

  it.each([
    ['a period under 60', { period: 30 }],
    ['a period that is not a multiple of 60', { period: 90 }],
    ['a period over a day', { period: 86_460 }],
    ['an end before the start', { startTime: TEST_NOW, endTime: TEST_MONTH_START }],
    ['no statistics', { statistics: [] }],
    ['an unknown metric', { metricName: 'DiskUsage' as 'NetworkIn' }],
    ['no unit', { unit: undefined }],
  ])('refuses %s with InvalidInputException', async (_, overrides) => {
    const err = await rejectionOf(clientFor(sim).send(query(overrides)));

    expect(err.name).toBe('InvalidInputException');
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it('answers NotFoundException for an unknown instance', async () => {
    const err = await rejectionOf(clientFor(sim).send(query({ instanceName: 'ghost' })));

    expect(err.name).toBe('NotFoundException');
  });

  it('follows setTraffic', async () => {
    sim.setTraffic('us-east-1', 'old', { inBytes: 1, outBytes: 5e9 });

    const out = await clientFor(sim).send(query());
    sim.setTraffic('us-east-1', 'old', traffic);

    expect(total(out.metricData)).toBeCloseTo(5e9, 3);
  });
});
