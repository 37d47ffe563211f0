import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { exitCodeOf } from '../../src/output.js';
import { anInstance, at, GB } from '../support/builders.js';
import { recordingChannel } from '../support/channel.js';
import { inMemoryFleet } from '../support/fleet.js';
import { aFleet, LIGHTSAIL_TAG_VALUE, run, TEN_MINUTES_LATER } from '../support/scenario.js';

const TELEGRAM_FORMAT = { body: 'html', limit: 4096, measure: 'chars' } as const;

/** Telegram (HTML) and SNS (plain text), both working. */
function twoChannels() {
  return { telegram: recordingChannel('telegram', TELEGRAM_FORMAT), sns: recordingChannel('sns') };
}

describe('delivery to several channels', () => {
  it('sends every alert to every channel, HTML to Telegram and plain text with a subject to the others', async () => {
    const fleet = aFleet();
    const { telegram, sns } = twoChannels();

    const result = await run(fleet, [telegram, sns]);

    expect(telegram.sent).toHaveLength(1);
    expect(sns.sent).toHaveLength(1);
    expect(telegram.sent[0]?.html).toContain('<b>Stopped</b> <code>hot</code> in us-east-1');
    expect(sns.sent[0]?.text).toContain('Stopped hot in us-east-1: 97.00 of 100.00 GB used (97.0%)');
    expect(sns.sent[0]?.text).not.toMatch(/<\/?(b|code)>/);
    expect(sns.sent[0]?.subject).toBe('lightsail-guard: hot stopped (97.0%) and 1 more');
    expect(sns.sent[0]?.events.map((event) => [event.kind, event.instance])).toEqual([
      ['stop', 'hot'],
      ['warn', 'warm'],
    ]);
    expect(result.messages.map((message) => [message.channel, message.status])).toEqual([
      ['telegram', 'sent'],
      ['sns', 'sent'],
    ]);
    expect(exitCodeOf(result)).toBe(0);
    expect(fleet.instance('warm').tags[TAGS.alerted]).toBe('2026-11:80');
    expect(fleet.instance('warm').tags[TAGS.sentTo]).toBeUndefined();
  });

  it('sends a down channel its alert once it is up again, and the channels that took it never twice', async () => {
    const fleet = aFleet();
    const { telegram, sns } = twoChannels();
    sns.failWith = new Error('SNS is down');

    const failed = await run(fleet, [telegram, sns], { settings: { instances: ['warm'] } });

    expect(telegram.sent).toHaveLength(1);
    expect(failed.problems).toEqual(['Amazon SNS: alert message 1 of 1 not delivered: SNS is down']);
    expect(exitCodeOf(failed)).toBe(1);
    expect(fleet.instance('warm').tags[TAGS.alerted]).toBeUndefined();
    expect(fleet.instance('warm').tags[TAGS.sentTo]).toBe('2026-11.80=telegram');

    sns.failWith = undefined;
    const recovered = await run(fleet, [telegram, sns], {
      now: TEN_MINUTES_LATER,
      settings: { instances: ['warm'] },
    });

    expect(telegram.sent).toHaveLength(1);
    expect(sns.sent).toHaveLength(1);
    expect(sns.sent[0]?.text).toContain('80% warning warm in us-east-1');
    expect(exitCodeOf(recovered)).toBe(0);
    expect(fleet.instance('warm').tags[TAGS.alerted]).toBe('2026-11:80');
    expect(fleet.instance('warm').tags[TAGS.sentTo]).toBe('');

    await run(fleet, [telegram, sns], {
      now: at('2026-11-20T10:20:00.000Z'),
      settings: { instances: ['warm'] },
    });

    expect(telegram.sent).toHaveLength(1);
    expect(sns.sent).toHaveLength(1);
  });

  it('keeps a stop owed to a channel that was down, and sends it there only, as a re-sent stop', async () => {
    const fleet = aFleet();
    const { telegram, sns } = twoChannels();
    telegram.failWith = new Error('Telegram is down');

    await run(fleet, [telegram, sns], { settings: { instances: ['hot'] } });

    expect(sns.sent).toHaveLength(1);
    expect(fleet.instance('hot').tags[TAGS.stopUnsent]).toBe('2026-11-20T10:00:00.000Z');
    expect(fleet.instance('hot').tags[TAGS.sentTo]).toBe('stop.2026-11-20T10:00:00.000Z=sns');

    telegram.failWith = undefined;
    const resent = await run(fleet, [telegram, sns], {
      now: TEN_MINUTES_LATER,
      settings: { instances: ['hot'] },
    });

    expect(fleet.calls.stopInstance).toEqual(['hot']);
    expect(sns.sent).toHaveLength(1);
    expect(telegram.sent).toHaveLength(1);
    expect(telegram.sent[0]?.html).toContain(
      'Stopped at 2026-11-20 10:00 UTC; this alert was not delivered then',
    );
    expect(fleet.instance('hot').tags).toMatchObject({ [TAGS.stopUnsent]: '', [TAGS.sentTo]: '' });
    expect(exitCodeOf(resent)).toBe(0);
  });

  it('sends a level crossed while a channel was behind to every channel, and records both levels', async () => {
    const fleet = aFleet();
    const { telegram, sns } = twoChannels();
    sns.failWith = new Error('SNS is down');
    await run(fleet, [telegram, sns], { settings: { instances: ['warm'] } });
    sns.failWith = undefined;
    fleet.update('warm', {});

    const higher = inMemoryFleet({
      regions: ['us-east-1'],
      instances: [fleet.instance('warm')],
      traffic: { warm: { inBytes: 2 * GB, outBytes: 90 * GB } },
    });
    await run(higher, [telegram, sns], { now: TEN_MINUTES_LATER });

    expect(telegram.sent.map((message) => message.subject)).toEqual([
      'lightsail-guard: warm at 85.0% (80% warning)',
      'lightsail-guard: warm at 92.0% (90% warning)',
    ]);
    expect(sns.sent.map((message) => message.subject)).toEqual([
      'lightsail-guard: warm at 92.0% (90% warning)',
    ]);
    expect(higher.instance('warm').tags[TAGS.alerted]).toBe('2026-11:80/90');
  });

  it('saves the state once every channel still configured has the alert, sending nothing again', async () => {
    const fleet = aFleet();
    const { telegram, sns } = twoChannels();
    sns.failWith = new Error('SNS is down');
    await run(fleet, [telegram, sns], { settings: { instances: ['warm'] } });

    const result = await run(fleet, [telegram], {
      now: TEN_MINUTES_LATER,
      settings: { instances: ['warm'] },
    });

    expect(telegram.sent).toHaveLength(1);
    expect(result.messages).toEqual([]);
    expect(fleet.instance('warm').tags).toMatchObject({ [TAGS.alerted]: '2026-11:80', [TAGS.sentTo]: '' });
  });

  it('packs each channel by its own limit and measure, and counts each failed message per channel', async () => {
    const instances = Array.from({ length: 12 }, (_, index) =>
      anInstance({ name: `节点_${index}`, allowanceGb: 100 }),
    );
    const fleet = inMemoryFleet({
      regions: ['us-east-1'],
      instances,
      traffic: Object.fromEntries(instances.map((one) => [one.name, { inBytes: 0, outBytes: 85 * GB }])),
    });
    const telegram = recordingChannel('telegram', TELEGRAM_FORMAT);
    const wecom = recordingChannel('wecom', { body: 'text', limit: 400, measure: 'utf8' });
    wecom.failWith = new Error('refused');

    const result = await run(fleet, [telegram, wecom]);

    const wecomMessages = result.messages.filter((message) => message.channel === 'wecom');
    expect(telegram.sent).toHaveLength(1);
    expect(wecomMessages.length).toBeGreaterThan(3);
    for (const message of wecomMessages)
      expect(new TextEncoder().encode(message.text).length).toBeLessThanOrEqual(400);
    expect(result.problems).toContain(
      `WeCom: alert message ${wecomMessages.length} of ${wecomMessages.length} not delivered: refused`,
    );
    for (const one of instances) {
      expect(fleet.instance(one.name).tags[TAGS.sentTo]).toBe('2026-11.80=telegram');
      expect(fleet.instance(one.name).tags[TAGS.sentTo]).toMatch(LIGHTSAIL_TAG_VALUE);
    }
  });

  it('sends the daily report to every channel and names a channel that failed', async () => {
    const fleet = aFleet();
    const { telegram, sns } = twoChannels();
    sns.failWith = new Error('AuthorizationError: not allowed to publish');

    const result = await run(fleet, [telegram, sns], { command: 'report' });

    expect(telegram.sent).toHaveLength(1);
    expect(telegram.sent[0]?.html).toContain('Lightsail data transfer');
    expect(result.problems).toEqual([
      'Amazon SNS: report message 1 of 1 not delivered: AuthorizationError: not allowed to publish',
    ]);
    expect(exitCodeOf(result)).toBe(1);
  });

  it('gives the report a subject and its instances as data', async () => {
    const fleet = aFleet();
    const sns = recordingChannel('sns');

    await run(fleet, [sns], { command: 'report' });

    const [message] = sns.sent;
    expect(message?.subject).toBe(
      'lightsail-guard: data transfer report 2026-11-20 (2 at or over 95%, 0 unknown)',
    );
    expect(message?.events[0]).toMatchObject({
      kind: 'report',
      instances: 5,
      over: 2,
      billingMonth: '2026-11',
    });
    // us-east-1's four instances of one bundle are a pool, listed before the instances.
    expect(message?.events[1]).toMatchObject({
      kind: 'pool',
      bundleId: 'small_3_0',
      instances: ['hot', 'warm', 'calm', 'off'],
    });
    expect(message?.events.slice(2).map((event) => event.instance)).toEqual([
      'off',
      'hot',
      'warm',
      'far',
      'calm',
    ]);
    expect(message?.events[3]).toMatchObject({
      kind: 'instance',
      instance: 'hot',
      percent: 97,
      action: 'over-threshold',
    });
  });

  it('writes each channel in its language: the run’s, or the one ALERT_LANGUAGE gives it', async () => {
    const fleet = aFleet();
    const { telegram, sns } = twoChannels();

    await run(fleet, [telegram, sns], {
      settings: { instances: ['hot'], language: 'zh-CN', channelLanguages: { telegram: 'en' } },
    });

    expect(telegram.sent[0]?.html).toContain('<b>Stopped</b> <code>hot</code> in us-east-1');
    expect(sns.sent[0]).toMatchObject({ language: 'zh-CN', subject: 'lightsail-guard：hot 已停止（97.0%）' });
    expect(sns.sent[0]?.text).toContain(
      '🛑 已停止 hot（us-east-1）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。',
    );
    expect(sns.sent[0]?.events[0]).toMatchObject({ kind: 'stop', outcome: 'stopped', instance: 'hot' });
  });

  it('sends the report in Chinese, subject included', async () => {
    const fleet = aFleet();
    const sns = recordingChannel('sns');

    await run(fleet, [sns], { command: 'report', settings: { language: 'zh-CN' } });

    expect(sns.sent[0]?.subject).toBe('lightsail-guard：流量日报 2026-11-20（2 台达到或超过 95%，0 台未知）');
    expect(sns.sent[0]?.text.split('\n')[0]).toBe(
      '📊 Lightsail 流量：2026年11月至今（截至 2026-11-20 10:00 UTC）',
    );
  });

  it('gives each channel’s alerts a short SMS text in that channel’s language, beside the full text', async () => {
    const fleet = aFleet();
    const { telegram, sns } = twoChannels();

    await run(fleet, [telegram, sns], {
      settings: { instances: ['hot'], language: 'zh-CN', channelLanguages: { telegram: 'en' } },
    });

    expect(sns.sent[0]?.sms).toBe('lightsail-guard：已停止 hot（us-east-1），已用配额的 97.0%');
    expect(telegram.sent[0]?.sms).toBe('lightsail-guard: STOPPED hot (us-east-1) at 97.0% of its allowance');
    expect(sns.sent[0]?.text).toContain('停止调用成功');
  });

  it('gives the report a one-line SMS text: its date and counts', async () => {
    const fleet = aFleet();
    const sns = recordingChannel('sns');

    await run(fleet, [sns], { command: 'report', settings: { language: 'zh-CN' } });

    expect(sns.sent.map((message) => message.sms)).toEqual([
      'lightsail-guard 流量日报 2026-11-20：共 5 台实例，2 台达到或超过 95%，0 台未知',
    ]);
  });
});
