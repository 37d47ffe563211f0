import { describe, expect, it } from 'vitest';
import {
  CHANNEL_NAMES,
  channelStates,
  requireChannels,
  requireLambdaChannels,
} from '../src/channels/registry.js';
import { checkTelegram, type Environment, parseConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

/** Obviously fake, but shaped like a token so that it passes validation. */
const FAKE_TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';

/** The ConfigError `parseConfig` throws for `env`, or a failure when it throws none. */
function configError(env: Environment): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('parseConfig: defaults', () => {
  it('stops at 95%, warns at 80 and 90, watches every instance in every region, in GB, pro-rated, 8 at once', () => {
    const config = parseConfig({});

    expect(config.policy).toEqual({ quotaPercent: 95, warnPercents: [80, 90] });
    expect(config.instances).toBeUndefined();
    expect(config.regions).toBeUndefined();
    expect(config.allowance).toEqual({ unit: 'GB', prorateNewInstances: true });
    expect(config.concurrency).toBe(8);
    expect(config.timeZone).toBe('UTC');
    expect(config.foresight).toEqual({
      metricDelayMinutes: 2,
      checkIntervalMinutes: 10,
      stopAhead: true,
      burstMbps: 0,
    });
    expect(config.telegram).toEqual({
      token: undefined,
      tokenParameter: undefined,
      chatId: undefined,
      apiRoot: 'https://api.telegram.org',
    });
  });

  it('freezes the configuration, nested parts included', () => {
    const config = parseConfig({ REGIONS: 'us-east-1', INSTANCES_TO_MONITOR: 'web_1' });

    for (const part of [
      config,
      config.policy,
      config.policy.warnPercents,
      config.allowance,
      config.foresight,
      config.telegram,
      config.regions,
      config.instances,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(() => {
      (config as { concurrency: number }).concurrency = 64;
    }).toThrow(TypeError);
  });
});

describe('parseConfig: QUOTA_PERCENT', () => {
  it('accepts a number greater than 0, decimals included', () => {
    expect(parseConfig({ QUOTA_PERCENT: '97.5' }).policy.quotaPercent).toBe(97.5);
  });

  it.each(['abc', '0', '-5', 'Infinity', '95%'])('refuses "%s", naming QUOTA_PERCENT', (raw) => {
    const error = configError({ QUOTA_PERCENT: raw });

    expect(error.message).toContain('QUOTA_PERCENT');
    expect(error.message).toContain('greater than 0');
  });

  it.each(['', '   '])('reads a blank value ("%s") as the default', (raw) => {
    expect(parseConfig({ QUOTA_PERCENT: raw }).policy.quotaPercent).toBe(95);
  });
});

describe('parseConfig: WARN_PERCENT', () => {
  it('disables warnings when set but empty', () => {
    expect(parseConfig({ WARN_PERCENT: '' }).policy.warnPercents).toEqual([]);
  });

  it('accepts levels with spaces around the commas, sorted and without repeats', () => {
    expect(parseConfig({ WARN_PERCENT: '85 , 70,85' }).policy.warnPercents).toEqual([70, 85]);
    expect(parseConfig({ WARN_PERCENT: '70, 85' }).policy.warnPercents).toEqual([70, 85]);
  });

  it('refuses a level at or above the threshold, naming both variables', () => {
    const error = configError({ QUOTA_PERCENT: '90', WARN_PERCENT: '80,90' });

    expect(error.message).toContain('WARN_PERCENT');
    expect(error.message).toContain('QUOTA_PERCENT');
    expect(error.message).toContain('90');
  });

  it('refuses a level that is not a number greater than 0', () => {
    expect(configError({ WARN_PERCENT: '80,ninety' }).message).toContain('WARN_PERCENT');
    expect(configError({ WARN_PERCENT: '0' }).message).toContain('WARN_PERCENT');
  });

  it('drops the default levels at or above a lowered threshold', () => {
    expect(parseConfig({ QUOTA_PERCENT: '85' }).policy.warnPercents).toEqual([80]);
    expect(parseConfig({ QUOTA_PERCENT: '50' }).policy.warnPercents).toEqual([]);
  });
});

describe('parseConfig: INSTANCES_TO_MONITOR', () => {
  it.each([
    ['ALL', 'ALL'],
    ['all', 'all'],
    ['unset', undefined],
    ['blank', ''],
  ])('watches every instance when it is %s', (_label, raw) => {
    expect(parseConfig({ INSTANCES_TO_MONITOR: raw }).instances).toBeUndefined();
  });

  it('trims the names around the commas', () => {
    expect(parseConfig({ INSTANCES_TO_MONITOR: ' web_1 , db-2 ' }).instances).toEqual(['web_1', 'db-2']);
  });

  it('refuses a list with no name in it', () => {
    expect(configError({ INSTANCES_TO_MONITOR: ' , ' }).message).toContain('INSTANCES_TO_MONITOR');
  });
});

describe('parseConfig: REGIONS', () => {
  it('accepts comma-separated Lightsail regions', () => {
    expect(parseConfig({ REGIONS: 'us-east-1, ap-southeast-2,eu-central-1' }).regions).toEqual([
      'us-east-1',
      'ap-southeast-2',
      'eu-central-1',
    ]);
  });

  it.each(['us-east-1,mars', 'US-EAST-1', 'us-east', ','])('refuses "%s", naming REGIONS', (raw) => {
    expect(configError({ REGIONS: raw }).message).toContain('REGIONS');
  });
});

describe('parseConfig: ALLOWANCE_UNIT, PRORATE_NEW_INSTANCES, CONCURRENCY', () => {
  it('reads GB and GiB, in any case', () => {
    expect(parseConfig({ ALLOWANCE_UNIT: 'GB' }).allowance.unit).toBe('GB');
    expect(parseConfig({ ALLOWANCE_UNIT: 'GiB' }).allowance.unit).toBe('GiB');
    expect(parseConfig({ ALLOWANCE_UNIT: 'gib' }).allowance.unit).toBe('GiB');
  });

  it('refuses any other unit, naming ALLOWANCE_UNIT and what it accepts', () => {
    const error = configError({ ALLOWANCE_UNIT: 'MB' });

    expect(error.message).toContain('ALLOWANCE_UNIT');
    expect(error.message).toContain('GiB');
  });

  it('turns pro-rating off with false, 0 or no and refuses anything else', () => {
    expect(parseConfig({ PRORATE_NEW_INSTANCES: 'false' }).allowance.prorateNewInstances).toBe(false);
    expect(parseConfig({ PRORATE_NEW_INSTANCES: '0' }).allowance.prorateNewInstances).toBe(false);
    expect(parseConfig({ PRORATE_NEW_INSTANCES: 'NO' }).allowance.prorateNewInstances).toBe(false);
    expect(configError({ PRORATE_NEW_INSTANCES: 'maybe' }).message).toContain('PRORATE_NEW_INSTANCES');
  });

  it('accepts a whole concurrency from 1 to 25 and refuses 0, 26, fractions and words', () => {
    expect(parseConfig({ CONCURRENCY: '1' }).concurrency).toBe(1);
    expect(parseConfig({ CONCURRENCY: '25' }).concurrency).toBe(25);
    for (const raw of ['0', '26', '2.5', 'many']) {
      expect(configError({ CONCURRENCY: raw }).message).toContain(
        'CONCURRENCY must be a whole number from 1 to 25',
      );
    }
  });
});

describe('parseConfig: Telegram', () => {
  it('reads the token, a numeric or @channel chat id, and strips a trailing slash from the API root', () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
      TELEGRAM_CHAT_ID: '-1001234567890',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
    });

    expect(config.telegram.token).toBe(FAKE_TOKEN);
    expect(config.telegram.chatId).toBe('-1001234567890');
    expect(config.telegram.apiRoot).toBe('http://127.0.0.1:8081');
    expect(parseConfig({ TELEGRAM_CHAT_ID: '@my_alerts' }).telegram.chatId).toBe('@my_alerts');
  });

  it('leaves malformed Telegram settings to the commands that send, so status still runs', () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: 'not-a-token',
      TELEGRAM_CHAT_ID: 'my chat',
      TELEGRAM_API_ROOT: 'ftp://example.test',
    });

    expect(config.telegram.chatId).toBe('my chat');
    expect(() => checkTelegram(config.telegram)).toThrow(ConfigError);
  });
});

describe('checkTelegram: what a sender checks', () => {
  /** The ConfigError `checkTelegram` throws for `env`, or a failure when it throws none. */
  function telegramError(env: Environment, parts?: { chatId: boolean }): ConfigError {
    try {
      checkTelegram(parseConfig(env).telegram, parts);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error(`checkTelegram accepted ${JSON.stringify(env)}`);
  }

  it('accepts a well-formed token, a numeric or @channel chat id and an http(s) API root', () => {
    for (const chatId of ['-1001234567890', '42', '@my_alerts']) {
      expect(() =>
        checkTelegram(parseConfig({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_CHAT_ID: chatId }).telegram),
      ).not.toThrow();
    }
  });

  it.each([
    ['too short a secret', '123456:TEST-fake'],
    ['no colon', 'TEST-fake-token-not-real_abcdefghijk'],
    ['a letter in the bot id', '12a456:TEST-fake-token-not-real_abcdefghijk'],
  ])('refuses a token with %s, naming TELEGRAM_BOT_TOKEN and never repeating it', (_label, token) => {
    const error = telegramError({ TELEGRAM_BOT_TOKEN: token });

    expect(error.message).toContain('TELEGRAM_BOT_TOKEN');
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(token.split(':').at(-1));
  });

  it('refuses a chat id that is neither a number nor @channel, naming TELEGRAM_CHAT_ID', () => {
    expect(telegramError({ TELEGRAM_CHAT_ID: 'my chat' }).message).toContain('TELEGRAM_CHAT_ID');
    expect(telegramError({ TELEGRAM_CHAT_ID: '@ab' }).message).toContain('TELEGRAM_CHAT_ID');
  });

  it('ignores the chat id when asked for the token and API root only (find-chat-id)', () => {
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_CHAT_ID: 'my chat' });

    expect(() => checkTelegram(config.telegram, { chatId: false })).not.toThrow();
  });

  it('never repeats a token pasted into TELEGRAM_CHAT_ID', () => {
    const error = telegramError({ TELEGRAM_CHAT_ID: FAKE_TOKEN });

    expect(error.message).toContain('TELEGRAM_CHAT_ID');
    expect(error.message).not.toContain('TEST-fake-token-not-real_abcdefghijk');
  });

  it('never repeats a valid token in an error about another variable', () => {
    const error = telegramError({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: 'ftp://example.test' });

    expect(error.message).toContain('TELEGRAM_API_ROOT');
    expect(error.message).not.toContain(FAKE_TOKEN);
  });

  it('never repeats a token pasted into TELEGRAM_API_ROOT', () => {
    const error = telegramError({ TELEGRAM_API_ROOT: `ftp://api.example.test/bot${FAKE_TOKEN}` });

    expect(error.message).toContain('TELEGRAM_API_ROOT');
    expect(error.message).not.toContain('TEST-fake-token-not-real_abcdefghijk');
  });
});

describe('REQUESTS_PER_SECOND', () => {
  it('paces nothing by default', () => {
    expect(parseConfig({}).pace).toBeUndefined();
  });

  it('turns a rate into a per-region pace with one second of burst', () => {
    expect(parseConfig({ REQUESTS_PER_SECOND: '20' }).pace).toEqual({ perSecond: 20, burst: 20 });
  });

  it.each(['0', '-3', 'fast'])('refuses %s, naming the variable', (raw) => {
    expect(configError({ REQUESTS_PER_SECOND: raw }).message).toContain(
      'REQUESTS_PER_SECOND must be a number greater than 0',
    );
  });
});

/** The channels a configuration puts in use, in registry order. */
const configuredChannels = (config: ReturnType<typeof parseConfig>): string[] =>
  channelStates(config, 'cli').flatMap((state) => (state.inUse ? [state.descriptor.name] : []));

describe('requireChannels', () => {
  it('asks for a channel, naming the Telegram variables, when none is set', () => {
    const config = parseConfig({});

    expect(() => requireChannels(config, 'check')).toThrow(ConfigError);
    expect(() => requireChannels(config, 'check')).toThrow(
      /check sends alerts and needs a channel: TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID/,
    );
  });

  it('names only the chat id when the token is set, and the command that prints it', () => {
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN });

    expect(() => requireChannels(config, 'report')).toThrow(
      /needs TELEGRAM_CHAT_ID; set it \(lightsail-guard find-chat-id/,
    );
  });

  it('refuses a malformed chat id before anything is sent', () => {
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_CHAT_ID: 'my chat' });

    expect(() => requireChannels(config, 'check')).toThrow(/TELEGRAM_CHAT_ID: The chat id "my chat"/);
  });

  it('names the token when only the chat id is set, so that no Telegram alert is silently dropped', () => {
    const config = parseConfig({ TELEGRAM_CHAT_ID: '-1001234567890' });

    expect(() => requireChannels(config, 'check')).toThrow(/needs TELEGRAM_BOT_TOKEN;/);
  });

  it('accepts the SSM parameter in place of the token on the Lambda, not on the command line', () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN_PARAMETER: '/lightsail-guard/bot-token',
      TELEGRAM_CHAT_ID: '-1001234567890',
    });

    expect(() => requireLambdaChannels(config)).not.toThrow();
    expect(configuredChannels(config)).toEqual(['telegram']);
    expect(config.telegram.tokenParameter).toBe('/lightsail-guard/bot-token');
    expect(() => requireChannels(config, 'check')).toThrow(
      'check sends Telegram messages and needs TELEGRAM_BOT_TOKEN; set it (TELEGRAM_BOT_TOKEN_PARAMETER is read by the Lambda only), or use --dry-run to see what would be sent.',
    );
  });

  it('does not count the token parameter alone, which the stack always sets, as a channel', () => {
    const config = parseConfig({ TELEGRAM_BOT_TOKEN_PARAMETER: '/lightsail-guard/bot-token' });

    expect(configuredChannels(config)).toEqual([]);
    expect(() => requireChannels(config, 'the Lambda')).toThrow(
      /the Lambda sends alerts and needs a channel/,
    );
  });
});

describe('parseConfig: ALERT_LANGUAGE', () => {
  it('writes English unless told otherwise', () => {
    expect(parseConfig({}).language).toBe('en');
    expect(parseConfig({ ALERT_LANGUAGE: ' EN ' }).language).toBe('en');
    expect(parseConfig({}).channelLanguages).toEqual({});
  });

  it.each(['zh-CN', 'zh_CN', 'ZH-cn'])('reads %s as Simplified Chinese', (raw) => {
    expect(parseConfig({ ALERT_LANGUAGE: raw }).language).toBe('zh-CN');
  });

  it('takes a language per channel after the one for every channel', () => {
    const config = parseConfig({ ALERT_LANGUAGE: 'zh-CN, telegram:en' });

    expect(config.language).toBe('zh-CN');
    expect(config.channelLanguages).toEqual({ telegram: 'en' });
    expect(parseConfig({ ALERT_LANGUAGE: 'sns:zh-CN' })).toMatchObject({
      language: 'en',
      channelLanguages: { sns: 'zh-CN' },
    });
  });

  it('refuses a language it has no catalogue for, naming the variable and the languages it has', () => {
    expect(configError({ ALERT_LANGUAGE: 'fr' }).message).toBe(
      'ALERT_LANGUAGE takes en or zh-CN (default en), optionally followed by <channel>:<language> for a channel in another language, e.g. zh-CN,telegram:en; got "fr".',
    );
  });

  it('refuses a channel that does not exist, and two languages for every channel', () => {
    expect(configError({ ALERT_LANGUAGE: 'zh-CN,matrix:en' }).message).toBe(
      `ALERT_LANGUAGE: "matrix" is not a channel; channels are ${CHANNEL_NAMES.join(', ')}.`,
    );
    expect(CHANNEL_NAMES.slice(0, 8)).toEqual([
      'telegram',
      'sns',
      'webhook',
      'feishu',
      'dingtalk',
      'wecom',
      'bark',
      'serverchan',
    ]);
    expect(configError({ ALERT_LANGUAGE: 'en,zh-CN' }).message).toContain(
      'ALERT_LANGUAGE has one language for every channel, then <channel>:<language> pairs',
    );
  });
});

describe('parseConfig: ACTION', () => {
  it('stops by default, and accepts notify (alerts only) in any case', () => {
    expect(parseConfig({}).action).toBe('stop');
    expect(parseConfig({ ACTION: 'notify' }).action).toBe('notify');
    expect(parseConfig({ ACTION: ' Stop ' }).action).toBe('stop');
  });

  it.each(['ignore', 'nofity', 'off'])('refuses "%s", naming ACTION and what it accepts', (raw) => {
    const error = configError({ ACTION: raw });

    expect(error.message).toBe(
      `ACTION must be stop (default: stop instances at the threshold) or notify (send every alert, never stop); got "${raw}".`,
    );
  });
});

describe('parseConfig: RESTART_ON_NEW_MONTH', () => {
  it('is off by default and reads true or false', () => {
    expect(parseConfig({}).restartOnNewMonth).toBe(false);
    expect(parseConfig({ RESTART_ON_NEW_MONTH: 'true' }).restartOnNewMonth).toBe(true);
    expect(parseConfig({ RESTART_ON_NEW_MONTH: 'false' }).restartOnNewMonth).toBe(false);
  });

  it('refuses anything else, naming the variable', () => {
    expect(configError({ RESTART_ON_NEW_MONTH: 'monthly' }).message).toContain(
      'RESTART_ON_NEW_MONTH must be true or false (default false); got "monthly".',
    );
  });
});

describe('parseConfig: WEBHOOK_URL and WEBHOOK_SECRET', () => {
  const SECRET_PATH = '/hooks/T0000/fake-secret-path-not-real';

  it('takes an https URL, with its secret, as a channel that is enough on its own', () => {
    const config = parseConfig({
      WEBHOOK_URL: `https://hooks.example.com${SECRET_PATH}`,
      WEBHOOK_SECRET: 'fake-shared-secret',
    });

    expect(config.channels.webhook).toEqual({
      url: `https://hooks.example.com${SECRET_PATH}`,
      secret: 'fake-shared-secret',
    });
    expect(configuredChannels(config)).toEqual(['webhook']);
    expect(() => requireChannels(config, 'check')).not.toThrow();
  });

  it('takes plain http only to this machine', () => {
    expect(parseConfig({ WEBHOOK_URL: 'http://127.0.0.1:8080/hook' }).channels.webhook?.url).toBe(
      'http://127.0.0.1:8080/hook',
    );
    expect(parseConfig({ WEBHOOK_URL: 'http://localhost/hook' }).channels.webhook?.url).toBe(
      'http://localhost/hook',
    );
  });

  it.each([
    [`http://hooks.example.com${SECRET_PATH}`, 'http://hooks.example.com/…'],
    [`ftp://hooks.example.com${SECRET_PATH}`, 'ftp://hooks.example.com/…'],
    ['hooks.example.com/abc', '(not a URL)'],
  ])('refuses %s, showing only its host', (url, shown) => {
    const error = configError({ WEBHOOK_URL: url });

    expect(error.message).toContain('WEBHOOK_URL must be an https:// URL');
    expect(error.message).toContain(`got ${shown}.`);
    expect(error.message).not.toContain('fake-secret-path-not-real');
  });

  it('refuses a secret without its URL', () => {
    expect(configError({ WEBHOOK_SECRET: 'fake-shared-secret' }).message).toBe(
      'WEBHOOK_SECRET is set but WEBHOOK_URL is not; set both, or neither.',
    );
  });
});

describe('parseConfig: SNS_TOPIC_ARN', () => {
  it('takes a standard topic ARN as a channel that is enough on its own', () => {
    const config = parseConfig({ SNS_TOPIC_ARN: 'arn:aws:sns:ap-southeast-1:123456789012:guard-alerts' });

    expect(config.channels.sns).toEqual({ topicArn: 'arn:aws:sns:ap-southeast-1:123456789012:guard-alerts' });
    expect(configuredChannels(config)).toEqual(['sns']);
    expect(() => requireChannels(config, 'report')).not.toThrow();
  });

  it('refuses what is not a topic ARN, naming the shape it wants', () => {
    expect(configError({ SNS_TOPIC_ARN: 'guard-alerts' }).message).toContain(
      'SNS_TOPIC_ARN must be a topic ARN such as arn:aws:sns:us-east-1:123456789012:lightsail-guard-alerts',
    );
  });

  it('refuses a FIFO topic, which delivers to no email or SMS subscriber', () => {
    expect(
      configError({ SNS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts.fifo' }).message,
    ).toContain('FIFO topics deliver to no email or SMS subscriber');
  });
});

describe('parseConfig: the push services', () => {
  const SENDKEY = 'SCT000000TfakeSendKeyNotReal0000';

  it('takes every push service as a channel, in a fixed order', () => {
    const config = parseConfig({
      FEISHU_WEBHOOK_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/fake-hook',
      FEISHU_SECRET: 'fake-feishu-secret',
      DINGTALK_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=fake',
      DINGTALK_SECRET: 'SECfake',
      WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=fake',
      BARK_URL: 'https://api.day.app/FakeDeviceKey',
      SERVERCHAN_SENDKEY: SENDKEY,
    });

    expect(configuredChannels(config)).toEqual(['feishu', 'dingtalk', 'wecom', 'bark', 'serverchan']);
    expect(config.channels.feishu?.secret).toBe('fake-feishu-secret');
    expect(config.channels.dingtalk?.secret).toBe('SECfake');
    expect(config.channels.serverchan).toEqual({ sendKey: SENDKEY, apiRoot: undefined });
  });

  it.each([
    ['FEISHU_WEBHOOK_URL', 'http://open.feishu.cn/open-apis/bot/v2/hook/fake-secret-hook'],
    ['DINGTALK_WEBHOOK_URL', 'http://oapi.dingtalk.com/robot/send?access_token=fake-secret-hook'],
    ['WECOM_WEBHOOK_URL', 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=fake-secret-hook'],
    ['BARK_URL', 'http://api.day.app/fake-secret-hook'],
  ])('refuses %s over plain http without printing its secret', (name, url) => {
    const error = configError({ [name]: url });

    expect(error.message).toContain(`${name} must be an https:// URL`);
    expect(error.message).not.toContain('fake-secret-hook');
  });

  it.each([
    ['FEISHU_SECRET', 'FEISHU_WEBHOOK_URL'],
    ['DINGTALK_SECRET', 'DINGTALK_WEBHOOK_URL'],
    ['SERVERCHAN_API_ROOT', 'SERVERCHAN_SENDKEY'],
  ])('refuses %s without %s', (alone, missing) => {
    expect(configError({ [alone]: 'https://x.example.com' }).message).toBe(
      `${alone} is set but ${missing} is not; set both, or neither.`,
    );
  });

  it('wants the device key at the end of BARK_URL', () => {
    expect(configError({ BARK_URL: 'https://api.day.app/' }).message).toContain(
      'BARK_URL must end in the device key, as the Bark app shows it',
    );
  });

  it('refuses a malformed SendKey by its length, never showing it', () => {
    const error = configError({ SERVERCHAN_SENDKEY: 'not-a-sendkey-secret' });

    expect(error.message).toBe(
      'SERVERCHAN_SENDKEY must be a SendKey from sct.ftqq.com (SCT...) or ServerChan³ (sctp<uid>t...); got 20 characters that are not one.',
    );
  });
});

describe('parseConfig: forecast settings', () => {
  it('shows forecast times in an IANA TIME_ZONE and refuses an offset or a misspelt zone', () => {
    expect(parseConfig({ TIME_ZONE: 'Asia/Shanghai' }).timeZone).toBe('Asia/Shanghai');
    expect(configError({ TIME_ZONE: '+08:00' }).message).toMatch(/^TIME_ZONE must be an IANA time zone/);
    expect(configError({ TIME_ZONE: 'Asia/Shangai' }).message).toContain('"Asia/Shangai"');
  });

  it('takes METRIC_DELAY_MINUTES as whole minutes from 0 to 120', () => {
    expect(parseConfig({ METRIC_DELAY_MINUTES: '0' }).foresight.metricDelayMinutes).toBe(0);
    expect(parseConfig({ METRIC_DELAY_MINUTES: '120' }).foresight.metricDelayMinutes).toBe(120);
    for (const bad of ['121', '-1', '7.5', 'soon']) {
      expect(configError({ METRIC_DELAY_MINUTES: bad }).message).toMatch(
        /^METRIC_DELAY_MINUTES must be a whole number of minutes from 0 to 120/,
      );
    }
  });
});

describe('parseConfig: BURST_MBPS', () => {
  it('keeps no burst reserve by default, and takes megabits per second from 0 to 100000', () => {
    expect(parseConfig({}).foresight.burstMbps).toBe(0);
    expect(parseConfig({ BURST_MBPS: '1000' }).foresight.burstMbps).toBe(1000);
    expect(parseConfig({ BURST_MBPS: '2.5' }).foresight.burstMbps).toBe(2.5);
    expect(parseConfig({ BURST_MBPS: '0' }).foresight.burstMbps).toBe(0);
    expect(parseConfig({ BURST_MBPS: '100000' }).foresight.burstMbps).toBe(100000);
  });

  it('names what it accepts for a unit slip, a sign or a word', () => {
    for (const bad of ['1Gbps', '-1', '100001', 'fast', '1e3']) {
      expect(configError({ BURST_MBPS: bad }).message).toMatch(
        new RegExp(`^BURST_MBPS must be a number of megabits per second from 0 to 100000 .*got "${bad}"`),
      );
    }
  });

  it('refuses a burst reserve with stop ahead off, instead of ignoring it', () => {
    expect(configError({ BURST_MBPS: '1000', STOP_AHEAD: 'false' }).message).toMatch(
      /^BURST_MBPS is a reserve kept by stop ahead, which STOP_AHEAD=false turns off/,
    );
    expect(parseConfig({ BURST_MBPS: '0', STOP_AHEAD: 'false' }).foresight).toMatchObject({
      stopAhead: false,
      burstMbps: 0,
    });
  });
});

describe('parseConfig: ALLOWANCE_SCOPE', () => {
  it('judges each instance on its own allowance by default, or pools with pool, in any case', () => {
    expect(parseConfig({}).allowanceScope).toBe('instance');
    expect(parseConfig({ ALLOWANCE_SCOPE: 'Pool' }).allowanceScope).toBe('pool');
    expect(configError({ ALLOWANCE_SCOPE: 'region' }).message).toMatch(
      /^ALLOWANCE_SCOPE must be instance .* or pool/,
    );
  });
});
