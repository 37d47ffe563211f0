import { describe, expect, it } from 'vitest';
import { requireChannels } from '../src/channels/registry.js';
import { checkTelegram, type Environment, parseConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

const FAKE_TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

/** The message of the ConfigError `parseConfig` throws for `env`. */
function refusal(env: Environment): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration messages name the variable and what it accepts', () => {
  it('QUOTA_PERCENT', () => {
    expect(refusal({ QUOTA_PERCENT: '95%' })).toBe(
      'QUOTA_PERCENT must be a number greater than 0 (the stop threshold in percent of the allowance, default 95); got "95%".',
    );
  });

  it('WARN_PERCENT, for a level that is not a number', () => {
    expect(refusal({ WARN_PERCENT: '80,ninety' })).toBe(
      'WARN_PERCENT must be a number greater than 0 (comma-separated warning levels in percent, e.g. 80,90; empty disables); got "ninety".',
    );
  });

  it('WARN_PERCENT, listing every level at or above the threshold', () => {
    expect(refusal({ QUOTA_PERCENT: '90', WARN_PERCENT: '80,90,95' })).toBe(
      'WARN_PERCENT levels must be below QUOTA_PERCENT (90); got 90, 95.',
    );
  });

  it('REGIONS, listing every name that is not a region', () => {
    expect(refusal({ REGIONS: 'us-east-1,mars,venus' })).toBe(
      'REGIONS must be comma-separated Lightsail regions such as us-east-1,eu-west-2 (unset: every region); got "mars, venus".',
    );
  });

  it('REGIONS, quoting the whole value when it holds no name at all', () => {
    expect(refusal({ REGIONS: ' , ' })).toBe(
      'REGIONS must be comma-separated Lightsail regions such as us-east-1,eu-west-2 (unset: every region); got ",".',
    );
  });
});

describe('parseConfig: values at the edges', () => {
  it('drops the default warning level equal to a lowered threshold: a warning at the stop is no warning', () => {
    expect(parseConfig({ QUOTA_PERCENT: '90' }).policy.warnPercents).toEqual([80]);
  });

  it.each(['true', 'TRUE', 'yes', '1'])('turns pro-rating on with %s', (raw) => {
    expect(parseConfig({ PRORATE_NEW_INSTANCES: raw }).allowance.prorateNewInstances).toBe(true);
  });

  it.each(['untrue', 'yesterday', 'casino', 'nonsense', '10'])(
    'refuses %s for PRORATE_NEW_INSTANCES rather than guess from part of it',
    (raw) => {
      expect(refusal({ PRORATE_NEW_INSTANCES: raw })).toBe(
        `PRORATE_NEW_INSTANCES must be true or false (default true); got "${raw}".`,
      );
    },
  );

  it.each(['us-east-1a', 'arn:aws:lightsail:us-east-1'])(
    'refuses %s, which only holds a region name',
    (raw) => {
      expect(refusal({ REGIONS: raw })).toContain('REGIONS must be comma-separated Lightsail regions');
    },
  );

  it('strips every trailing slash from TELEGRAM_API_ROOT', () => {
    expect(parseConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081//' }).telegram.apiRoot).toBe(
      'http://127.0.0.1:8081',
    );
  });

  it('refuses, for a sender, a TELEGRAM_API_ROOT pasted with quotes around it', () => {
    const telegram = parseConfig({ TELEGRAM_API_ROOT: '"https://api.telegram.org"' }).telegram;

    expect(() => checkTelegram(telegram)).toThrow(
      'TELEGRAM_API_ROOT must be an http(s) URL such as https://api.telegram.org; got ""https://api.telegram.org"".',
    );
  });
});

describe('checkTelegram: the API root of a sender', () => {
  it('accepts a self-hosted Bot API server over plain http on loopback', () => {
    const telegram = parseConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' }).telegram;

    expect(() => checkTelegram(telegram)).not.toThrow();
  });
});

describe('requireChannels messages', () => {
  it('asks for the token alone without pointing at find-chat-id', () => {
    const config = parseConfig({ TELEGRAM_CHAT_ID: '-1001234567890' });

    expect(() => requireChannels(config, 'report')).toThrow(
      'report sends Telegram messages and needs TELEGRAM_BOT_TOKEN; set it, or use --dry-run to see what would be sent.',
    );
  });

  it('asks for a channel, naming every setting that makes one, when none is set', () => {
    expect(() => requireChannels(parseConfig({}), 'check')).toThrow(
      /^check sends alerts and needs a channel: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID, .*SNS_TOPIC_ARN.*; set one, or use --dry-run to see what would be sent\.$/,
    );
  });

  it('says the channel parameter is the Lambda’s when the CLI finds only that', () => {
    const config = parseConfig({ CHANNEL_SECRETS_PARAMETER: '/lightsail-guard/channels' });

    expect(() => requireChannels(config, 'check')).toThrow(
      /; set one \(CHANNEL_SECRETS_PARAMETER is read by the Lambda only: on the command line, set the variables themselves\), or use --dry-run/,
    );
  });

  it('asks to set "it" when only the chat is missing', () => {
    expect(() => requireChannels(parseConfig({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN }), 'report')).toThrow(
      'report sends Telegram messages and needs TELEGRAM_CHAT_ID; set it (lightsail-guard find-chat-id prints the chat id), or use --dry-run to see what would be sent.',
    );
  });
});
