import { describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { type AlertEvent, alertHeadline, alertText } from '../../src/core/alerts.js';
import { htmlToPlain } from '../../src/core/html.js';
import { catalogueFor, LANGUAGES } from '../../src/core/i18n/index.js';
import { reportMessages, reportSubject, rowNote } from '../../src/core/report.js';
import { anInstance, aRow, at, GB } from '../support/builders.js';
import { telegramHtmlProblems } from '../support/telegram-html.js';

const CONTEXT = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' } as const;
const zh = catalogueFor('zh-CN');
const web = anInstance({ name: 'web_1', region: 'eu-west-2' });
const NASTY = anInstance({ name: 'web_1.<b>&co', region: 'ap-south-1' });
const figures = { usedBytes: 97 * GB, allowanceBytes: 100 * GB, percent: 97 };

/** One event of every kind (and every stop outcome), for `instance`. */
const everyKind = (instance = web): AlertEvent[] => [
  { kind: 'stop', instance, outcome: 'stopped', ...figures },
  { kind: 'stop', instance, outcome: 'stopped', alreadyStopping: true, recordError: 'Throttled', ...figures },
  { kind: 'stop', instance, outcome: 'failed', error: 'AccessDeniedException: no', ...figures },
  { kind: 'stop', instance, outcome: 'dry-run', ...figures },
  { kind: 'stop', instance, outcome: 'earlier', stoppedAt: '2026-11-20T09:50:00.000Z', ...figures },
  { kind: 'warn', instance, level: 80, usedBytes: 85 * GB, allowanceBytes: 100 * GB, percent: 85 },
  { kind: 'kept-running', instance, ...figures },
  { kind: 'not-stopped', instance, because: 'setting', ...figures },
  { kind: 'not-stopped', instance, because: 'tag', ...figures },
  { kind: 'started', started: [{ instance, stoppedIn: '2026-10' }], dryRun: false },
  { kind: 'started', started: [{ instance, stoppedIn: '2026-10' }], dryRun: true },
  { kind: 'start-failed', instance, error: 'OperationFailureException: busy' },
  {
    kind: 'bad-tag',
    instance,
    problems: [
      {
        key: TAGS.quota,
        message: `${TAGS.quota} = "lots" is not a percentage; QUOTA_PERCENT (95) applies`,
        why: { kind: 'quota-not-percent', value: 'lots', globalPercent: 95 },
      },
    ],
  },
  { kind: 'unknown', instance, reason: 'NetworkIn: the answer had no metricData' },
  { kind: 'region-failed', region: 'eu-west-3', error: 'ServiceException: down' },
  { kind: 'regions-failed', error: 'UnrecognizedClientException: bad token' },
  { kind: 'missing', names: ['web_1', 'db-2'] },
];

describe('every alert kind in every language', () => {
  it.each(
    LANGUAGES.flatMap((language) =>
      everyKind(NASTY).map((event, index) => [language, index, event] as const),
    ),
  )('%s alert %i parses as Telegram HTML with every dynamic value escaped', (language, _index, event) => {
    const text = alertText(event, CONTEXT, catalogueFor(language));

    expect(telegramHtmlProblems(text)).toEqual([]);
    expect(text).not.toContain('<b>&co');
  });

  it('says each kind in Chinese, with the figures, dates and punctuation Chinese readers expect', () => {
    const texts = everyKind().map((event) => htmlToPlain(alertText(event, CONTEXT, zh)));

    expect(texts).toEqual([
      `🛑 已停止 web_1（eu-west-2）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。\n停止请求已成功。如需本月继续运行：lightsail-guard keep-running web_1 --start（该命令会添加标签 ${TAGS.keepRunning} = 2026-11 并启动实例）。`,
      `🛑 已停止 web_1（eu-west-2）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。\n实例已在停止中（由所有者或另一次运行停止）。如需本月继续运行：lightsail-guard keep-running web_1 --start（该命令会添加标签 ${TAGS.keepRunning} = 2026-11 并启动实例）。\n停止前未能写入记录（AWS 返回：Throttled）：若此提醒丢失，之后的检查不会重发。`,
      '🚨 停止失败 web_1（eu-west-2）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。\n实例仍在运行（AWS 返回：AccessDeniedException: no）。下次检查会重试。',
      '🛑 将会停止 web_1（eu-west-2）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。\n试运行：未停止任何实例。',
      '🛑 已停止 web_1（eu-west-2）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。\n停止于 2026年11月20日 09:50 UTC；当时此提醒未能送达。该实例现在仍在运行：它之后又被启动了，或那次停止没有完成。',
      '⚠️ 80% 预警 web_1（eu-west-2）：已用 85.00 GB / 100.00 GB（85.0%）。达到 95% 时将被停止。',
      `⚠️ 超过阈值仍在运行 web_1（eu-west-2）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。已有标签 ${TAGS.keepRunning} = 2026-11，因此未停止；超出配额的出站流量按 0.09 USD/GB 计费（eu-west-2）。如需让 lightsail-guard 重新在阈值处停止它：lightsail-guard keep-running web_1 --clear。`,
      '🔔 超过阈值，未停止 web_1（eu-west-2）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。未停止，因为已设置 ACTION=notify（仅提醒）。如需停止它：设置 ACTION=stop，或只对此实例执行 lightsail-guard set-action web_1 stop。',
      `🔔 超过阈值，未停止 web_1（eu-west-2）：已用 97.00 GB / 100.00 GB（97.0%），阈值 95%。未停止，因为它的标签 ${TAGS.action} = notify（仅提醒）。如需停止它：lightsail-guard set-action web_1 stop。`,
      '▶️ 已启动（新计费月）：web_1（eu-west-2，2026年10月被 lightsail-guard 停止）。流量配额已于 11月1日 00:00 UTC 重置。未绑定静态 IP 的实例启动后会获得新的公有 IPv4 地址：请更新使用它的 DNS 记录和客户端。如需以后让某台实例保持停止：lightsail-guard hold <name>。',
      '将会启动（新计费月，试运行）：web_1（eu-west-2，2026年10月被 lightsail-guard 停止）。流量配额已于 11月1日 00:00 UTC 重置。未绑定静态 IP 的实例启动后会获得新的公有 IPv4 地址：请更新使用它的 DNS 记录和客户端。如需以后让某台实例保持停止：lightsail-guard hold <name>。',
      '🚨 启动失败 web_1（eu-west-2）：启动请求未成功（AWS 返回：OperationFailureException: busy）。实例仍处于停止状态，下次检查会重试。',
      `⚙️ 设置标签无效 web_1（eu-west-2）：标签 ${TAGS.quota} 的值“lots”不是大于 0 的数字（写法同 QUOTA_PERCENT），改用全局的 95%。请重新设置，或将其移除：lightsail-guard set-quota web_1 --clear。`,
      '❓ 用量未知 web_1（eu-west-2）：NetworkIn 指标的应答中没有 metricData。在能读取用量之前，该实例不受保护。',
      '❗ 区域未检查 eu-west-3：无法列出其中的实例（AWS 返回：ServiceException: down）。在能读取之前，其中的实例不受保护。',
      '❗ 未检查任何实例：无法读取区域列表（AWS 返回：UnrecognizedClientException: bad token）。',
      '❗ 未找到：INSTANCES_TO_MONITOR 中的 web_1、db-2 不在任何已检查的区域中。',
    ]);
  });

  it('reads unknown usage as unknown in Chinese, never as 0', () => {
    const text = alertText(
      {
        kind: 'stop',
        instance: web,
        outcome: 'failed',
        usedBytes: null,
        allowanceBytes: 100 * GB,
        percent: null,
      },
      CONTEXT,
      zh,
    );

    expect(text).toContain('用量未知 / 配额 100.00 GB');
    expect(text).not.toMatch(/\b0(\.0+)?%/);
  });

  it('says a warned instance past its allowance is billed, in Chinese, and quotes GiB when that is the unit', () => {
    const over = { usedBytes: 104 * 2 ** 30, allowanceBytes: 100 * 2 ** 30, percent: 104 };

    const text = htmlToPlain(
      alertText(
        { kind: 'warn', instance: web, level: 90, ...over },
        { ...CONTEXT, unit: 'GiB', quotaPercent: 150 },
        zh,
      ),
    );

    expect(text).toBe(
      '⚠️ 90% 预警 web_1（eu-west-2）：已用 104.00 GiB / 100.00 GiB（104.0%）。达到 150% 时将被停止。已超出流量配额：出站流量按 0.09 USD/GB 计费（eu-west-2）。',
    );
  });

  it('names every kind in a subject line, in both languages', () => {
    const headlines = (language: 'en' | 'zh-CN') =>
      everyKind().map((event) => alertHeadline(event, CONTEXT, catalogueFor(language)));

    expect(headlines('en')).toEqual([
      'web_1 stopped (97.0%)',
      'web_1 stopped (97.0%)',
      'STOP FAILED for web_1',
      'web_1 would be stopped',
      'web_1 stopped (97.0%)',
      'web_1 at 85.0% (80% warning)',
      'web_1 over threshold, kept running',
      'web_1 over threshold, not stopped',
      'web_1 over threshold, not stopped',
      'started for the new month: web_1',
      'would start for the new month: web_1',
      'START FAILED for web_1',
      'setting tag of web_1 not valid',
      'usage of web_1 unknown',
      'region eu-west-3 not checked',
      'nothing checked',
      '2 instances not found',
    ]);
    expect(headlines('zh-CN')).toEqual([
      '已停止：web_1 97.0%',
      '已停止：web_1 97.0%',
      '停止失败：web_1',
      '将会停止：web_1',
      '已停止：web_1 97.0%',
      '80% 预警：web_1 已用 85.0%',
      '超过阈值仍运行：web_1',
      '超过阈值未停止：web_1',
      '超过阈值未停止：web_1',
      '已启动：web_1（新计费月）',
      '将会启动：web_1（试运行）',
      '启动失败：web_1',
      '设置标签无效：web_1',
      '用量未知：web_1',
      '区域未检查：eu-west-3',
      '未检查任何实例',
      '未找到：2 台实例',
    ]);
    expect(zh.alertSubject('已停止：web_1 97.0%', 2)).toBe('已停止：web_1 97.0%（共 3 条提醒）');
    expect(zh.alertSubject('已停止：web_1 97.0%', 0)).toBe('已停止：web_1 97.0%');
    expect(catalogueFor('en').alertSubject('web_1 stopped (97.0%)', 2)).toBe(
      'lightsail-guard: web_1 stopped (97.0%) and 2 more',
    );
    expect([zh.part(1, 2), catalogueFor('en').part(1, 2)]).toEqual(['（1/2）', ' (1/2)']);
  });
});

describe('the report in Chinese', () => {
  const context = { unit: 'GB', quotaPercent: 95, warnPercents: [80, 90] } as const;
  const model = {
    generatedAt: at('2026-11-20T08:00:00.000Z'),
    monthKey: '2026-11',
    rows: [
      aRow({
        name: 'hot',
        region: 'ap-southeast-2',
        usedBytes: 1124 * GB,
        allowanceBytes: 1024 * GB,
        percent: 109.76,
      }),
      aRow({ name: 'new', allowanceShare: 0.5 }),
      aRow({ name: 'off', state: 'stopped', usedBytes: null, percent: null, action: 'not-read' }),
      aRow({ name: 'blind', usedBytes: null, percent: null, unknownReason: 'NetworkOut: 没有数据' }),
    ],
    regionErrors: [{ region: 'eu-west-3', error: 'ServiceException: down' }],
  };

  it('has a summary, failed regions and a line per instance with Chinese states, notes and months', () => {
    const [text = ''] = reportMessages(model, context, 4096, zh);

    expect(telegramHtmlProblems(text)).toEqual([]);
    expect(htmlToPlain(text).split('\n')).toEqual([
      '📊 Lightsail 流量：2026年11月至今（截至 2026年11月20日 08:00 UTC）',
      '共 4 台实例，分布在 2 个区域 · 1 台达到或超过 95% · 1 台未知',
      '❗ eu-west-3 无法读取（AWS 返回：ServiceException: down）',
      '❓ blind us-east-1 · 运行中 · 已用 ? / 100.00 GB · 未知 · 用量未知：NetworkOut 指标读取失败（AWS 返回：没有数据）',
      '🔴 hot ap-southeast-2 · 运行中 · 已用 1124.00 / 1024.00 GB · 109.7% · 超出配额 100.00 GB：最多约 17.00 USD（0.17 USD/GB 出站）',
      '🟢 new us-east-1 · 运行中 · 已用 10.00 / 100.00 GB · 10.0% · 配额按比例折算为 50%',
      '⚪ off us-east-1 · 已停止 · 已用 ? / 100.00 GB · 未知 · 未读取（未运行）',
    ]);
  });

  it('has a subject with the date and the counts', () => {
    expect(reportSubject(model, context, zh)).toBe('流量日报 2026年11月20日：1 台达到 95%，1 台未知');
    expect(reportSubject(model, context)).toBe(
      'lightsail-guard: data transfer report 2026-11-20 (1 at or over 95%, 1 unknown)',
    );
  });

  it('says every action in Chinese, joined by a full-width semicolon', () => {
    const notes = (
      ['stopped', 'stop-failed', 'would-stop', 'kept-running', 'warned', 'over-threshold'] as const
    ).map((action) => rowNote(aRow({ action, allowanceShare: 0.5 }), zh));

    expect(notes).toEqual([
      '已停止；配额按比例折算为 50%',
      '停止失败；配额按比例折算为 50%',
      '将会停止（试运行）；配额按比例折算为 50%',
      '超过阈值仍在运行；配额按比例折算为 50%',
      '已预警；配额按比例折算为 50%',
      '超过阈值：下次检查时停止；配额按比例折算为 50%',
    ]);
    expect(
      rowNote(aRow({ region: 'ap-southeast-3', usedBytes: 1100 * GB, allowanceBytes: 1000 * GB }), zh),
    ).toBe('超出配额 100.00 GB：按 GB 出站计费');
  });

  it('says the new month’s restarts, ignored instances and what the 1st brings, in Chinese', () => {
    const rows = [
      aRow({ name: 'skip', action: 'ignored', usedBytes: null, percent: null }),
      aRow({ name: 'back', action: 'started' }),
      aRow({ name: 'soon', action: 'would-start' }),
      aRow({ name: 'stuck', action: 'start-failed', error: 'start failed: busy' }),
      aRow({ name: 'quiet', action: 'not-stopped', percent: 97 }),
      aRow({ name: 'off', state: 'stopped', nextMonth: 'start' }),
      aRow({ name: 'later', state: 'stopped', nextMonth: 'next-check' }),
      aRow({ name: 'held', state: 'stopped', nextMonth: 'hold' }),
    ];

    const notes = rows.map((row) => rowNote(row, zh));
    const [text = ''] = reportMessages(
      { ...model, rows, regionErrors: [], startsOnThe1st: [{ name: 'off', region: 'us-east-1' }] },
      context,
      4096,
      zh,
    );

    expect(notes).toEqual([
      '已忽略（标签 lightsail-guard:action 的值为“ignore”）',
      '已在新计费月启动',
      '将在新计费月启动（试运行）',
      '启动失败；AWS 返回：busy',
      '超过阈值，未停止（仅提醒）',
      '被 lightsail-guard 停止，下月 1 日自动启动',
      '上月被 lightsail-guard 停止，下次检查时启动',
      '被 lightsail-guard 停止，已设为保持停止：下月 1 日不启动',
    ]);
    expect(htmlToPlain(text)).toContain(
      '共 8 台实例，分布在 1 个区域 · 1 台达到或超过 95% · 0 台未知 · 1 台已忽略',
    );
    expect(htmlToPlain(text).split('\n').at(-1)).toBe(
      '▶️ 下月 1 日的首次检查将重新启动：off（us-east-1）。如需让其中一台保持停止：lightsail-guard hold <name>。',
    );
    expect(htmlToPlain(zh.report.startsOnThe1st([]))).toBe(
      '▶️ 下月 1 日：不会启动任何实例（没有被 lightsail-guard 停止、等待启动的实例，或它们都已设为保持停止）。',
    );
  });
});
