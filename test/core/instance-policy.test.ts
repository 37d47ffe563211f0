import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { badTagAlertDue, type GlobalPolicy, instancePolicy } from '../../src/core/instance-policy.js';
import { at, DEFAULT_POLICY } from '../support/builders.js';

const GLOBAL: GlobalPolicy = { policy: DEFAULT_POLICY, action: 'stop' };

describe('an instance policy from its tags', () => {
  it('is the global setting for an instance without policy tags', () => {
    const policy = instancePolicy({}, GLOBAL);

    expect(policy).toEqual({
      quotaPercent: 95,
      warnPercents: [80, 90],
      action: 'stop',
      actionFrom: 'setting',
      tagProblems: [],
    });
  });

  it('takes the stop threshold from lightsail-guard:quota, decimals and above 100 included', () => {
    expect(instancePolicy({ [TAGS.quota]: '97.5' }, GLOBAL).quotaPercent).toBe(97.5);
    expect(instancePolicy({ [TAGS.quota]: '120' }, GLOBAL).quotaPercent).toBe(120);
  });

  it('drops global warning levels at or above a lower quota tag, as a lowered QUOTA_PERCENT does', () => {
    const policy = instancePolicy({ [TAGS.quota]: '85' }, GLOBAL);

    expect(policy).toMatchObject({ quotaPercent: 85, warnPercents: [80], tagProblems: [] });
  });

  it('takes warning levels from lightsail-guard:warn, separated by / (tag values allow no comma) or commas', () => {
    expect(instancePolicy({ [TAGS.warn]: '70/50/70' }, GLOBAL).warnPercents).toEqual([50, 70]);
    expect(instancePolicy({ [TAGS.warn]: '60,75' }, GLOBAL).warnPercents).toEqual([60, 75]);
    expect(instancePolicy({ [TAGS.warn]: '60 75' }, GLOBAL).warnPercents).toEqual([60, 75]);
  });

  it('disables the warnings of an instance whose warn tag is empty, as WARN_PERCENT= does', () => {
    const policy = instancePolicy({ [TAGS.warn]: '' }, GLOBAL);

    expect(policy.warnPercents).toEqual([]);
    expect(policy.tagProblems).toEqual([]);
  });

  it('checks warn levels against the instance’s own threshold', () => {
    const policy = instancePolicy({ [TAGS.quota]: '99', [TAGS.warn]: '95/98' }, GLOBAL);

    expect(policy).toMatchObject({ quotaPercent: 99, warnPercents: [95, 98], tagProblems: [] });
  });

  it.each([
    ['stop', 'stop'],
    ['notify', 'notify'],
    ['ignore', 'ignore'],
    [' Notify ', 'notify'],
  ] as const)('reads lightsail-guard:action = "%s" as %s', (raw, action) => {
    expect(instancePolicy({ [TAGS.action]: raw }, GLOBAL)).toMatchObject({ action, actionFrom: 'tag' });
  });

  it('lets an action tag of stop override ACTION=notify', () => {
    const policy = instancePolicy({ [TAGS.action]: 'stop' }, { ...GLOBAL, action: 'notify' });

    expect(policy).toMatchObject({ action: 'stop', actionFrom: 'tag' });
  });
});

describe('a malformed policy tag', () => {
  it.each(['abc', '0', '-5', '95%', '', 'Infinity'])(
    'quota "%s" falls back to the global threshold and is named',
    (raw) => {
      const policy = instancePolicy({ [TAGS.quota]: raw }, GLOBAL);

      expect(policy.quotaPercent).toBe(95);
      expect(policy.tagProblems).toEqual([
        {
          key: TAGS.quota,
          message: `lightsail-guard:quota = "${raw}" is not a number greater than 0 (as QUOTA_PERCENT); the global 95% applies`,
          why: { kind: 'quota-not-percent', value: raw, globalPercent: 95 },
        },
      ]);
    },
  );

  it('warn with a level that is not a percentage falls back to the global levels', () => {
    const policy = instancePolicy({ [TAGS.warn]: '80/x' }, GLOBAL);

    expect(policy.warnPercents).toEqual([80, 90]);
    expect(policy.tagProblems.map((problem) => problem.message)).toEqual([
      'lightsail-guard:warn = "80/x" is not a list of levels greater than 0 such as 80/90 (as WARN_PERCENT); the global levels 80/90 apply',
    ]);
  });

  it('warn at or above the instance’s threshold falls back to the global levels below it', () => {
    const policy = instancePolicy({ [TAGS.quota]: '85', [TAGS.warn]: '80/90' }, GLOBAL);

    expect(policy.warnPercents).toEqual([80]);
    expect(policy.tagProblems.map((problem) => problem.message)).toEqual([
      `lightsail-guard:warn = "80/90" has levels at or above the instance's 85% threshold; the global levels 80 apply`,
    ]);
  });

  it('action that is none of stop, notify and ignore keeps the global action: never weaker', () => {
    const policy = instancePolicy({ [TAGS.action]: 'ignored' }, GLOBAL);

    expect(policy).toMatchObject({ action: 'stop', actionFrom: 'setting' });
    expect(policy.tagProblems.map((problem) => problem.message)).toEqual([
      'lightsail-guard:action = "ignored" is not stop, notify or ignore; ACTION=stop applies',
    ]);
  });

  it('names every malformed tag at once', () => {
    const policy = instancePolicy({ [TAGS.quota]: 'x', [TAGS.warn]: 'y', [TAGS.action]: 'z' }, GLOBAL);

    expect(policy.tagProblems.map((problem) => problem.key)).toEqual([TAGS.quota, TAGS.warn, TAGS.action]);
    expect(policy).toMatchObject({ quotaPercent: 95, warnPercents: [80, 90], action: 'stop' });
  });
});

describe('the alert about a malformed tag', () => {
  const bad = {
    tagProblems: [
      {
        key: TAGS.quota,
        message: 'bad',
        why: { kind: 'quota-not-percent' as const, value: 'x', globalPercent: 95 },
      },
    ],
  };

  it('is due once a UTC day, keyed on the day', () => {
    const now = at('2026-12-31T23:59:59.000Z');

    expect(badTagAlertDue({}, bad, now)).toBe('2026-12-31');
    expect(badTagAlertDue({ [TAGS.badTagAlerted]: '2026-12-31' }, bad, now)).toBeUndefined();
    expect(badTagAlertDue({ [TAGS.badTagAlerted]: '2026-12-31' }, bad, at('2027-01-01T00:00:00.000Z'))).toBe(
      '2027-01-01',
    );
  });

  it('is never due for an instance whose tags are fine', () => {
    expect(badTagAlertDue({}, { tagProblems: [] }, at('2026-11-20T10:00:00.000Z'))).toBeUndefined();
  });
});
