import { describe, expect, it } from 'vitest';
import { SECRET_CHANNEL_SETTINGS } from '../src/channels/registry.js';
import { parseChannelSecrets, withChannelSecrets } from '../src/config-secrets.js';
import { ConfigError } from '../src/errors.js';

const PARAMETER = '/lightsail-guard/channels';
const HOOK = 'https://open.feishu.cn/open-apis/bot/v2/hook/fake-feishu-token';

const refusal = (text: string): ConfigError => {
  try {
    parseChannelSecrets(text, PARAMETER);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a refusal');
};

describe('parseChannelSecrets', () => {
  it('reads NAME=value lines, skipping blank lines and comments, with Windows line ends too', () => {
    const text = `# team bots\r\nFEISHU_WEBHOOK_URL = ${HOOK}\r\n\r\nFEISHU_SECRET=fake=secret==\nBARK_URL=https://api.day.app/fake-key\n`;

    expect(parseChannelSecrets(text, PARAMETER)).toEqual({
      FEISHU_WEBHOOK_URL: HOOK,
      FEISHU_SECRET: 'fake=secret==',
      BARK_URL: 'https://api.day.app/fake-key',
    });
  });

  it('accepts every secret channel setting and nothing else', () => {
    const text = SECRET_CHANNEL_SETTINGS.map((name) => `${name}=fake-${name.toLowerCase()}`).join('\n');

    expect(Object.keys(parseChannelSecrets(text, PARAMETER))).toEqual([...SECRET_CHANNEL_SETTINGS]);
    expect(SECRET_CHANNEL_SETTINGS).not.toContain('TELEGRAM_CHAT_ID');
  });

  it('names the line and the name of a setting that does not belong, never its value', () => {
    const error = refusal(`BARK_URL=https://api.day.app/fake-key\nQUOTA_PERCENT=fake-value-80`);

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /^SSM parameter \/lightsail-guard\/channels, line 2: "QUOTA_PERCENT" is not a secret channel setting/,
    );
    expect(error.message).not.toContain('fake-value-80');
  });

  it('refuses a line without a name, a name set twice, and an empty value, naming the line only', () => {
    expect(refusal('https://open.feishu.cn/hook/fake-token').message).toBe(
      'SSM parameter /lightsail-guard/channels, line 1: expected NAME=value, e.g. FEISHU_WEBHOOK_URL=https://...',
    );
    expect(refusal('=fake-token').message).toMatch(/line 1: expected NAME=value/);
    expect(refusal('BARK_URL=https://a.example/fake-1\nBARK_URL=https://b.example/fake-2').message).toBe(
      'SSM parameter /lightsail-guard/channels, line 2: BARK_URL is set twice',
    );
    expect(refusal('\n\nWEBHOOK_SECRET=').message).toBe(
      'SSM parameter /lightsail-guard/channels, line 3: WEBHOOK_SECRET has no value',
    );
  });

  it('refuses a parameter that sets no channel', () => {
    expect(refusal('# nothing yet\n').message).toMatch(
      /^SSM parameter \/lightsail-guard\/channels sets no channel/,
    );
  });
});

describe('withChannelSecrets', () => {
  it('adds the parameter settings to the environment', () => {
    expect(
      withChannelSecrets({ QUOTA_PERCENT: '90' }, { BARK_URL: 'https://api.day.app/fake-key' }, PARAMETER),
    ).toEqual({
      QUOTA_PERCENT: '90',
      BARK_URL: 'https://api.day.app/fake-key',
    });
  });

  it('refuses a setting set in both places instead of letting one win, naming it without values', () => {
    const both = () =>
      withChannelSecrets(
        { BARK_URL: 'https://api.day.app/fake-env-key', WEBHOOK_URL: '' },
        { BARK_URL: 'https://api.day.app/fake-ssm-key', WEBHOOK_URL: 'https://hooks.example/fake' },
        PARAMETER,
      );

    expect(both).toThrow(
      'BARK_URL is set both in the environment and in SSM parameter /lightsail-guard/channels (CHANNEL_SECRETS_PARAMETER); keep one',
    );
  });
});
