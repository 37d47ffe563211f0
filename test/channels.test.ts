import { describe, expect, it } from 'vitest';
import { alertChannels, isConfigured } from '../src/channels.js';
import type { Notifier } from '../src/core/ports.js';
import { testAlertText } from '../src/core/test-alert.js';
import { ConfigError } from '../src/errors.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

/** Builders that record what each channel was asked to send. */
function recording() {
  const sent: { token: string; chatId: string | undefined; text: string }[] = [];
  return {
    sent,
    build: {
      telegram: (telegram: { chatId: string | undefined }, token: string): Notifier => ({
        send: async (text) => {
          sent.push({ token, chatId: telegram.chatId, text });
        },
      }),
    },
  };
}

describe('alertChannels', () => {
  it('lists Telegram, configured by its token and chat, sending through the builder it is given', async () => {
    const { sent, build } = recording();

    const [telegram, ...others] = alertChannels({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_CHAT_ID: '42' }, build);
    await telegram?.send('hi');

    expect(others).toEqual([]);
    expect(telegram).toMatchObject({
      name: 'Telegram',
      variables: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHAT_ID'],
      missing: [],
      destination: 'chat 42',
    });
    expect(sent).toEqual([{ token: TOKEN, chatId: '42', text: 'hi' }]);
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
    expect(alertChannels({ TELEGRAM_BOT_TOKEN_PARAMETER: '/x' }, build)[0]?.missing).toEqual([
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_CHAT_ID',
    ]);
  });
});

describe('testAlertText', () => {
  it('says it is a test, what its arrival proves, and when it was sent', () => {
    const text = testAlertText(new Date('2026-11-28T17:05:30Z'));

    expect(text).toContain('<b>lightsail-guard test alert</b>');
    expect(text).toContain('alerts and daily reports will arrive in this chat');
    expect(text).toContain('2026-11-28 17:05 UTC');
  });
});
