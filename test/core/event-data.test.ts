import { describe, expect, it } from 'vitest';
import type { AlertTextContext } from '../../src/core/alert-event.js';
import {
  alertData,
  poolData,
  regionFailureData,
  reportRowData,
  reportSummaryData,
  startsOnThe1stData,
} from '../../src/core/event-data.js';
import type { Forecast } from '../../src/core/forecast.js';
import type { PoolRow, ReportModel } from '../../src/core/report-model.js';
import { anInstance, aRow, at, GB } from '../support/builders.js';

// The webhook's `events` are a documented, versioned contract (docs/channels.md, "Webhook"): every field
// name and value of every kind is pinned here exactly, so that a renamed, dropped or extra field
// fails a test.

const CONTEXT: AlertTextContext = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' };
const WEB = anInstance({ name: 'web-1', region: 'eu-west-2', state: 'running' });
const FIGURES = { usedBytes: 85 * GB, allowanceBytes: 100 * GB, percent: 85 };
const INSTANCE_FIGURES = {
  instance: 'web-1',
  region: 'eu-west-2',
  state: 'running',
  usedBytes: 85 * GB,
  allowanceBytes: 100 * GB,
  percent: 85,
  thresholdPercent: 95,
  billingMonth: '2026-11',
};

describe('alertData: an instance’s figures', () => {
  it('gives a warning its level and the instance’s figures', () => {
    const data = alertData({ kind: 'warn', level: 80, instance: WEB, ...FIGURES }, CONTEXT, 'warned');

    expect(data).toEqual({ kind: 'warn', level: 80, ...INSTANCE_FIGURES, text: 'warned' });
  });

  it('names the pool and its members when the figures are the pool’s', () => {
    const pool = {
      region: 'eu-west-2',
      bundleId: 'small_3_0',
      instances: ['web-1', 'web-2'],
      usedBytes: 170 * GB,
      allowanceBytes: 200 * GB,
      percent: 85,
    };

    const data = alertData({ kind: 'kept-running', instance: WEB, ...FIGURES, pool }, CONTEXT, 'kept');

    expect(data).toEqual({
      kind: 'kept-running',
      ...INSTANCE_FIGURES,
      pool: 'small_3_0',
      poolInstances: ['web-1', 'web-2'],
      text: 'kept',
    });
  });

  it('says why an instance over its threshold was not stopped', () => {
    const data = alertData(
      { kind: 'not-stopped', because: 'tag', instance: WEB, ...FIGURES },
      CONTEXT,
      'notify',
    );

    expect(data).toEqual({ kind: 'not-stopped', because: 'tag', ...INSTANCE_FIGURES, text: 'notify' });
  });

  it('gives the share of a zero allowance as null: JSON has no infinity', () => {
    const data = alertData(
      {
        kind: 'warn',
        level: 80,
        instance: WEB,
        usedBytes: GB,
        allowanceBytes: 0,
        percent: Number.POSITIVE_INFINITY,
      },
      CONTEXT,
      'text',
    );

    expect(data.percent).toBeNull();
    expect(data.usedBytes).toBe(GB);
  });

  it('keeps unknown usage null', () => {
    const data = alertData(
      { kind: 'warn', level: 80, instance: WEB, usedBytes: null, allowanceBytes: 100 * GB, percent: null },
      CONTEXT,
      'text',
    );

    expect(data).toMatchObject({ usedBytes: null, percent: null });
  });
});

describe('alertData: a stop', () => {
  it('reports a stop at the threshold with only the fields that are set', () => {
    const data = alertData(
      { kind: 'stop', outcome: 'stopped', instance: WEB, ...FIGURES },
      CONTEXT,
      'stopped',
    );

    expect(data).toEqual({
      kind: 'stop',
      outcome: 'stopped',
      ...INSTANCE_FIGURES,
      reason: 'threshold',
      text: 'stopped',
    });
  });

  it('reports a stop ahead of the threshold with its pace, horizon and burst', () => {
    const data = alertData(
      {
        kind: 'stop',
        outcome: 'failed',
        instance: WEB,
        ...FIGURES,
        error: 'AccessDenied',
        recordError: 'tag write refused',
        alreadyStopping: true,
        ahead: {
          ratePerSecond: 1.25e8,
          withinMinutes: 25,
          lagMinutes: 15,
          lagSource: 'assumed',
          burst: true,
        },
      },
      CONTEXT,
      'failed',
    );

    expect(data).toEqual({
      kind: 'stop',
      outcome: 'failed',
      ...INSTANCE_FIGURES,
      reason: 'ahead',
      alreadyStopping: true,
      error: 'AccessDenied',
      recordError: 'tag write refused',
      ratePerSecond: 1.25e8,
      withinMinutes: 25,
      lagMinutes: 15,
      lagSource: 'assumed',
      burst: true,
      text: 'failed',
    });
  });

  it('gives an earlier stop, whose alert is sent late, its time and no reason', () => {
    const data = alertData(
      { kind: 'stop', outcome: 'earlier', stoppedAt: '2026-11-19T10:00:00.000Z', instance: WEB, ...FIGURES },
      CONTEXT,
      'earlier',
    );

    expect(data).toEqual({
      kind: 'stop',
      outcome: 'earlier',
      ...INSTANCE_FIGURES,
      stoppedAt: '2026-11-19T10:00:00.000Z',
      text: 'earlier',
    });
  });
});

describe('alertData: the other kinds', () => {
  const forecast: Forecast = {
    ratePerSecond: 2e6,
    dailyRatePerSecond: 1.5e6,
    basisHours: 48,
    monthEndBytes: 130 * GB,
    monthEndPercent: 130,
    thresholdPercent: 90,
    thresholdAt: at('2026-11-27T06:00:00.000Z'),
    fullAt: at('2026-11-28T12:00:00.000Z'),
  };

  it('gives a forecast its projection, the instance’s own threshold and the times in ISO form', () => {
    const data = alertData(
      {
        kind: 'forecast',
        instance: WEB,
        forecast,
        usedBytes: 40 * GB,
        allowanceBytes: 100 * GB,
        percent: 40,
      },
      CONTEXT,
      'forecast',
    );

    expect(data).toEqual({
      kind: 'forecast',
      instance: 'web-1',
      region: 'eu-west-2',
      state: 'running',
      usedBytes: 40 * GB,
      allowanceBytes: 100 * GB,
      percent: 40,
      thresholdPercent: 90,
      monthEndBytes: 130 * GB,
      monthEndPercent: 130,
      thresholdAt: '2026-11-27T06:00:00.000Z',
      fullAt: '2026-11-28T12:00:00.000Z',
      ratePerSecond: 2e6,
      dailyRatePerSecond: 1.5e6,
      billingMonth: '2026-11',
      text: 'forecast',
    });
  });

  it('gives a forecast with no times left this month nulls, and an infinite share null', () => {
    const data = alertData(
      {
        kind: 'forecast',
        instance: WEB,
        forecast: { ...forecast, thresholdAt: null, fullAt: null, monthEndPercent: Number.POSITIVE_INFINITY },
        usedBytes: 40 * GB,
        allowanceBytes: 0,
        percent: Number.NaN,
      },
      CONTEXT,
      'forecast',
    );

    expect(data).toMatchObject({ thresholdAt: null, fullAt: null, monthEndPercent: null, percent: null });
  });

  it('gives unknown usage its reason', () => {
    const data = alertData({ kind: 'unknown', instance: WEB, reason: 'throttled' }, CONTEXT, 'unknown');

    expect(data).toEqual({
      kind: 'unknown',
      instance: 'web-1',
      region: 'eu-west-2',
      reason: 'throttled',
      billingMonth: '2026-11',
      text: 'unknown',
    });
  });

  it('lists the instances started on a new month, side by side with their regions and stop months', () => {
    const data = alertData(
      {
        kind: 'started',
        dryRun: true,
        started: [
          { instance: WEB, stoppedIn: '2026-10' },
          { instance: anInstance({ name: 'db', region: 'us-west-2' }), stoppedIn: '2026-09' },
        ],
      },
      CONTEXT,
      'started',
    );

    expect(data).toEqual({
      kind: 'started',
      dryRun: true,
      instances: ['web-1', 'db'],
      regions: ['eu-west-2', 'us-west-2'],
      stoppedIn: ['2026-10', '2026-09'],
      text: 'started',
    });
  });

  it('gives a failed start its error', () => {
    const data = alertData(
      { kind: 'start-failed', instance: WEB, error: 'InvalidState' },
      CONTEXT,
      'no start',
    );

    expect(data).toEqual({
      kind: 'start-failed',
      instance: 'web-1',
      region: 'eu-west-2',
      error: 'InvalidState',
      text: 'no start',
    });
  });

  it('lists a malformed tag’s keys and problems', () => {
    const data = alertData(
      {
        kind: 'bad-tag',
        instance: WEB,
        problems: [
          { key: 'lightsail-guard:quota', message: 'not a number' },
          { key: 'lightsail-guard:action', message: 'not stop or notify' },
        ],
      },
      CONTEXT,
      'bad',
    );

    expect(data).toEqual({
      kind: 'bad-tag',
      instance: 'web-1',
      region: 'eu-west-2',
      tags: ['lightsail-guard:quota', 'lightsail-guard:action'],
      problems: ['not a number', 'not stop or notify'],
      text: 'bad',
    });
  });

  it('gives failed regions and missing instances what they name', () => {
    expect(alertData({ kind: 'region-failed', region: 'sa-east-1', error: 'timeout' }, CONTEXT, 'r')).toEqual(
      {
        kind: 'region-failed',
        region: 'sa-east-1',
        error: 'timeout',
        text: 'r',
      },
    );
    expect(alertData({ kind: 'regions-failed', error: 'no credentials' }, CONTEXT, 'all')).toEqual({
      kind: 'regions-failed',
      error: 'no credentials',
      text: 'all',
    });
    expect(alertData({ kind: 'missing', names: ['ghost', 'gone'] }, CONTEXT, 'm')).toEqual({
      kind: 'missing',
      names: ['ghost', 'gone'],
      text: 'm',
    });
  });
});

describe('report data', () => {
  it('sums the report up with its month, time, counts and threshold', () => {
    const model: ReportModel = {
      generatedAt: at('2026-11-20T09:00:00.000Z'),
      monthKey: '2026-11',
      rows: [],
      regionErrors: [],
    };

    const data = reportSummaryData(
      model,
      { instances: 7, regions: 3, over: 2, unknown: 1, ignored: 4 },
      { unit: 'GB', quotaPercent: 90, warnPercents: [80] },
      'summary',
    );

    expect(data).toEqual({
      kind: 'report',
      billingMonth: '2026-11',
      generatedAt: '2026-11-20T09:00:00.000Z',
      instances: 7,
      regions: 3,
      over: 2,
      unknown: 1,
      thresholdPercent: 90,
      text: 'summary',
    });
  });

  it('gives a report row what was read, and only the optional fields that are set', () => {
    const data = reportRowData(
      aRow({
        state: 'stopped',
        allowanceShare: 0.5,
        allowanceBytes: 50 * GB,
        action: 'stopped',
        reason: 'ahead',
      }),
      'row',
    );

    expect(data).toEqual({
      kind: 'instance',
      instance: 'web-1',
      region: 'us-east-1',
      state: 'stopped',
      usedBytes: 10 * GB,
      allowanceBytes: 50 * GB,
      allowanceShare: 0.5,
      percent: 10,
      action: 'stopped',
      reason: 'ahead',
      text: 'row',
    });
  });

  it('gives an unread row null usage with its reason and error', () => {
    const data = reportRowData(
      aRow({
        usedBytes: null,
        percent: null,
        action: 'none',
        unknownReason: 'throttled',
        error: 'slow down',
      }),
      'row',
    );

    expect(data).toMatchObject({
      usedBytes: null,
      percent: null,
      unknownReason: 'throttled',
      error: 'slow down',
    });
    expect(data).not.toHaveProperty('reason');
  });

  it('gives a pool its members and figures, and whether it was judged as one', () => {
    const pool: PoolRow = {
      region: 'ap-northeast-1',
      bundleId: 'small_3_0',
      instances: ['a', 'b'],
      usedBytes: 150 * GB,
      allowanceBytes: 200 * GB,
      percent: 75,
      forecast: null,
      judged: true,
    };

    expect(poolData(pool, 'pool')).toEqual({
      kind: 'pool',
      region: 'ap-northeast-1',
      bundleId: 'small_3_0',
      instances: ['a', 'b'],
      usedBytes: 150 * GB,
      allowanceBytes: 200 * GB,
      percent: 75,
      judged: true,
      text: 'pool',
    });
    expect(
      poolData({ ...pool, allowanceBytes: 0, percent: Number.POSITIVE_INFINITY }, 'p').percent,
    ).toBeNull();
  });

  it('names a region that could not be listed, and the instances started on the 1st', () => {
    expect(regionFailureData('sa-east-1', 'timeout', 'r')).toEqual({
      kind: 'region-failed',
      region: 'sa-east-1',
      error: 'timeout',
      text: 'r',
    });
    expect(
      startsOnThe1stData(
        [
          { name: 'web-1', region: 'us-east-1' },
          { name: 'db', region: 'eu-west-2' },
        ],
        'starts',
      ),
    ).toEqual({
      kind: 'starts-on-the-1st',
      instances: ['web-1', 'db'],
      regions: ['us-east-1', 'eu-west-2'],
      text: 'starts',
    });
  });
});
