import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  channelStates,
  parseChannelSettings,
  SECRET_CHANNEL_SETTINGS,
  setsAChannel,
} from '../../src/channels/registry.js';
import type { CliContext } from '../../src/cli/command.js';
import { testAlertCommand } from '../../src/cli/test-alert.js';
import { htmlToPlain } from '../../src/core/html.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import { testAlertMessage, testAlertText } from '../../src/core/test-alert.js';
import { ConfigError } from '../../src/errors.js';
import { recordingChannel } from '../support/channel.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

/** The one rule over the channel settings of `env`, as the CLI reads them. */
const statesOf = (env: Record<string, string>) =>
  channelStates({ channels: parseChannelSettings(env) }, 'cli');

/** Runs `test-alert` over recording Telegram and SNS channels; returns what it printed and sent. */
async function testAlert(env: Record<string, string>) {
  const telegram = recordingChannel('telegram');
  const sns = recordingChannel('sns');
  const out: string[] = [];
  const ctx = {
    env,
    out: (text: string) => out.push(text),
    err: () => {},
    channelsFor: () => [telegram, sns],
  } as unknown as CliContext;
  const code = await testAlertCommand.run({ values: { json: true }, positionals: [] }, ctx);
  return { code, telegram, sns, printed: JSON.parse(out.join('\n')) as { channels: unknown[] } };
}

describe('the channel registry', () => {
  it('lists every channel once, Telegram first, each with a lower-case id the sent-to tag can hold', () => {
    const names = CHANNELS.map((channel) => channel.name);

    expect(names[0]).toBe('telegram');
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+$/);
  });

  it('says which channels are in use and what Telegram still lacks, by its variables', () => {
    const [telegram, ...others] = statesOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: '42' });

    expect(others.some((state) => state.inUse)).toBe(false);
    expect(others.map((state) => state.descriptor.label).slice(0, 7)).toEqual([
      'Amazon SNS',
      'Webhook',
      'Feishu',
      'DingTalk',
      'WeCom',
      'Bark',
      'ServerChan',
    ]);
    expect(telegram).toMatchObject({ inUse: true, missing: [] });
    expect(telegram?.needs.map((item) => item.variable)).toEqual(['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_ID']);
    expect(telegram?.descriptor.destination(telegram.settings)).toBe('chat 42');
  });

  it('names where the other channels send without their secrets, and where their reader sits', () => {
    const states = statesOf({
      SNS_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:123456789012:alerts',
      WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=fake-secret-key',
      SERVERCHAN_SENDKEY: 'SCT000000TfakeSendKeyNotReal0000',
    });

    const described = states
      .filter((state) => state.inUse)
      .map(({ descriptor, settings }) => ({
        name: descriptor.label,
        destination: descriptor.destination(settings),
        place: descriptor.place,
      }));
    expect(described).toEqual([
      {
        name: 'Amazon SNS',
        destination: 'topic arn:aws:sns:ap-southeast-1:123456789012:alerts',
        place: 'here',
      },
      { name: 'WeCom', destination: 'https://qyapi.weixin.qq.com/…', place: 'chat' },
      { name: 'ServerChan', destination: 'https://sctapi.ftqq.com/…', place: 'here' },
    ]);
  });

  it('tells a channel not in use from one configured in part', () => {
    const [unused] = statesOf({});
    const [partial] = statesOf({ TELEGRAM_CHAT_ID: '42' });

    expect(unused?.inUse).toBe(false);
    expect(partial?.inUse).toBe(true);
    expect(partial?.missing.map((item) => item.variable)).toEqual(['TELEGRAM_BOT_TOKEN']);
  });

  it('refuses a malformed setting of a channel in use, and ignores the Lambda-only token parameter', () => {
    expect(() => statesOf({ TELEGRAM_CHAT_ID: 'my chat' })).toThrow(ConfigError);
    expect(() => statesOf({ WEBHOOK_URL: 'http://example.com/x' })).toThrow(ConfigError);
    const [telegram] = statesOf({ TELEGRAM_BOT_TOKEN_PARAMETER: '/x' });
    expect(telegram?.inUse).toBe(false);
    expect(telegram?.missing.map((item) => item.variable)).toEqual([
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_CHAT_ID',
    ]);
  });

  it('counts the token parameter as the token on the Lambda only', () => {
    const settings = parseChannelSettings({ TELEGRAM_BOT_TOKEN_PARAMETER: '/x', TELEGRAM_CHAT_ID: '42' });

    expect(channelStates({ channels: settings }, 'lambda')[0]?.missing).toEqual([]);
    expect(channelStates({ channels: settings }, 'cli')[0]?.missing.map((item) => item.variable)).toEqual([
      'TELEGRAM_BOT_TOKEN',
    ]);
  });
});

describe('what the registry derives', () => {
  it('tells the stack a chat id or a topic of its own is a channel, and the token parameter alone is not', () => {
    expect(setsAChannel({ TELEGRAM_CHAT_ID: '42' })).toBe(true);
    expect(setsAChannel({ SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:mine' })).toBe(true);
    expect(setsAChannel({ TELEGRAM_BOT_TOKEN_PARAMETER: '/lightsail-guard/telegram-bot-token' })).toBe(false);
  });

  it('lets the Lambda read every secret of every channel from SSM, and nothing that is none', () => {
    expect(SECRET_CHANNEL_SETTINGS).toEqual(CHANNELS.flatMap((channel) => channel.secrets));
    expect(SECRET_CHANNEL_SETTINGS).not.toContain('TELEGRAM_BOT_TOKEN');
    expect(SECRET_CHANNEL_SETTINGS).not.toContain('SNS_TOPIC_ARN');
  });
});

describe('test-alert', () => {
  it('reads only the channel settings, so a malformed guard setting does not stop a test', async () => {
    const { code, telegram } = await testAlert({
      QUOTA_PERCENT: 'ninety',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_CHAT_ID: '42',
    });

    expect(code).toBe(0);
    expect(telegram.sent).toHaveLength(1);
  });

  it('writes to each channel in its language, and to a chat as a chat', async () => {
    const { telegram, sns, printed } = await testAlert({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_CHAT_ID: '42',
      SNS_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:123456789012:alerts',
      ALERT_LANGUAGE: 'zh-CN,sns:en',
    });

    expect(telegram.sent[0]).toMatchObject({ language: 'zh-CN' });
    expect(sns.sent[0]).toMatchObject({ language: 'en' });
    expect(htmlToPlain(telegram.sent[0]?.html ?? '')).toContain('发到这个聊天');
    expect(printed.channels).toEqual([
      { channel: 'Telegram', destination: 'chat 42', arrived: true, error: null, hint: null },
      {
        channel: 'Amazon SNS',
        destination: 'topic arn:aws:sns:ap-southeast-1:123456789012:alerts',
        arrived: true,
        error: null,
        hint: null,
      },
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
