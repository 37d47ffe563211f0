import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { dueAlertKey, sentToOf, sentToTagValue } from '../../src/core/sent-to.js';
import { LIGHTSAIL_TAG_VALUE } from '../support/scenario.js';

const SCOPE = { monthKey: '2026-11', dayKey: '2026-11-20', stopAt: '2026-11-20T10:00:00.000Z' };

describe('dueAlertKey', () => {
  it('scopes warnings and the kept-running alert to the billing month', () => {
    expect(dueAlertKey({ kind: 'warn', level: 80 }, SCOPE)).toBe('2026-11.80');
    expect(dueAlertKey({ kind: 'warn', level: 85.5 }, SCOPE)).toBe('2026-11.85.5');
    expect(dueAlertKey({ kind: 'kept-running' }, SCOPE)).toBe('2026-11.override');
  });

  it('scopes an unknown-usage alert to the UTC day, and a stop to the time it was made', () => {
    expect(dueAlertKey({ kind: 'unknown', reason: 'x' }, SCOPE)).toBe('unknown.2026-11-20');
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
