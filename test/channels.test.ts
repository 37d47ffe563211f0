import { describe, expect, it } from 'vitest';
import { alertChannels, type ChannelConfig, isConfigured } from '../src/channels.js';
import { htmlToPlain } from '../src/core/html.js';
import { catalogueFor } from '../src/core/i18n/index.js';
import type { OutgoingMessage } from '../src/core/ports.js';
import { testAlertMessage, testAlertText } from '../src/core/test-alert.js';
import { ConfigError } from '../src/errors.js';
import { recordingChannel } from './support/channel.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

/** A build that records the settings it was given and makes a recording Telegram and SNS channel. */
function recording() {
  const given: ChannelConfig[] = [];
  const telegram = recordingChannel('telegram');
  const sns = recordingChannel('sns');
  return {
    given,
    telegram,
    sns,
    build: (config: ChannelConfig) => {
      given.push(config);
      return [telegram, sns];
    },
  };
}

const aMessage = (): OutgoingMessage =>
  testAlertMessage(new Date('2026-11-28T17:05:30Z'), catalogueFor('en'), 'chat');

describe('alertChannels', () => {
  it('lists every channel, Telegram first, configured by its variables and sending through what build made', async () => {
    const { telegram: built, build } = recording();

    const [telegram, ...others] = alertChannels({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: '42' }, build);
    await telegram?.send(aMessage());

    expect(others.map((channel) => channel.name)).toEqual([
      'Amazon SNS',
      'Webhook',
      'Feishu',
      'DingTalk',
      'WeCom',
      'Bark',
      'ServerChan',
    ]);
    expect(others.some(isConfigured)).toBe(false);
    expect(telegram).toMatchObject({
      name: 'Telegram',
      variables: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_ID'],
      missing: [],
      destination: 'chat 42',
      language: 'en',
      place: 'chat',
    });
    expect(built.sent).toEqual([aMessage()]);
  });

  it('names where the other channels send without their secrets, and each one’s language', () => {
    const { build } = recording();

    const channels = alertChannels(
      {
        SNS_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:123456789012:alerts',
        WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=fake-secret-key',
        SERVERCHAN_SENDKEY: 'SCT000000TfakeSendKeyNotReal0000',
        ALERT_LANGUAGE: 'zh-CN,sns:en',
      },
      build,
    );

    const described = channels.filter(isConfigured).map(({ name, destination, language, place }) => ({
      name,
      destination,
      language,
      place,
    }));
    expect(described).toEqual([
      {
        name: 'Amazon SNS',
        destination: 'topic arn:aws:sns:ap-southeast-1:123456789012:alerts',
        language: 'en',
        place: 'here',
      },
      { name: 'WeCom', destination: 'https://qyapi.weixin.qq.com/…', language: 'zh-CN', place: 'chat' },
      { name: 'ServerChan', destination: 'https://sctapi.ftqq.com/…', language: 'zh-CN', place: 'here' },
    ]);
  });

  it('tells a channel not in use from one configured in part', () => {
    const { build } = recording();

    const [unused] = alertChannels({}, build);
    const [partial] = alertChannels({ TELEGRAM_CHAT_ID: '42' }, build);

    expect(unused && isConfigured(unused)).toBe(false);
    expect(partial && isConfigured(partial)).toBe(true);
    expect(partial?.missing).toEqual(['TELEGRAM_BOT_TOKEN']);
  });

  it('refuses a malformed setting of a channel in use, and ignores the Lambda-only token parameter', () => {
    const { build } = recording();

    expect(() => alertChannels({ TELEGRAM_CHAT_ID: 'my chat' }, build)).toThrow(ConfigError);
    expect(() => alertChannels({ WEBHOOK_URL: 'http://example.com/x' }, build)).toThrow(ConfigError);
    expect(alertChannels({ TELEGRAM_BOT_TOKEN_PARAMETER: '/x' }, build)[0]?.missing).toEqual([
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_CHAT_ID',
    ]);
  });

  it('reads only the channel settings, so a malformed guard setting does not stop a test', () => {
    const { build, given } = recording();

    alertChannels({ QUOTA_PERCENT: 'ninety', TELEGRAM_CHAT_ID: '42' }, build);

    expect(Object.keys(given[0] ?? {}).sort()).toEqual([
      'channelLanguages',
      'channels',
      'language',
      'telegram',
    ]);
  });
});

describe('the test message', () => {
  it('says it is a test, what its arrival proves, and when it was sent', () => {
    const text = testAlertText(new Date('2026-11-28T17:05:30Z'));

    expect(text).toContain('<b>lightsail-guard test alert</b>');
    expect(text).toContain('alerts and daily reports will arrive in this chat');
    expect(text).toContain('2026-11-28 17:05 UTC');
  });

  it('says it in Chinese, with a subject, and as a test to a webhook', () => {
    const message = testAlertMessage(new Date('2026-11-28T17:05:30Z'), catalogueFor('zh-CN'), 'here');

    expect(message).toMatchObject({ type: 'test', language: 'zh-CN', subject: 'lightsail-guard：测试提醒' });
    expect(htmlToPlain(message.html)).toBe(
      '✅ lightsail-guard 测试提醒\n如果你能看到这条消息，守护程序的提醒和每日报告也会发到这里。\n由 lightsail-guard test-alert 于 2026-11-28 17:05 UTC 发送。没有停止任何实例。',
    );
    expect(message.events).toEqual([
      { kind: 'test', sentAt: '2026-11-28T17:05:30.000Z', text: message.text },
    ]);
  });
});
