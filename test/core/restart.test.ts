import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { isLastDayOf, nextMonthFor, restartStep, stoppedByGuardIn } from '../../src/core/restart.js';
import { at } from '../support/builders.js';

const JANUARY = billingMonthOf(at('2027-01-01T00:00:00.000Z'));
const DECEMBER = billingMonthOf(at('2026-12-01T00:00:00.000Z'));

const stopped = (tags: Record<string, string>) => ({ state: 'stopped', tags });
const step = (
  instance: { state: string; tags: Record<string, string> },
  month = JANUARY,
  restartOnNewMonth = true,
) => restartStep({ instance, month, restartOnNewMonth, action: 'stop' });

describe('the new month’s restart decision', () => {
  it('starts in January an instance the guard stopped in December', () => {
    expect(step(stopped({ [TAGS.stopped]: '2026-12' }))).toEqual({ kind: 'start', stoppedIn: '2026-12' });
  });

  it('starts on 1 December an instance the guard stopped in November', () => {
    expect(step(stopped({ [TAGS.stopped]: '2026-11' }), DECEMBER)).toEqual({
      kind: 'start',
      stoppedIn: '2026-11',
    });
  });

  it('starts an instance stopped by the guard several months ago', () => {
    expect(step(stopped({ [TAGS.stopped]: '2026-03' }))).toMatchObject({ kind: 'start' });
  });

  it('does not start an instance the guard stopped this month', () => {
    expect(step(stopped({ [TAGS.stopped]: '2027-01' }))).toEqual({ kind: 'none' });
  });

  it('never starts anything without RESTART_ON_NEW_MONTH', () => {
    expect(step(stopped({ [TAGS.stopped]: '2026-12' }), JANUARY, false)).toEqual({ kind: 'none' });
  });

  it('never starts an instance stopped by someone else (no record)', () => {
    expect(step(stopped({}))).toEqual({ kind: 'none' });
    expect(step(stopped({ [TAGS.stopped]: '' }))).toEqual({ kind: 'none' });
  });

  it('never starts an instance whose record is not a month', () => {
    for (const value of ['2026-13', 'December', '2026-12-01', '26-12'])
      expect(step(stopped({ [TAGS.stopped]: value }))).toEqual({ kind: 'none' });
  });

  it('never starts a held instance, whatever the hold tag says', () => {
    for (const value of ['', 'yes', '2027-01'])
      expect(step(stopped({ [TAGS.stopped]: '2026-12', [TAGS.hold]: value }))).toEqual({ kind: 'none' });
  });

  it('leaves an instance in any state but stopped alone', () => {
    for (const state of ['stopping', 'shutting-down', 'rebooting', 'unknown'])
      expect(step({ state, tags: { [TAGS.stopped]: '2026-12' } })).toEqual({ kind: 'none' });
  });

  it('forgets the record of an instance that runs again, so a later stop by its owner is respected', () => {
    for (const state of ['running', 'pending']) {
      expect(step({ state, tags: { [TAGS.stopped]: '2026-12' } })).toEqual({ kind: 'forget' });
      expect(step({ state, tags: { [TAGS.stopped]: '2027-01' } }, JANUARY, false)).toEqual({
        kind: 'forget',
      });
    }
  });

  it('leaves an ignored instance alone entirely', () => {
    const instance = stopped({ [TAGS.stopped]: '2026-12' });

    expect(restartStep({ instance, month: JANUARY, restartOnNewMonth: true, action: 'ignore' })).toEqual({
      kind: 'none',
    });
  });

  it('reads the record as written, as the start grant matches it: a padded month is none', () => {
    expect(stoppedByGuardIn({ [TAGS.stopped]: '2026-12' })).toBe('2026-12');
    expect(stoppedByGuardIn({ [TAGS.stopped]: ' 2026-12 ' })).toBeUndefined();
    expect(stoppedByGuardIn({ [TAGS.stopped]: '' })).toBeUndefined();
    expect(stoppedByGuardIn({})).toBeUndefined();
  });
});

describe('what the 1st brings', () => {
  const NOVEMBER = billingMonthOf(at('2026-11-30T23:58:00.000Z'));
  const ahead = (instance: { state: string; tags: Record<string, string> }, restartOnNewMonth = true) =>
    nextMonthFor({ instance, month: NOVEMBER, restartOnNewMonth, action: 'stop' });

  it('is a start for an instance the guard stopped this month, and a hold for one its owner holds', () => {
    expect(ahead(stopped({ [TAGS.stopped]: '2026-11' }))).toBe('start');
    expect(ahead(stopped({ [TAGS.stopped]: '2026-11', [TAGS.hold]: '' }))).toBe('hold');
  });

  it('is the next check for an instance the guard stopped in an earlier month and has not started yet', () => {
    expect(ahead(stopped({ [TAGS.stopped]: '2026-10' }))).toBe('next-check');
  });

  it('is nothing without the setting, for an ignored instance, or for one stopped by its owner', () => {
    const guardStopped = stopped({ [TAGS.stopped]: '2026-11' });

    expect(ahead(guardStopped, false)).toBeUndefined();
    expect(
      nextMonthFor({ instance: guardStopped, month: NOVEMBER, restartOnNewMonth: true, action: 'ignore' }),
    ).toBeUndefined();
    expect(ahead(stopped({}))).toBeUndefined();
  });
});

describe('the last day of a billing month', () => {
  it.each([
    ['2026-11-30T00:00:00.000Z', true],
    ['2026-11-30T23:59:59.999Z', true],
    ['2026-11-29T23:59:59.999Z', false],
    ['2026-12-31T15:58:00.000Z', true],
    ['2026-12-30T23:58:00.000Z', false],
    ['2028-02-29T12:00:00.000Z', true],
    ['2027-02-28T12:00:00.000Z', true],
    ['2028-02-28T12:00:00.000Z', false],
  ])('is %s: %s (UTC, whatever the local zone)', (iso, last) => {
    const now = at(iso);

    expect(isLastDayOf(billingMonthOf(now), now)).toBe(last);
  });
});
