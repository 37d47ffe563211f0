import { describe, expect, it } from 'vitest';
import { printablePolicyDocument } from '../../infra/policy.js';
import { TAGS } from '../../src/constants.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { restartStep, stoppedByGuardIn } from '../../src/core/restart.js';
import { at } from '../support/builders.js';
import { EMPTY_TAG_READINGS, type EmptyTagReading, isAllowed } from '../support/iam-conditions.js';

const START = 'lightsail:StartInstance';
const STATEMENTS = printablePolicyDocument({ restartOnNewMonth: true }).Statement;

/** Whether the guard's role, as deployed with restarting on, may start an instance with these tags. */
const mayStart = (tags: Record<string, string>, reading: EmptyTagReading) =>
  isAllowed(STATEMENTS, START, tags, reading);

describe('the grant to start instances, however IAM reads an empty tag value', () => {
  it.each(EMPTY_TAG_READINGS)('allows a stop the guard recorded, on an instance not held (%s)', (reading) => {
    expect(mayStart({ [TAGS.stopped]: '2026-11' }, reading)).toBe(true);
    expect(mayStart({ [TAGS.stopped]: '2026-11', team: '' }, reading)).toBe(true);
  });

  it.each(EMPTY_TAG_READINGS)('refuses a cleared record, stopped = "" (%s)', (reading) => {
    expect(mayStart({ [TAGS.stopped]: '' }, reading)).toBe(false);
  });

  it.each(EMPTY_TAG_READINGS)(
    'refuses an instance without a record, or with one not a month (%s)',
    (reading) => {
      expect(mayStart({}, reading)).toBe(false);
      expect(mayStart({ [TAGS.stopped]: 'yes' }, reading)).toBe(false);
      expect(mayStart({ [TAGS.stopped]: ' 2026-11' }, reading)).toBe(false);
    },
  );

  it.each(EMPTY_TAG_READINGS)('refuses an instance held with any non-empty value (%s)', (reading) => {
    for (const value of ['2026-12-03', 'yes', ' '])
      expect(mayStart({ [TAGS.stopped]: '2026-11', [TAGS.hold]: value }, reading)).toBe(false);
  });

  it.each(['value', 'null'] as const)(
    'refuses a key-only hold, whether Null reads its empty value as present or as null (%s)',
    (reading) => {
      expect(mayStart({ [TAGS.stopped]: '2026-11', [TAGS.hold]: '' }, reading)).toBe(false);
    },
  );

  it('cannot see a key-only hold if IAM left empty tags out, so the code never attempts that start', () => {
    const heldByKeyOnly = { state: 'stopped', tags: { [TAGS.stopped]: '2026-11', [TAGS.hold]: '' } };
    const january = billingMonthOf(at('2027-01-01T00:00:00.000Z'));

    expect(mayStart(heldByKeyOnly.tags, 'absent')).toBe(true);
    expect(
      restartStep({ instance: heldByKeyOnly, month: january, restartOnNewMonth: true, action: 'stop' }),
    ).toEqual({ kind: 'none' });
  });

  it('accepts every record the code would start from, so no restart the code attempts is refused', () => {
    const values = [
      '2026-01',
      '2026-12',
      '2099-09',
      ' 2026-12',
      '2026-12 ',
      '2026-13',
      '2026-1',
      '',
      '2026-12-01',
    ];

    const codeStartsFrom = values.filter(
      (value) => stoppedByGuardIn({ [TAGS.stopped]: value }) !== undefined,
    );

    expect(codeStartsFrom).toEqual(['2026-01', '2026-12', '2099-09']);
    for (const reading of EMPTY_TAG_READINGS)
      expect(codeStartsFrom.filter((value) => !mayStart({ [TAGS.stopped]: value }, reading))).toEqual([]);
  });

  it('grants no other statement StartInstance, and removes no tag', () => {
    const starting = STATEMENTS.filter((s) => [s.Action].flat().includes(START));

    expect(starting.map((s) => s.Sid)).toEqual(['StartInstancesTheGuardStopped']);
    expect(STATEMENTS.flatMap((s) => [s.Action].flat())).not.toContain('lightsail:UntagResource');
  });
});

describe('the tiny condition evaluator the grant is tested with', () => {
  const statement = (Condition: Record<string, Record<string, string>>) => [
    { Effect: 'Allow' as const, Action: START, Condition },
  ];
  const key = `aws:ResourceTag/${TAGS.hold}`;

  it('reads Null on an empty value as each reading says', () => {
    const present = statement({ Null: { [key]: 'false' } });

    expect(isAllowed(present, START, { [TAGS.hold]: '' }, 'value')).toBe(true);
    expect(isAllowed(present, START, { [TAGS.hold]: '' }, 'null')).toBe(false);
    expect(isAllowed(present, START, { [TAGS.hold]: '' }, 'absent')).toBe(false);
    expect(isAllowed(present, START, {}, 'value')).toBe(false);
  });

  it('matches no positive operator and every negated one on a missing key, as the IAM reference says', () => {
    expect(isAllowed(statement({ StringLike: { [key]: '*' } }), START, {}, 'value')).toBe(false);
    expect(isAllowed(statement({ StringNotLike: { [key]: '*' } }), START, {}, 'value')).toBe(true);
  });

  it('lets an explicit Deny win over an Allow', () => {
    const both = [...statement({}), { Effect: 'Deny' as const, Action: START }];

    expect(isAllowed(both, START, {}, 'value')).toBe(false);
  });

  it('refuses to judge an operator it does not model', () => {
    expect(() => isAllowed(statement({ StringEqualsIfExists: { [key]: 'x' } }), START, {}, 'value')).toThrow(
      /no condition operator StringEqualsIfExists/,
    );
  });
});
