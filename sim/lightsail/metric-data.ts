/** `GetInstanceMetricData`, with the real service's validation and its silent empty answers. */

import { accrued, type TrafficShape } from '../traffic.js';
import { findInstance, type OperationContext } from './context.js';
import { invalidInput } from './errors.js';
import { type Body, requiredArray, requiredNumber, requiredString } from './input.js';
import { shapedBuckets, shuffle, startOfUtcMonth, type TrafficBucket, trafficBuckets } from './metrics.js';
import { epochSeconds } from './shapes.js';

/** Past this many datapoints the real service answers 200 with no data rather than an error. */
export const MAX_DATAPOINTS = 1440;

const METRIC_NAMES = new Set([
  'CPUUtilization',
  'NetworkIn',
  'NetworkOut',
  'StatusCheckFailed',
  'StatusCheckFailed_Instance',
  'StatusCheckFailed_System',
  'BurstCapacityTime',
  'BurstCapacityPercentage',
  'MetadataNoToken',
]);

const UNITS = new Set(
  [
    'Seconds Microseconds Milliseconds Bytes Kilobytes Megabytes Gigabytes Terabytes Bits Kilobits',
    'Megabits Gigabits Terabits Percent Count Bytes/Second Kilobytes/Second Megabytes/Second',
    'Gigabytes/Second Terabytes/Second Bits/Second Kilobits/Second Megabits/Second Gigabits/Second',
    'Terabits/Second Count/Second None',
  ]
    .join(' ')
    .split(' '),
);

const STATISTICS = new Set(['Minimum', 'Maximum', 'Sum', 'Average', 'SampleCount']);

export function getInstanceMetricData(ctx: OperationContext, body: Body): Record<string, unknown> {
  const metricName = requiredString(body, 'metricName');
  if (!METRIC_NAMES.has(metricName)) throw invalidInput(`metricName ${metricName} is not valid`);
  const period = requiredNumber(body, 'period');
  if (!Number.isInteger(period) || period < 60 || period > 86_400 || period % 60 !== 0) {
    throw invalidInput('period must be a multiple of 60 between 60 and 86400');
  }
  const start = requiredNumber(body, 'startTime');
  const end = requiredNumber(body, 'endTime');
  if (end <= start) throw invalidInput('startTime must be before endTime');
  const unit = requiredString(body, 'unit');
  if (!UNITS.has(unit)) throw invalidInput(`unit ${unit} is not valid`);
  const statistics = requiredArray(body, 'statistics');
  if (statistics.length === 0 || !statistics.every((s) => typeof s === 'string' && STATISTICS.has(s))) {
    throw invalidInput(`statistics must be one or more of ${[...STATISTICS].join(', ')}`);
  }
  const instance = findInstance(ctx, body, 'instanceName');

  const fault = ctx.takeFault(['empty-metric', 'absent-metric'])?.kind;
  if (fault === 'absent-metric') return { metricName };
  const buckets = Math.ceil((end - start) / period);
  const traffic = metricName === 'NetworkIn' || metricName === 'NetworkOut';
  // Measured on the real service: a unit that does not fit the metric, or too many datapoints, is a
  // 200 with no data, not an error. Only traffic is simulated; other metrics have no data either.
  if (fault === 'empty-metric' || !traffic || unit !== 'Bytes' || buckets > MAX_DATAPOINTS) {
    return { metricName, metricData: [] };
  }

  const now = epochSeconds(ctx.now);
  const createdAt = epochSeconds(instance.createdAt);
  const inbound = metricName === 'NetworkIn';
  const query = { start, period, buckets, now, createdAt };
  const answered: TrafficBucket[] = instance.shape
    ? shapedBuckets({
        ...query,
        visibleUntil: now - ctx.metricDelaySeconds,
        runs: instance.runs,
        bytes: (from, to) => {
          const moved = accrued(instance.shape as TrafficShape, instance.runs, from, to);
          return inbound ? moved.inBytes : moved.outBytes;
        },
      })
    : trafficBuckets({
        ...query,
        windowStart: Math.max(startOfUtcMonth(now), createdAt),
        totalBytes: inbound ? instance.traffic.inBytes : instance.traffic.outBytes,
      });
  const points = answered.map((b) => {
    const mean = b.bytes / b.samples;
    const point: Record<string, unknown> = { timestamp: b.timestamp, unit: 'Bytes' };
    for (const s of statistics) {
      if (s === 'Sum') point.sum = b.bytes;
      if (s === 'Average') point.average = mean;
      if (s === 'Maximum') point.maximum = mean;
      if (s === 'Minimum') point.minimum = mean;
      if (s === 'SampleCount') point.sampleCount = b.samples;
    }
    return point;
  });
  return { metricName, metricData: shuffle(points) };
}
