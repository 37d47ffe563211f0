import { describe, expect, it } from 'vitest';
import { stampTime } from '../../src/core/display-time.js';
import { enTemplates } from '../../src/core/i18n/en.js';
import { catalogueFor, LANGUAGES } from '../../src/core/i18n/index.js';
import { smsEn } from '../../src/core/i18n/sms-en.js';
import { smsZhCN } from '../../src/core/i18n/sms-zh-CN.js';
import {
  renderer,
  type SmsTemplates,
  type Templates,
  type TemplatesOf,
  type Variant,
} from '../../src/core/i18n/templates.js';
import { zhCNTemplates } from '../../src/core/i18n/zh-CN.js';
import type { SmsText } from '../../src/core/variants/sms.js';
import { anInstance, at, GB } from '../support/builders.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

/** One sample of every variant kind: the mapped type makes a kind added in core fail to compile here. */
type Samples<V extends { readonly kind: string }> = {
  readonly [K in V['kind']]: Extract<V, { readonly kind: K }>;
};

const unit = 'GB';
const web = { name: 'web_1', region: 'eu-west-2' };
const pool = { bundleId: 'small_3_0', region: 'eu-west-2', members: ['busy', 'idle'] };
const figures = { kind: 'figures', usedBytes: 97 * GB, allowanceBytes: 100 * GB, percent: 97, unit } as const;
const reset = { kind: 'reset-first', at: at('2026-12-01T00:00:00.000Z'), timeZone: 'UTC' } as const;
const horizon = {
  kind: 'horizon',
  toNextCheck: 10,
  lagMinutes: 1,
  source: { kind: 'lag-measured' },
} as const;
const head = { kind: 'stop-head', member: { kind: 'instance', ...web }, figures, quotaPercent: 95 } as const;
const keep = { kind: 'keep-tag', name: 'web_1', monthKey: '2026-11' } as const;
const price = { kind: 'price', usdPerGb: 0.09, region: 'eu-west-2' } as const;
const end = { kind: 'month-end', percent: 128, lastDay: at('2026-11-30T23:59:59.999Z') } as const;
const members = { kind: 'members', named: ['busy', 'idle'] } as const;
const change = { kind: 'stop-by-setting', name: 'web_1' } as const;
const heading = { kind: 'heading', monthEndPercent: 128, lastDay: at('2026-11-30T23:59:59.999Z') } as const;
const started = [{ ...web, stoppedIn: '2026-10' }];
const service = (text: string) => ({ kind: 'service', text }) as const;
const badQuota = { kind: 'quota-not-percent', value: 'lots', globalPercent: 95 } as const;
const noData = {
  kind: 'metrics',
  problems: [{ metrics: ['NetworkIn'], problem: { kind: 'no-metric-data' } }],
} as const;
const prod = { kind: 'account-named', name: 'prod', id: '111122223333' } as const;
const poolBytes = { usedBytes: 170 * GB, allowanceBytes: 200 * GB, percent: 85, unit } as const;

const SAMPLES: Samples<Variant> = {
  'alert-stopped': { kind: 'alert-stopped', head, how: { kind: 'stop-call-succeeded' }, keep },
  'alert-would-stop': { kind: 'alert-would-stop', head },
  'alert-stopped-earlier': {
    kind: 'alert-stopped-earlier',
    head,
    at: { kind: 'stopped-at-time', at: '2026-11-20T09:50:00.000Z', timeZone: 'UTC' },
    now: keep,
  },
  'alert-stop-failed': {
    kind: 'alert-stop-failed',
    head,
    error: { kind: 'error', failure: service('AccessDenied') },
    retry: { kind: 'retry-next-check' },
  },
  'alert-warn': {
    kind: 'alert-warn',
    level: 80,
    subject: { kind: 'instance', ...web },
    figures,
    threshold: { kind: 'stops-at', percent: 95 },
  },
  'alert-forecast': {
    kind: 'alert-forecast',
    subject: { kind: 'instance', ...web },
    figures,
    when: { kind: 'reaches-month-end', end },
    threshold: { kind: 'stops-at', percent: 95 },
  },
  'alert-kept-running': {
    kind: 'alert-kept-running',
    subject: { kind: 'instance', ...web },
    figures,
    quotaPercent: 95,
    monthKey: '2026-11',
    price,
    next: { kind: 'clear-keep', name: 'web_1' },
  },
  'alert-not-stopped': {
    kind: 'alert-not-stopped',
    member: { kind: 'instance', ...web },
    figures,
    quotaPercent: 95,
    why: { kind: 'notify-setting' },
    next: { kind: 'to-stop', change },
  },
  'alert-started': { kind: 'alert-started', instances: started, resetAt: reset.at, timeZone: 'UTC' },
  'alert-would-start': {
    kind: 'alert-would-start',
    instances: started,
    resetAt: reset.at,
    timeZone: 'Asia/Shanghai',
    newAddress: { kind: 'new-address' },
  },
  'new-address': { kind: 'new-address' },
  'alert-start-failed': { kind: 'alert-start-failed', ...web, error: service('busy') },
  'alert-bad-tag': {
    kind: 'alert-bad-tag',
    ...web,
    problems: [{ kind: 'tag-problem', message: 'bad', why: badQuota }],
  },
  'alert-unknown': { kind: 'alert-unknown', ...web, reason: noData },
  'alert-region-failed': { kind: 'alert-region-failed', region: 'eu-west-3', error: service('down') },
  'alert-account-failed': {
    kind: 'alert-account-failed',
    account: prod,
    error: {
      kind: 'not-assumed',
      role: 'arn:aws:iam::111122223333:role/guard',
      failure: service('AccessDenied'),
    },
  },
  'alert-regions-failed': { kind: 'alert-regions-failed', error: service('bad token') },
  'alert-missing': { kind: 'alert-missing', names: ['web_1', 'db-2'] },
  figures,
  'figures-unknown': { kind: 'figures-unknown', allowanceBytes: 100 * GB, unit },
  'in-account': { kind: 'in-account', label: 'prod' },
  'region-account': { kind: 'region-account', label: 'prod' },
  'account-named': prod,
  'account-id': { kind: 'account-id', id: '111122223333' },
  instance: { kind: 'instance', ...web },
  pool: { kind: 'pool', ...pool },
  'member-of-pool': { kind: 'member-of-pool', ...web, pool },
  price,
  'price-unknown': { kind: 'price-unknown' },
  'past-allowance': { kind: 'past-allowance', price },
  'all-allowance': { kind: 'all-allowance', price },
  'reset-first': reset,
  'reset-sentence': { kind: 'reset-sentence', reset },
  'stops-at': { kind: 'stops-at', percent: 95 },
  'pool-stops-at': { kind: 'pool-stops-at', percent: 95 },
  'lag-measured': { kind: 'lag-measured' },
  'lag-newest-sample': { kind: 'lag-newest-sample' },
  'lag-assumed': { kind: 'lag-assumed' },
  horizon,
  'ahead-burst': { kind: 'ahead-burst', ratePerSecond: 12.5e6, withinMinutes: 11, horizon },
  'ahead-worst-case': {
    kind: 'ahead-worst-case',
    worstCaseRatePerSecond: 20e6,
    ratePerSecond: 12.5e6,
    withinMinutes: 11,
    toNextCheck: 10,
    quotaPercent: 95,
    horizon,
  },
  'ahead-pace': { kind: 'ahead-pace', ratePerSecond: 12.5e6, withinMinutes: 11, quotaPercent: 95, horizon },
  'stop-head': head,
  'keep-tag': keep,
  unrecorded: { kind: 'unrecorded', error: 'Throttled' },
  error: { kind: 'error', failure: service('AccessDenied') },
  'error-unknown': { kind: 'error-unknown' },
  'retry-next-check': { kind: 'retry-next-check' },
  'retry-after-reset': { kind: 'retry-after-reset', reset },
  'stopped-at-time': { kind: 'stopped-at-time', at: '2026-11-20T09:50:00.000Z', timeZone: 'UTC' },
  'stopped-at-unknown-time': { kind: 'stopped-at-unknown-time' },
  'stop-call-succeeded': { kind: 'stop-call-succeeded' },
  'already-stopping': { kind: 'already-stopping' },
  'running-again': { kind: 'running-again' },
  'month-end': end,
  'reaches-threshold': {
    kind: 'reaches-threshold',
    percent: 95,
    at: at('2026-11-24T09:00:00.000Z'),
    timeZone: 'UTC',
    end,
  },
  'reaches-full': { kind: 'reaches-full', at: at('2026-11-26T09:00:00.000Z'), timeZone: 'UTC', end },
  'reaches-month-end': { kind: 'reaches-month-end', end },
  'clear-keep': { kind: 'clear-keep', name: 'web_1' },
  'notify-setting': { kind: 'notify-setting' },
  'notify-tag': { kind: 'notify-tag' },
  'stop-by-setting': change,
  'stop-by-tag': { kind: 'stop-by-tag', name: 'web_1' },
  'to-stop': { kind: 'to-stop', change },
  'to-stop-after-reset': { kind: 'to-stop-after-reset', reset, change },
  'tag-fix': { kind: 'tag-fix', message: 'bad', why: badQuota, command: 'set-quota', name: 'web_1' },
  'tag-problem': { kind: 'tag-problem', message: 'bad', why: badQuota },
  'headline-stop-failed': { kind: 'headline-stop-failed', name: 'web_1' },
  'headline-would-stop': { kind: 'headline-would-stop', name: 'web_1' },
  'headline-stopped': {
    kind: 'headline-stopped',
    name: 'web_1',
    verb: { kind: 'verb-stopped' },
    percent: 97,
  },
  'headline-pool-stopped': {
    kind: 'headline-pool-stopped',
    name: 'busy',
    verb: { kind: 'verb-stopped-ahead' },
    percent: 97,
    bundleId: 'small_3_0',
    members,
  },
  'headline-warn': {
    kind: 'headline-warn',
    who: { kind: 'headline-instance', name: 'web_1' },
    percent: 85,
    level: 80,
  },
  'headline-kept-running': {
    kind: 'headline-kept-running',
    who: { kind: 'headline-instance', name: 'web_1' },
  },
  'headline-forecast': {
    kind: 'headline-forecast',
    who: { kind: 'headline-pool', bundleId: 'small_3_0', members },
    monthEndPercent: 128,
  },
  'headline-not-stopped': { kind: 'headline-not-stopped', name: 'web_1' },
  'headline-started': { kind: 'headline-started', names: ['web_1'] },
  'headline-would-start': { kind: 'headline-would-start', names: ['web_1'] },
  'headline-start-failed': { kind: 'headline-start-failed', name: 'web_1' },
  'headline-bad-tag': { kind: 'headline-bad-tag', name: 'web_1' },
  'headline-unknown': { kind: 'headline-unknown', name: 'web_1' },
  'headline-region-failed': { kind: 'headline-region-failed', region: 'eu-west-3' },
  'headline-account-failed': { kind: 'headline-account-failed', account: 'prod' },
  'headline-regions-failed': { kind: 'headline-regions-failed' },
  'headline-missing': { kind: 'headline-missing', count: 2 },
  'headline-instance': { kind: 'headline-instance', name: 'web_1' },
  'headline-pool': { kind: 'headline-pool', bundleId: 'small_3_0', members },
  'in-pool': { kind: 'in-pool', bundleId: 'small_3_0', members },
  members,
  'members-and-more': { kind: 'members-and-more', named: ['a', 'b', 'c'], more: 2, total: 5 },
  'verb-stopped': { kind: 'verb-stopped' },
  'verb-stopped-ahead': { kind: 'verb-stopped-ahead' },
  'alert-subject': { kind: 'alert-subject', first: 'web_1 stopped (97.0%)' },
  'and-more': { kind: 'and-more', more: 2, total: 3 },
  part: { kind: 'part', index: 1, total: 2 },
  'test-alert': {
    kind: 'test-alert',
    sentAt: at('2026-11-20T09:50:00.000Z'),
    timeZone: 'UTC',
    place: { kind: 'in-chat' },
  },
  'in-chat': { kind: 'in-chat' },
  here: { kind: 'here' },
  'test-alert-subject': { kind: 'test-alert-subject' },
  'report-subject': {
    kind: 'report-subject',
    date: at('2026-11-20T09:50:00.000Z'),
    timeZone: 'UTC',
    over: 1,
    unknown: 0,
    quotaPercent: 95,
  },
  'report-summary': {
    kind: 'report-summary',
    monthKey: '2026-11',
    at: at('2026-11-20T09:50:00.000Z'),
    timeZone: 'UTC',
    quotaPercent: 95,
    instances: 3,
    regions: 2,
    over: 1,
    unknown: 0,
  },
  'ignored-count': { kind: 'ignored-count', count: 1 },
  'region-failure': { kind: 'region-failure', region: 'eu-west-3', error: service('down') },
  'report-line': {
    kind: 'report-line',
    ...web,
    state: 'running',
    usedBytes: 97 * GB,
    allowanceBytes: 100 * GB,
    percent: 97,
    unit,
  },
  'line-note': { kind: 'line-note', text: 'stopped' },
  'row-note': { kind: 'row-note', parts: [{ kind: 'note-action', action: 'stopped' }] },
  'note-action': { kind: 'note-action', action: 'stopped' },
  'note-ahead': { kind: 'note-ahead', action: 'stopped' },
  'note-burst': { kind: 'note-burst', action: 'stopped' },
  'note-at-reset': { kind: 'note-at-reset', reason: 'threshold' },
  'note-reset-first': { kind: 'note-reset-first', at: reset.at, timeZone: 'UTC' },
  'note-unknown-usage': { kind: 'note-unknown-usage', reason: noData },
  'note-error': { kind: 'note-error', error: { kind: 'stop-failed', failure: service('AccessDenied') } },
  'note-next-month': { kind: 'note-next-month', next: 'start' },
  'note-burst-stop': { kind: 'note-burst-stop', percent: 81.6 },
  'note-pro-rated': { kind: 'note-pro-rated', sharePercent: 50 },
  overage: { kind: 'overage', overGb: '4.00', price: 0.09, costUsd: '0.36' },
  'overage-unpriced': { kind: 'overage-unpriced', overGb: '4.00' },
  'note-in-pool': { kind: 'note-in-pool', bundleId: 'small_3_0', percent: 65 },
  heading,
  'heading-threshold': {
    ...heading,
    kind: 'heading-threshold',
    percent: 95,
    at: at('2026-11-24T09:00:00.000Z'),
    timeZone: 'UTC',
  },
  'pool-line': {
    kind: 'pool-line',
    ...pool,
    usage: { kind: 'pool-usage', ...poolBytes },
  },
  'pool-usage': { kind: 'pool-usage', ...poolBytes },
  'pool-usage-at-least': { kind: 'pool-usage-at-least', ...poolBytes },
  'pool-usage-not-read': { kind: 'pool-usage-not-read', allowanceBytes: 200 * GB, unit },
  'pool-usage-unknown': { kind: 'pool-usage-unknown', allowanceBytes: 200 * GB, unit },
  'not-read-members': { kind: 'not-read-members', names: ['idle'] },
  'pool-heading': { kind: 'pool-heading', heading },
  'pools-title': { kind: 'pools-title' },
  'starts-on-the-1st': { kind: 'starts-on-the-1st', instances: [web] },
  'starts-none-on-the-1st': { kind: 'starts-none-on-the-1st' },
};

const SMS_SAMPLES: Samples<SmsText> = {
  instance: { kind: 'instance', ...web },
  pool: { kind: 'pool', ...pool },
  share: { kind: 'share', percent: 97 },
  'pool-share': { kind: 'pool-share', percent: 97 },
  'share-unknown': { kind: 'share-unknown' },
  'stop-failed': { kind: 'stop-failed', ...web, share: { kind: 'share', percent: 97 } },
  'would-stop': { kind: 'would-stop', ...web, share: { kind: 'share', percent: 97 } },
  'stopped-earlier': { kind: 'stopped-earlier', ...web, share: { kind: 'share', percent: 97 } },
  stopped: { kind: 'stopped', ...web, share: { kind: 'share', percent: 97 } },
  'stopped-ahead': { kind: 'stopped-ahead', ...web, share: { kind: 'share', percent: 93 } },
  warn: {
    kind: 'warn',
    level: 80,
    subject: { kind: 'instance', ...web },
    share: { kind: 'share', percent: 85 },
  },
  forecast: {
    kind: 'forecast',
    subject: { kind: 'instance', ...web },
    share: { kind: 'share', percent: 60 },
    monthEndPercent: 128,
  },
  'kept-running': {
    kind: 'kept-running',
    subject: { kind: 'instance', ...web },
    share: { kind: 'share', percent: 97 },
  },
  'not-stopped': { kind: 'not-stopped', ...web, share: { kind: 'share', percent: 97 } },
  started: { kind: 'started', instances: [web] },
  'would-start': { kind: 'would-start', instances: [web] },
  'start-failed': { kind: 'start-failed', ...web },
  'bad-tag': { kind: 'bad-tag', ...web, keys: ['lightsail-guard:quota'] },
  unknown: { kind: 'unknown', ...web },
  'region-failed': { kind: 'region-failed', region: 'eu-west-3' },
  'account-failed': { kind: 'account-failed', account: 'prod' },
  'in-account': { kind: 'in-account', label: 'prod' },
  'region-account': { kind: 'region-account', label: 'prod' },
  'regions-failed': { kind: 'regions-failed' },
  missing: { kind: 'missing', names: ['web_1', 'db-2'] },
  'alerts-one': { kind: 'alerts-one', line: 'STOPPED web_1' },
  'alerts-many': { kind: 'alerts-many', lines: ['a', 'b'], total: 4, more: { kind: 'and-more', more: 2 } },
  'and-more': { kind: 'and-more', more: 2 },
  'test-alert': { kind: 'test-alert', sentAt: at('2026-11-20T09:50:00.000Z'), timeZone: 'UTC' },
  report: {
    kind: 'report',
    date: at('2026-11-20T09:50:00.000Z'),
    timeZone: 'UTC',
    instances: 3,
    over: 1,
    unknown: 0,
    quotaPercent: 95,
  },
};

/**
 * Variants whose words are only their data and markup (an error as the service wrote it, a command
 * to type, figures): the same in every language. Any other variant that reads the same in Chinese as
 * in English was left untranslated.
 */
const DATA_ONLY = new Set<string>([
  'error',
  'account-id',
  'stopped-at-time',
  'stop-by-tag',
  'headline-instance',
  'note-error',
  'line-note',
  'pool-usage',
  'pool-usage-not-read',
]);

const LANGUAGE_TEMPLATES: Readonly<
  Record<(typeof LANGUAGES)[number], { html: Templates; sms: SmsTemplates }>
> = {
  en: { html: enTemplates, sms: smsEn },
  'zh-CN': { html: zhCNTemplates, sms: smsZhCN },
};

/** Every sample rendered with each language's templates, by kind. */
function renderAll<V extends { readonly kind: string }>(
  samples: Samples<V>,
  pick: (language: (typeof LANGUAGES)[number]) => TemplatesOf<V>,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const language of LANGUAGES) {
    const say = renderer<V>(pick(language));
    out[language] = Object.fromEntries(
      Object.values<V>(samples).map((variant) => [variant.kind, say(variant)]),
    );
  }
  return out;
}

describe('every message variant in every language', () => {
  it.each(LANGUAGES)('%s has one template for each variant core can pick, and no other', (language) => {
    const { html, sms } = LANGUAGE_TEMPLATES[language];

    expect(Object.keys(html).sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(Object.keys(sms).sort()).toEqual(Object.keys(SMS_SAMPLES).sort());
  });

  it('renders each variant with markup in both languages as Telegram HTML, translated', () => {
    const texts = renderAll(SAMPLES, (language) => LANGUAGE_TEMPLATES[language].html);

    for (const kind of Object.keys(SAMPLES)) {
      const [en, zh] = LANGUAGES.map((language) => texts[language]?.[kind] ?? '');
      expect(en, kind).not.toBe('');
      expect(zh, kind).not.toBe('');
      expect(telegramHtmlProblems(`${en}${zh}`), kind).toEqual([]);
      if (!DATA_ONLY.has(kind)) expect(zh, `${kind} reads the same in Chinese as in English`).not.toBe(en);
    }
  });

  it('renders each SMS variant in both languages, translated, English in plain ASCII', () => {
    const texts = renderAll(SMS_SAMPLES, (language) => LANGUAGE_TEMPLATES[language].sms);

    for (const kind of Object.keys(SMS_SAMPLES)) {
      const [en, zh] = LANGUAGES.map((language) => texts[language]?.[kind] ?? '');
      expect(en, kind).toMatch(/^[\x20-\x7e]+$/);
      expect(zh, kind).not.toBe('');
      if (!DATA_ONLY.has(kind)) expect(zh, `${kind} reads the same in Chinese as in English`).not.toBe(en);
    }
  });
});

describe('one rule for times in every language', () => {
  it('gives the time an earlier stop was recorded at in the same form in both languages', () => {
    const event = {
      kind: 'stop',
      instance: anInstance({ name: 'web_1', region: 'eu-west-2', state: 'stopped' }),
      outcome: 'earlier',
      stoppedAt: '2026-11-20T09:50:00.000Z',
      usedBytes: 97 * GB,
      allowanceBytes: 100 * GB,
      percent: 97,
    } as const;
    const context = { unit, quotaPercent: 95, monthKey: '2026-11' } as const;

    const [en, zh] = LANGUAGES.map((language) => catalogueFor(language).alert(event, context));

    expect(en).toContain('Stopped at 2026-11-20 09:50 UTC;');
    expect(zh).toContain('停止于 2026年11月20日 09:50 UTC；');
  });

  it('shows a recorded time that is not an ISO time as it is, rather than a wrong one', () => {
    expect(stampTime('2026-11-20T09:50:00.000Z')).toBe('2026-11-20 09:50 UTC');
    expect(stampTime(at('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31 23:59 UTC');
    expect(stampTime('yesterday')).toBe('yesterday');
  });
});
