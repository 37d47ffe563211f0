import type { Allowance } from '../../src/core/allowance.js';
import type { GuardPolicy } from '../../src/core/decide.js';
import type { ReportRow } from '../../src/core/report.js';
import type { Instance, UsageReading, UsageWindow } from '../../src/core/types.js';
import type { GuardSettings } from '../../src/engine/run.js';

/** One decimal gigabyte, the default unit of an allowance. */
export const GB = 1e9;

/** A fixed point in time, from an ISO string with an explicit `Z`: tests never read the real clock. */
export function at(iso: string): Date {
  if (!iso.endsWith('Z')) throw new Error(`test clock times must be UTC, with a Z: ${iso}`);
  return new Date(iso);
}

/** A running 1 TB instance created long before the test's month, in us-east-1, with no tags. */
export function anInstance(overrides: Partial<Instance> = {}): Instance {
  return {
    name: 'web-1',
    region: 'us-east-1',
    state: 'running',
    bundleId: 'small_3_0',
    createdAt: at('2025-01-10T08:00:00.000Z'),
    allowanceGb: 1024,
    tags: {},
    ...overrides,
  };
}

/** Month-to-date traffic, split evenly between in and out so that both halves are counted. */
export function knownUsage(totalBytes: number): UsageReading {
  return { kind: 'known', inBytes: totalBytes / 2, outBytes: totalBytes / 2 };
}

/** A full (not pro-rated) allowance of this many decimal GB. */
export function fullAllowance(gb: number): Allowance {
  return { bytes: gb * GB, share: 1 };
}

export const DEFAULT_POLICY: GuardPolicy = { quotaPercent: 95, warnPercents: [80, 90] };

/** Engine settings as the defaults of the configuration give them, with overrides. */
export function guardSettings(overrides: Partial<GuardSettings> = {}): GuardSettings {
  return {
    policy: DEFAULT_POLICY,
    allowance: { unit: 'GB', prorateNewInstances: true },
    regions: undefined,
    instances: undefined,
    concurrency: 4,
    action: 'stop',
    restartOnNewMonth: false,
    language: 'en',
    timeZone: 'UTC',
    allowanceScope: 'instance',
    foresight: { metricDelayMinutes: 15, checkIntervalMinutes: 10, stopAhead: true, burstMbps: 0 },
    ...overrides,
  };
}

/** The usage window of a month so far, in hourly buckets as the guard asks for it. */
export function aWindow(start: string, end: string): UsageWindow {
  return { start: at(start), end: at(end), periodSeconds: 3_600 };
}

/** A report row of a 100 GB instance, read and under every threshold. */
export function aRow(overrides: Partial<ReportRow> = {}): ReportRow {
  return {
    name: 'web-1',
    region: 'us-east-1',
    state: 'running',
    usedBytes: 10 * GB,
    allowanceBytes: 100 * GB,
    allowanceShare: 1,
    percent: 10,
    action: 'none',
    ...overrides,
  };
}
