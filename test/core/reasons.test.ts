import { describe, expect, it } from 'vitest';
import {
  type AccountFailure,
  accountFailureText,
  type Failure,
  failureText,
  type RowError,
  readAccountFailure,
  readFailure,
  readRowError,
  readUnknownReason,
  rowErrorText,
  type UnknownReason,
  unknownReasonText,
} from '../../src/core/reasons.js';

const FAILURES: readonly Failure[] = [
  { kind: 'service', text: 'ThrottlingException: Rate exceeded; try again' },
  { kind: 'no-answer', deadline: { seconds: 180 } },
  { kind: 'not-attempted', deadline: {} },
];

const UNKNOWN: readonly UnknownReason[] = [
  {
    kind: 'metrics',
    problems: [
      { metrics: ['NetworkIn'], problem: { kind: 'metric-failed', failure: FAILURES[0] as Failure } },
      { metrics: ['NetworkOut'], problem: { kind: 'no-datapoints', hours: '166.1' } },
    ],
  },
  {
    kind: 'metrics',
    problems: [{ metrics: ['NetworkIn', 'NetworkOut'], problem: { kind: 'no-metric-data' } }],
  },
  { kind: 'metrics', problems: [{ metrics: ['NetworkOut'], problem: { kind: 'not-finite' } }] },
  {
    kind: 'metrics',
    problems: [
      { metrics: ['NetworkIn'], problem: { kind: 'metric-failed', failure: FAILURES[1] as Failure } },
    ],
  },
  { kind: 'no-allowance' },
  { kind: 'not-read', deadline: { seconds: 180 } },
  { kind: 'not-read', deadline: {} },
  { kind: 'members-unknown', names: ['busy', 'idle'] },
  { kind: 'text', text: 'something else' },
];

describe('reasons as data, with the English they have always had', () => {
  it('keeps the English of the contract fields', () => {
    expect(UNKNOWN.map(unknownReasonText)).toEqual([
      'NetworkIn: ThrottlingException: Rate exceeded; try again; NetworkOut: no datapoints for a running instance observed for 166.1 h',
      'NetworkIn and NetworkOut: the answer had no metricData',
      'NetworkOut: a datapoint was not a finite, non-negative number',
      "NetworkIn: no answer before the run's 180 s deadline",
      'GetInstances gave no monthly transfer allowance',
      "not read before the run's 180 s deadline",
      "not read before the run's deadline",
      'usage of busy, idle unknown',
      'something else',
    ]);
    expect(FAILURES.map((failure) => rowErrorText({ kind: 'start-failed', failure }))).toEqual([
      'start failed: ThrottlingException: Rate exceeded; try again',
      "start failed: no answer before the run's 180 s deadline",
      "start failed: not attempted before the run's deadline",
    ]);
  });

  it.each(UNKNOWN.map((reason) => [reason.kind, reason] as const))(
    'reads back an unknown usage reason (%s) from its English',
    (_kind, reason) => {
      expect(readUnknownReason(unknownReasonText(reason))).toEqual(reason);
    },
  );

  it.each(FAILURES.map((failure) => [failure.kind, failure] as const))(
    'reads back a failure (%s), and a failed stop or start, from its English',
    (_kind, failure) => {
      const errors: RowError[] = [
        { kind: 'stop-failed', failure },
        { kind: 'start-failed', failure },
      ];

      expect(readFailure(failureText(failure))).toEqual(failure);
      for (const error of errors) expect(readRowError(rowErrorText(error))).toEqual(error);
    },
  );

  it('takes any text it did not write as the service’s own', () => {
    expect(readFailure('no answer before lunch')).toEqual({
      kind: 'service',
      text: 'no answer before lunch',
    });
    expect(readRowError('odd')).toEqual({ kind: 'text', text: 'odd' });
  });
});

describe('an account that could not be checked', () => {
  it('reads back every account failure from its English, which stays as ACCOUNTS has always said it', () => {
    const failures: AccountFailure[] = FAILURES.flatMap((failure) => [
      { kind: 'not-assumed', role: 'arn:aws:iam::111122223333:role/lightsail-guard-member', failure },
      { kind: 'not-identified', failure },
      { kind: 'refused', failure },
    ]);
    for (const failure of failures) expect(readAccountFailure(accountFailureText(failure))).toEqual(failure);
    expect(
      accountFailureText({
        kind: 'not-assumed',
        role: 'arn:aws:iam::1:role/r',
        failure: { kind: 'service', text: 'AccessDenied: no' },
      }),
    ).toBe('could not assume arn:aws:iam::1:role/r: AccessDenied: no');
  });

  it('reads any other text as what the account’s refusal said', () => {
    expect(readAccountFailure('AccessDenied')).toEqual({
      kind: 'refused',
      failure: { kind: 'service', text: 'AccessDenied' },
    });
  });
});
