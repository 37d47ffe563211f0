import { type MetricDatapoint, StartInstanceCommand, StopInstanceCommand } from '@aws-sdk/client-lightsail';
import { afterEach, describe, expect, it } from 'vitest';
import { accrued, combined, constant, diurnal, gbps } from '../traffic.js';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';
import { clientFor, metricQuery, TEST_MONTH_START, TEST_NOW } from './testing.js';

const HOUR = 3600;
const at = (date: Date): number => date.getTime() / 1000;

function byHour(points: MetricDatapoint[] | undefined): Map<number, number> {
  return new Map((points ?? []).map((p) => [p.timestamp?.getTime() ?? Number.NaN, p.sum ?? Number.NaN]));
}

describe('traffic shapes', () => {
  it('moves exactly its mean over a whole day of a daily rhythm, most around its peak hour', () => {
    const shape = diurnal({ meanBytesPerSecond: 1000, amplitude: 0.8, peakHourUtc: 18 });
    const day = at(TEST_MONTH_START);

    const whole = shape.between(day, day + 24 * HOUR);
    const peak = shape.between(day + 17.5 * HOUR, day + 18.5 * HOUR);
    const trough = shape.between(day + 5.5 * HOUR, day + 6.5 * HOUR);

    expect(whole.inBytes + whole.outBytes).toBeCloseTo(1000 * 24 * HOUR, 3);
    expect(peak.inBytes + peak.outBytes).toBeGreaterThan(8 * (trough.inBytes + trough.outBytes));
    expect(whole.outBytes / (whole.inBytes + whole.outBytes)).toBeCloseTo(0.7, 9);
  });

  it('moves a burst only from its start, and nothing while the instance is stopped', () => {
    const start = at(TEST_MONTH_START);
    const shape = combined(
      constant({ bytesPerSecond: 10 }),
      constant({ bytesPerSecond: gbps(1), from: start + HOUR }),
    );

    const running = accrued(shape, [[start, undefined]], start, start + 2 * HOUR);
    const stoppedAfterOneAndAHalf = accrued(shape, [[start, start + 1.5 * HOUR]], start, start + 2 * HOUR);

    expect(running.inBytes + running.outBytes).toBeCloseTo(10 * 2 * HOUR + 125e6 * HOUR, 0);
    expect(stoppedAfterOneAndAHalf.inBytes + stoppedAfterOneAndAHalf.outBytes).toBeCloseTo(
      10 * 1.5 * HOUR + 125e6 * 0.5 * HOUR,
      0,
    );
  });
});

describe('GetInstanceMetricData over shaped traffic', () => {
  let sim: LightsailSimulator | undefined;
  afterEach(() => sim?.close());

  it('answers hourly buckets with their timestamps, adding up to the rate times the month so far', async () => {
    sim = await startLightsailSimulator({
      now: () => TEST_NOW,
      instances: [
        { name: 'old', region: 'us-east-1', shape: constant({ bytesPerSecond: 1e6, outShare: 0.5 }) },
      ],
    });

    const out = await clientFor(sim).send(metricQuery({ period: 3600 }));

    const hours = byHour(out.metricData);
    expect(hours.size).toBe(26 * 24 + 12);
    expect(hours.get(Date.parse('2026-11-27T11:00:00Z'))).toBeCloseTo(0.5e6 * HOUR, 0);
    expect([...hours.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(
      0.5e6 * (at(TEST_NOW) - at(TEST_MONTH_START)),
      0,
    );
  });

  it('shows traffic only after the metric delay: the last hour is partial and the current one absent', async () => {
    const now = new Date('2026-11-27T12:10:00Z');
    sim = await startLightsailSimulator({
      now: () => now,
      metricDelaySeconds: 15 * 60,
      instances: [
        { name: 'old', region: 'us-east-1', shape: constant({ bytesPerSecond: 1000, outShare: 1 }) },
      ],
    });

    const out = await clientFor(sim).send(metricQuery({ period: 3600, endTime: now }));

    const hours = byHour(out.metricData);
    expect(hours.has(Date.parse('2026-11-27T12:00:00Z'))).toBe(false);
    expect(hours.get(Date.parse('2026-11-27T11:00:00Z'))).toBeCloseTo(1000 * 55 * 60, 0);
  });

  it('stops counting when the instance is stopped and resumes when it is started', async () => {
    let now = new Date('2026-11-27T10:00:00Z');
    sim = await startLightsailSimulator({
      now: () => now,
      instances: [
        { name: 'old', region: 'us-east-1', shape: constant({ bytesPerSecond: 1000, outShare: 1 }) },
      ],
    });
    const client = clientFor(sim);

    await client.send(new StopInstanceCommand({ instanceName: 'old' }));
    now = new Date('2026-11-27T10:30:00Z');
    await client.send(new StartInstanceCommand({ instanceName: 'old' }));
    now = new Date('2026-11-27T11:00:00Z');
    const out = await client.send(metricQuery({ period: 3600, endTime: now }));

    expect(byHour(out.metricData).get(Date.parse('2026-11-27T10:00:00Z'))).toBeCloseTo(1000 * 30 * 60, 0);
  });
});

describe('replacing traffic', () => {
  let sim: LightsailSimulator | undefined;
  afterEach(() => sim?.close());

  it('follows setShape, and setTraffic drops the shape for a uniform month-to-date total', async () => {
    sim = await startLightsailSimulator({
      now: () => TEST_NOW,
      instances: [{ name: 'old', region: 'us-east-1' }],
    });
    const total = async () =>
      [
        ...byHour(
          (await clientFor(sim as LightsailSimulator).send(metricQuery({ period: 3600 }))).metricData,
        ).values(),
      ].reduce((a, b) => a + b, 0);

    sim.setShape(
      'us-east-1',
      'old',
      constant({ bytesPerSecond: 1, outShare: 1, to: at(TEST_MONTH_START) + 100 }),
    );
    const shaped = await total();
    sim.setTraffic('us-east-1', 'old', { inBytes: 0, outBytes: 5e9 });
    const uniform = await total();

    expect(shaped).toBeCloseTo(100, 6);
    expect(uniform).toBeCloseTo(5e9, 0);
  });
});

describe('SampleCount over shaped traffic, as the real service counts it', () => {
  let sim: LightsailSimulator | undefined;
  afterEach(() => sim?.close());

  const samplesByHour = (points: MetricDatapoint[] | undefined): Map<string, number> =>
    new Map((points ?? []).map((p) => [p.timestamp?.toISOString() ?? '?', p.sampleCount ?? Number.NaN]));

  it('counts the native 5-minute buckets with anything visible, the growing one included', async () => {
    const now = new Date('2026-11-27T12:23:00Z');
    sim = await startLightsailSimulator({
      now: () => now,
      metricDelaySeconds: 60,
      instances: [{ name: 'old', region: 'us-east-1', shape: constant({ bytesPerSecond: 1e6 }) }],
    });

    const out = await clientFor(sim).send(
      metricQuery({ period: 3600, endTime: now, statistics: ['Sum', 'SampleCount'] }),
    );

    const samples = samplesByHour(out.metricData);
    expect(samples.get('2026-11-27T11:00:00.000Z')).toBe(12);
    // Visible until 12:22: the buckets 12:00 ... 12:20, the last still growing.
    expect(samples.get('2026-11-27T12:00:00.000Z')).toBe(5);
  });

  it('answers no datapoint for hours spent stopped, and counts buckets on the 5-minute grid', async () => {
    let clock = new Date('2026-11-27T09:07:00Z');
    sim = await startLightsailSimulator({
      now: () => clock,
      instances: [
        {
          name: 'old',
          region: 'us-east-1',
          createdAt: new Date('2026-11-27T09:03:00Z'),
          shape: constant({ bytesPerSecond: 1e6 }),
        },
      ],
    });
    await clientFor(sim).send(new StopInstanceCommand({ instanceName: 'old' }));
    clock = new Date('2026-11-27T12:00:00Z');

    const out = await clientFor(sim).send(
      metricQuery({
        period: 3600,
        startTime: new Date('2026-11-27T09:00:00Z'),
        endTime: clock,
        statistics: ['Sum', 'SampleCount'],
      }),
    );

    // Ran 09:03-09:07: the grid's 09:00 and 09:05 buckets; nothing after, not even a 0.
    expect([...samplesByHour(out.metricData)]).toEqual([['2026-11-27T09:00:00.000Z', 2]]);
  });
});
