import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import {
  alertedKey,
  alertedTagValue,
  badTagAlertKey,
  deliveredThisMonth,
  dueAlertKey,
  FORECAST_KEY,
  KEPT_RUNNING_KEY,
  NOTIFIED_KEY,
  POOL_KEY_PREFIX,
  poolAlertKey,
  poolDeliveredThisMonth,
  poolKey,
  sentToOf,
  sentToTagValue,
  warnKey,
} from '../../src/core/alert-keys.js';
import { LIGHTSAIL_TAG_VALUE } from '../support/scenario.js';

const SCOPE = { monthKey: '2026-11', dayKey: '2026-11-20', stopAt: '2026-11-20T10:00:00.000Z' };

// These spellings are written on users' instances: a test that fails here means a duplicate or a
// lost alert after an upgrade, not a test to update.
describe('the keys of the alerted tag', () => {
  it('are spelled as instances already carry them', () => {
    expect(TAGS.alerted).toBe('lightsail-guard:alerted');
    expect(KEPT_RUNNING_KEY).toBe('override');
    expect(NOTIFIED_KEY).toBe('notified');
    expect(FORECAST_KEY).toBe('forecast');
    expect(POOL_KEY_PREFIX).toBe('pool-');
    expect(warnKey(80)).toBe('80');
    expect(warnKey(62.5)).toBe('62.5');
  });

  it('name each monthly alert, and a pool’s own under the pool prefix', () => {
    expect(alertedKey({ kind: 'warn', level: 90 })).toBe('90');
    expect(alertedKey({ kind: 'kept-running' })).toBe('override');
    expect(alertedKey({ kind: 'not-stopped' })).toBe('notified');
    expect(alertedKey({ kind: 'forecast' })).toBe('forecast');
    expect(poolKey('80')).toBe('pool-80');
    expect(poolKey(alertedKey({ kind: 'kept-running' }))).toBe('pool-override');
  });

  it('writes the alerted levels of a month as YYYY-MM:levels, lowest first, override last', () => {
    const value = alertedTagValue('2026-11', ['override', '90', '80', '90']);

    expect(value).toBe('2026-11:80/90/override');
  });

  it('reads back exactly the keys it wrote for the same month', () => {
    const keys = ['50', '62.5', '80', '90', 'override'];

    const read = deliveredThisMonth({ [TAGS.alerted]: alertedTagValue('2026-11', keys) }, '2026-11');

    expect([...read].sort()).toEqual([...keys].sort());
  });

  it('reads another month’s value as nothing delivered', () => {
    const tags = { [TAGS.alerted]: alertedTagValue('2026-10', ['80', '90']) };

    expect(deliveredThisMonth(tags, '2026-11').size).toBe(0);
  });

  it('reads a missing or malformed tag as nothing delivered', () => {
    expect(deliveredThisMonth({}, '2026-11').size).toBe(0);
    expect(deliveredThisMonth({ [TAGS.alerted]: 'garbage' }, '2026-11').size).toBe(0);
    expect(deliveredThisMonth({ [TAGS.alerted]: '2026-11:' }, '2026-11').size).toBe(0);
  });

  it('uses only characters Lightsail allows in tag values, within 256 characters', () => {
    const levels = Array.from({ length: 40 }, (_, index) => String(10 + index * 2.25));

    const value = alertedTagValue('2026-11', [...levels, 'override']);

    expect(value).toMatch(LIGHTSAIL_TAG_VALUE);
    expect(value).not.toContain(',');
  });

  it('round-trips every kind of key, a pool’s apart from the member’s own', () => {
    const keys = [
      warnKey(80),
      warnKey(62.5),
      KEPT_RUNNING_KEY,
      NOTIFIED_KEY,
      FORECAST_KEY,
      poolKey(warnKey(80)),
      poolKey(FORECAST_KEY),
      poolKey(KEPT_RUNNING_KEY),
    ];

    const value = alertedTagValue('2026-11', keys);
    const tags = { [TAGS.alerted]: value };

    expect(value).toBe('2026-11:62.5/80/forecast/notified/override/pool-80/pool-forecast/pool-override');
    expect(value).toMatch(LIGHTSAIL_TAG_VALUE);
    expect(deliveredThisMonth(tags, '2026-11')).toEqual(new Set(keys));
    expect(poolDeliveredThisMonth(tags, '2026-11')).toEqual(new Set(['80', 'forecast', 'override']));
  });

  it('reads a value written by an earlier version', () => {
    const tags = { [TAGS.alerted]: '2026-11:80/90/forecast/notified/override/pool-80/pool-forecast' };

    expect(deliveredThisMonth(tags, '2026-11')).toEqual(
      new Set(['80', '90', 'forecast', 'notified', 'override', 'pool-80', 'pool-forecast']),
    );
    expect(poolDeliveredThisMonth(tags, '2026-11')).toEqual(new Set(['80', 'forecast']));
    expect(poolDeliveredThisMonth(tags, '2026-12').size).toBe(0);
  });

  it('reads an alerted tag that holds only this month, without levels, as nothing delivered', () => {
    expect([...deliveredThisMonth({ [TAGS.alerted]: '2026-11' }, '2026-11')]).toEqual([]);
  });
});

describe('the keys of the sent-to tag', () => {
  it('are spelled as instances already carry them', () => {
    expect(TAGS.sentTo).toBe('lightsail-guard:sent-to');
    expect(dueAlertKey({ kind: 'not-stopped' }, SCOPE)).toBe('2026-11.notified');
    expect(dueAlertKey({ kind: 'forecast' }, SCOPE)).toBe('2026-11.forecast');
    expect(badTagAlertKey('2026-11-20')).toBe('bad-tag.2026-11-20');
  });

  it('scope a pool’s own alerts to the month, apart from a member’s own of the same level', () => {
    expect(poolAlertKey({ kind: 'warn', level: 80 }, '2026-11')).toBe('2026-11.pool-80');
    expect(poolAlertKey({ kind: 'forecast' }, '2026-11')).toBe('2026-11.pool-forecast');
    expect(poolAlertKey({ kind: 'kept-running' }, '2026-11')).toBe('2026-11.pool-override');
    expect(poolAlertKey({ kind: 'warn', level: 80 }, '2026-11')).not.toBe(
      dueAlertKey({ kind: 'warn', level: 80 }, SCOPE),
    );
  });

  it('round-trip every kind of key through the tag value', () => {
    const keys = [
      dueAlertKey({ kind: 'warn', level: 62.5 }, SCOPE),
      dueAlertKey({ kind: 'kept-running' }, SCOPE),
      dueAlertKey({ kind: 'not-stopped' }, SCOPE),
      dueAlertKey({ kind: 'forecast' }, SCOPE),
      dueAlertKey({ kind: 'unknown' }, SCOPE),
      dueAlertKey({ kind: 'stop' }, SCOPE),
      poolAlertKey({ kind: 'warn', level: 80 }, '2026-11'),
      badTagAlertKey('2026-11-20'),
    ];
    const sent = new Map(keys.map((key) => [key, new Set(['sns'])]));

    const value = sentToTagValue(sent);

    expect(value).toMatch(LIGHTSAIL_TAG_VALUE);
    expect(sentToOf({ [TAGS.sentTo]: value ?? '' })).toEqual(sent);
  });

  it('reads a value written by an earlier version', () => {
    const value =
      '2026-11.80=telegram+webhook 2026-11.pool-80=sns bad-tag.2026-11-20=telegram ' +
      'stop.2026-11-20T10:00:00.000Z=telegram unknown.2026-11-20=sns';

    expect(sentToOf({ [TAGS.sentTo]: value })).toEqual(
      new Map([
        [dueAlertKey({ kind: 'warn', level: 80 }, SCOPE), new Set(['telegram', 'webhook'])],
        [poolAlertKey({ kind: 'warn', level: 80 }, '2026-11'), new Set(['sns'])],
        [badTagAlertKey('2026-11-20'), new Set(['telegram'])],
        [dueAlertKey({ kind: 'stop' }, SCOPE), new Set(['telegram'])],
        [dueAlertKey({ kind: 'unknown' }, SCOPE), new Set(['sns'])],
      ]),
    );
  });
});

describe('dueAlertKey', () => {
  it('scopes warnings and the kept-running alert to the billing month', () => {
    expect(dueAlertKey({ kind: 'warn', level: 80 }, SCOPE)).toBe('2026-11.80');
    expect(dueAlertKey({ kind: 'warn', level: 85.5 }, SCOPE)).toBe('2026-11.85.5');
    expect(dueAlertKey({ kind: 'kept-running' }, SCOPE)).toBe('2026-11.override');
  });

  it('scopes an unknown-usage alert to the UTC day, and a stop to the time it was made', () => {
    expect(dueAlertKey({ kind: 'unknown' }, SCOPE)).toBe('unknown.2026-11-20');
    expect(dueAlertKey({ kind: 'stop' }, SCOPE)).toBe('stop.2026-11-20T10:00:00.000Z');
    expect(dueAlertKey({ kind: 'stop', undeliveredSince: '2026-11-19T23:50:00.000Z' }, SCOPE)).toBe(
      'stop.2026-11-19T23:50:00.000Z',
    );
  });
});

describe('the sent-to tag', () => {
  it('round-trips which channels took which alerts, in a stable order a Lightsail tag accepts', () => {
    const sent = new Map([
      ['stop.2026-11-20T10:00:00.000Z', new Set(['webhook', 'telegram'])],
      ['2026-11.80', new Set(['sns'])],
    ]);

    const value = sentToTagValue(sent);

    expect(value).toBe('2026-11.80=sns stop.2026-11-20T10:00:00.000Z=telegram+webhook');
    expect(value).toMatch(LIGHTSAIL_TAG_VALUE);
    expect(sentToOf({ [TAGS.sentTo]: value ?? '' })).toEqual(sent);
  });

  it('fits seven channels for the two alerts an instance can have at once within 256 characters', () => {
    const seven = new Set(['telegram', 'sns', 'webhook', 'feishu', 'dingtalk', 'wecom', 'serverchan']);
    const sent = new Map([
      ['stop.2026-11-20T10:00:00.000Z', seven],
      ['unknown.2026-11-20', seven],
    ]);

    expect(sentToTagValue(sent)?.length).toBeLessThanOrEqual(256);
  });

  it('records nothing rather than a value Lightsail would refuse', () => {
    const many = new Map(
      Array.from({ length: 12 }, (_, i) => [`stop.2026-11-20T10:0${i}:00.000Z`, new Set(['sns'])]),
    );

    expect(sentToTagValue(many)).toBeUndefined();
  });

  it('clears the tag when nothing is left to record', () => {
    expect(sentToTagValue(new Map([['2026-11.80', new Set<string>()]]))).toBe('');
  });

  it('ignores malformed items a person may have typed', () => {
    const sent = sentToOf({ [TAGS.sentTo]: 'garbage =telegram 2026-11.80= 2026-11.90=Telegram+sns  ok=sns' });

    expect(sent).toEqual(
      new Map([
        ['2026-11.90', new Set(['sns'])],
        ['ok', new Set(['sns'])],
      ]),
    );
  });
});
