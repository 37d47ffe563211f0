import { describe, expect, it } from 'vitest';
import { meantSetting, nearMissSettings } from '../src/cli/setting-names.js';
import { main } from '../src/cli-main.js';
import { ENV } from '../src/constants.js';

describe('a variable whose name is close to a setting', () => {
  it.each([
    ['WARN_PERCENTS', 'WARN_PERCENT'],
    ['REGION', 'REGIONS'],
    ['warn_percent', 'WARN_PERCENT'],
    ['Quota_Percent', 'QUOTA_PERCENT'],
    ['TIMEZONE', 'TIME_ZONE'],
    ['TELEGRAM_CHATID', 'TELEGRAM_CHAT_ID'],
    ['TELEGRAM_BOT_TOKN', 'TELEGRAM_BOT_TOKEN'],
    ['WEBHOOK_URLS', 'WEBHOOK_URL'],
    ['SERVERCHAN_SEND_KEY', 'SERVERCHAN_SENDKEY'],
    ['INSTANCE_TO_MONITOR', 'INSTANCES_TO_MONITOR'],
  ])('reads %s as a misspelt %s', (given, meant) => {
    expect(meantSetting(given)).toBe(meant);
  });

  it.each([
    'PATH',
    'HOME',
    'AWS_REGION',
    'AWS_PROFILE',
    'LANG',
    'TZ',
    'OPTION',
    'HTTPS_PROXY',
    'NODE_OPTIONS',
  ])('leaves %s alone: not close to any setting', (name) => {
    expect(meantSetting(name)).toBeUndefined();
  });

  it('takes every setting, channels included, as itself', () => {
    expect(Object.values(ENV).filter((name) => meantSetting(name) !== undefined)).toEqual([]);
    expect(Object.values(ENV)).toEqual(
      expect.arrayContaining(['BARK_URL', 'FEISHU_SECRET', 'SNS_TOPIC_ARN']),
    );
  });

  it('is not reported when the setting it resembles is set too', () => {
    expect(nearMissSettings({ REGION: 'eu-west-2', REGIONS: 'eu-west-2', WARN_PERCENTS: '90' })).toEqual([
      { given: 'WARN_PERCENTS', meant: 'WARN_PERCENT' },
    ]);
  });
});

describe('the CLI, given a misspelt setting', () => {
  it('warns on stderr, naming the variable and the setting, and runs on', async () => {
    const err: string[] = [];

    const code = await main(
      ['check'],
      { WARN_PERCENTS: '90,80' },
      { out: () => {}, err: (t) => err.push(t) },
    );

    expect(err[0]).toBe(
      'lightsail-guard: warning: WARN_PERCENTS is not a lightsail-guard setting and is ignored; did you mean WARN_PERCENT?',
    );
    // It goes on to the run, which here stops for want of a channel, as it would without the warning.
    expect(err[1]).toMatch(/needs a channel/);
    expect(code).toBe(2);
  });

  it('says nothing for --help', async () => {
    const err: string[] = [];

    await main(['check', '--help'], { WARN_PERCENTS: '90,80' }, { out: () => {}, err: (t) => err.push(t) });

    expect(err).toEqual([]);
  });
});
