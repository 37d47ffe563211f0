import { TAGS } from '../../constants.js';
import { displayTime, resetTime, stampDate, stampTime, utcDay } from '../display-time.js';
import { escapeHtml } from '../html.js';
import type { InstanceAction, NextMonth, StopAction } from '../report-model.js';
import { formatRate } from '../stop-ahead.js';
import { UNIDENTIFIED_ACCOUNT } from '../types.js';
import { formatAmount, formatPercent } from '../units.js';
import type { AlertMessage } from '../variants/alert.js';
import type { Named, PoolNames } from '../variants/phrases.js';
import { type Catalogue, catalogueOf } from './catalogue.js';
import { amount, command, joinParts, quote } from './markup.js';
import {
  accountFailureZh,
  awsSaid,
  failureZh,
  rowErrorZh,
  tagWhyZh,
  unknownReasonZh,
} from './reasons-zh-CN.js';
import { smsZhCN } from './sms-zh-CN.js';
import type { Say, Templates, Variant } from './templates.js';
import { stateZh } from './terms-zh-CN.js';

type Started = Extract<AlertMessage, { readonly kind: 'alert-started' | 'alert-would-start' }>;

/**
 * Simplified Chinese, in the terms of AWS's Chinese console and docs/zh-CN/glossary.md (实例, 区域,
 * 流量配额, 已停止, 静态 IP): full-width punctuation, figures as Chinese readers write them ("已用
 * 97.00 GB / 100.00 GB（97.0%）"), months as 2026年11月, times in TIME_ZONE labelled as readers say
 * them (北京时间 2026年11月20日 17:50), the billing reset in UTC and in that zone. The product is
 * lightsail-guard, never 守护程序 ("daemon"); subjects say what happened first. Tag names, tag values,
 * commands and variable names stay as they must be typed; only what AWS said is quoted as it came.
 */

/** A space after Latin text before Chinese follows it, none after a full-width bracket. */
const spaced = (text: string): string => (/[\x21-\x7e]$/.test(text) ? `${text} ` : text);

/** A space before Latin text or a figure that follows Chinese. */
const spacedBefore = (text: string): string => (/^[\x21-\x7e]/.test(text) ? ` ${text}` : text);

/** When the allowance resets, in UTC and in the reader's zone, ready for the Chinese after it. */
const reset = (at: Date, timeZone: string): string => spaced(resetTime(at, timeZone, 'zh-CN'));

/** A percentage, or 未知 when it is not known. */
const percent = (value: number | null): string => (value === null ? '未知' : formatPercent(value));

const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;

/** "<code>web-1</code>（us-east-1）"；同时检查多个账号时为 "<code>web-1</code>（us-east-1，账号 prod）"。 */
const who = (instance: Named, say: Say<Variant>): string =>
  `${code(instance.name)}（${escapeHtml(instance.region)}${say(instance.account)}）`;

/** The guard's own account, when it could not be identified (it has no id to show). */
const OWN_ACCOUNT = 'lightsail-guard 自己的账号';

/** An account's label (`accountLabel`), the unidentified own account in Chinese. */
const accountZh = (label: string): string => (label === UNIDENTIFIED_ACCOUNT.name ? OWN_ACCOUNT : label);

/** `2026-11` as 2026年11月. */
const month = (monthKey: string): string => {
  const [year, number] = monthKey.split('-');
  return number === undefined ? monthKey : `${year}年${Number(number)}月`;
};

/** "资源池 <code>small_3_0</code>（ap-northeast-1；<code>busy</code>、<code>idle</code>）". */
const poolName = (pool: PoolNames, say: Say<Variant>): string =>
  `资源池 ${code(pool.bundleId)}（${escapeHtml(pool.region)}${say(pool.account)}；${pool.members.map(code).join('、')}）`;

const started = (v: Started, say: Say<Variant>): string =>
  `${v.instances.map((i) => `${code(i.name)}（${escapeHtml(i.region)}${say(i.account)}，${escapeHtml(month(i.stoppedIn))}被 lightsail-guard 停止${i.staticIp === undefined ? '' : `；静态 IP ${escapeHtml(i.staticIp)}，地址不变`}）`).join('、')}。流量配额已于 ${reset(v.resetAt, v.timeZone)}重置。${say(v.newAddress)}如需以后让某台实例保持停止：${command('hold', '<name>')}。`;

const ACTIONS: Readonly<Record<InstanceAction, string>> = {
  none: '',
  stopped: '已停止',
  'stop-failed': '停止失败',
  'would-stop': '将会停止（试运行）',
  'kept-running': '超过阈值仍在运行',
  warned: '已预警',
  'not-read': '未读取（未运行）',
  'over-threshold': '超过阈值：下次检查时停止',
  'not-stopped': '超过阈值，未停止（仅提醒）',
  ignored: `已忽略（标签 ${TAGS.action} 的值为“ignore”）`,
  started: '已在新计费月启动',
  'would-start': '将在新计费月启动（试运行）',
  'start-failed': '启动失败',
};

const ACTIONS_AHEAD: Readonly<Record<StopAction, string>> = {
  stopped: '已提前停止：若继续运行，下次检查之前就会超过阈值',
  'stop-failed': '停止失败（提前停止）',
  'would-stop': '将会提前停止（试运行）',
  'over-threshold': '若继续运行，下次检查之前就会超过阈值：下次检查时停止',
};

const ACTIONS_BURST: Readonly<Record<StopAction, string>> = {
  stopped: '已提前停止：若以 BURST_MBPS 的速度突发，检查发现之前就可能用完流量配额',
  'stop-failed': '停止失败（提前停止：突发预留）',
  'would-stop': '将会提前停止：突发预留（试运行）',
  'over-threshold': '已进入突发预留：下次检查时停止',
};

const OVER_AT_RESET: Readonly<Record<'threshold' | 'ahead' | 'burst', string>> = {
  threshold: '超过阈值',
  ahead: '按当前速度会超过阈值',
  burst: '已进入突发预留',
};

const NEXT_MONTH: Readonly<Record<NextMonth, string>> = {
  start: '被 lightsail-guard 停止，下月 1 日自动启动',
  'next-check': '上月被 lightsail-guard 停止，下次检查时启动',
  hold: '被 lightsail-guard 停止，已设为保持停止：下月 1 日不启动',
};

/** 简体中文. */
export const zhCNTemplates: Templates = {
  // 提醒
  'alert-stopped': (v, say) =>
    `🛑 <b>已停止</b> ${say(v.head)}\n${say(v.how)}${say(v.keep)}${say(v.unrecorded)}`,
  'alert-would-stop': (v, say) => `🛑 <b>将会停止</b> ${say(v.head)}\n试运行：未停止任何实例。`,
  'alert-stopped-earlier': (v, say) =>
    `🛑 <b>已停止</b> ${say(v.head)}\n停止于${spacedBefore(say(v.at))}；当时此提醒未能送达。${say(v.now)}`,
  'alert-stop-failed': (v, say) =>
    `🚨 <b>停止失败</b> ${say(v.head)}\n实例仍在运行${say(v.error)}。${say(v.retry)}${say(v.unrecorded)}`,
  'alert-warn': (v, say) =>
    `⚠️ <b>${v.level}% 预警</b> ${say(v.subject)}：${say(v.figures)}。${say(v.threshold)}${say(v.allowance)}`,
  'alert-forecast': (v, say) =>
    `📈 <b>预计超出配额</b> ${say(v.subject)}：${say(v.figures)}；按最近一天的速度，${say(v.when)}。${say(v.threshold)}`,
  'alert-kept-running': (v, say) =>
    `⚠️ <b>超过阈值仍在运行</b> ${say(v.subject)}：${say(v.figures)}，阈值 ${v.quotaPercent}%。已有标签 <code>${TAGS.keepRunning}</code> = <code>${v.monthKey}</code>，因此未停止；超出配额的${say(v.price)}。${say(v.next)}`,
  'alert-not-stopped': (v, say) =>
    `🔔 <b>超过阈值，未停止</b> ${say(v.member)}：${say(v.figures)}，阈值 ${v.quotaPercent}%。未停止，因为${say(v.why)}（仅提醒）。${say(v.allowance)}${say(v.next)}`,
  'alert-started': (v, say) => `▶️ <b>已启动</b>（新计费月）：${started(v, say)}`,
  'alert-would-start': (v, say) => `<b>将会启动</b>（新计费月，试运行）：${started(v, say)}`,
  'alert-start-failed': (v, say) =>
    `🚨 <b>启动失败</b> ${who(v, say)}：启动请求未成功${failureZh(v.error)}。实例仍处于停止状态，下次检查会重试。`,
  'alert-bad-tag': (v, say) => `⚙️ <b>设置标签无效</b> ${who(v, say)}：${v.problems.map(say).join('')}`,
  'alert-unknown': (v, say) =>
    `❓ <b>用量未知</b> ${who(v, say)}：${unknownReasonZh(v.reason)}。在能读取用量之前，该实例不受保护。`,
  'alert-region-failed': (v, say) =>
    `❗ <b>区域未检查</b> ${escapeHtml(v.region)}${say(v.account)}：无法列出其中的实例${failureZh(v.error)}。在能读取之前，其中的实例不受保护。`,
  'alert-account-failed': (v, say) =>
    `❗ <b>账号未检查</b> ${say(v.account)}：${accountFailureZh(v.error)}。在能读取之前，其中的实例不受保护。`,
  'alert-regions-failed': (v) => `❗ <b>未检查任何实例</b>：无法读取区域列表${failureZh(v.error)}。`,
  'alert-missing': (v) =>
    `❗ <b>未找到</b>：INSTANCES_TO_MONITOR 中的 ${v.names.map(code).join('、')} 不在任何已检查的区域中。`,

  // 提醒的组成部分
  'new-address': () =>
    '未绑定静态 IP 的实例启动后会获得新的公有 IPv4 地址：请更新使用它的 DNS 记录和客户端。',
  'in-account': (v) => `，账号 ${escapeHtml(v.label)}`,
  'region-account': (v) => `（账号 ${escapeHtml(v.label)}）`,
  'account-named': (v) =>
    v.id === UNIDENTIFIED_ACCOUNT.id ? OWN_ACCOUNT : `${escapeHtml(v.name)}（${escapeHtml(v.id)}）`,
  'account-id': (v) => escapeHtml(v.id),
  figures: (v) =>
    `已用 ${formatAmount(v.usedBytes, v.unit)} ${v.unit} / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit}（${percent(v.percent)}）`,
  'figures-unknown': (v) => `用量未知 / 配额 ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit}`,
  instance: (v, say) => who(v, say),
  pool: (v, say) => poolName(v, say),
  'member-of-pool': (v, say) => `${who(v, say)}（与其${poolName(v.pool, say)}一起）`,
  price: (v) => `出站流量按 ${v.usdPerGb} USD/GB 计费（${escapeHtml(v.region)}）`,
  'price-unknown': () => '出站流量按 GB 计费',
  'past-allowance': (v, say) => `已超出流量配额：${say(v.price)}。`,
  'all-allowance': (v, say) => `已用完全部流量配额：此后的${say(v.price)}。`,
  'reset-first': (v) => `流量配额将于 ${reset(v.at, v.timeZone)}重置，早于下次检查`,
  'reset-sentence': (v, say) => `${say(v.reset)}。`,
  'stops-at': (v) => `达到 ${v.percent}% 时将被停止。`,
  'pool-stops-at': (v) => `达到合并配额的 ${v.percent}% 时，所有运行中的成员都将被停止。`,
  'lag-measured': () => '实测',
  'lag-newest-sample': () => '实测；速度在最新样本内上升，因此从该样本的起点算起',
  'lag-assumed': () => '按 METRIC_DELAY_MINUTES 估计',
  horizon: (v, say) => `距下次检查 ${v.toNextCheck} 分钟，指标延迟 ${v.lagMinutes} 分钟，${say(v.source)}`,
  'ahead-burst': (v, say) =>
    `因此提前停止：若以 ${formatRate(v.ratePerSecond)} 的速度突发（BURST_MBPS），它可能在 ${v.withinMinutes} 分钟内用完全部流量配额（${say(v.horizon)}），检查来不及发现。`,
  'ahead-worst-case': (v, say) =>
    `因此提前停止：按最坏情况 ${formatRate(v.worstCaseRatePerSecond)} 计算（假设本小时超出上一小时速度的流量都集中在最近 ${v.toNextCheck} 分钟；实测 ${formatRate(v.ratePerSecond)}），若继续运行，它会在 ${v.withinMinutes} 分钟内超过 ${v.quotaPercent}%（${say(v.horizon)}），等不到下次检查。`,
  'ahead-pace': (v, say) =>
    `因此提前停止：按 ${formatRate(v.ratePerSecond)} 的速度，若继续运行，它会在 ${v.withinMinutes} 分钟内超过 ${v.quotaPercent}%（${say(v.horizon)}），等不到下次检查。`,
  'stop-head': (v, say) => `${say(v.member)}：${say(v.figures)}，阈值 ${v.quotaPercent}%。${say(v.ahead)}`,
  'keep-tag': (v) =>
    `如需本月继续运行：${command('keep-running', `${v.name} --start`)}（该命令会添加标签 <code>${TAGS.keepRunning}</code> = <code>${v.monthKey}</code> 并启动实例）。`,
  unrecorded: (v) => `\n停止前未能写入记录${awsSaid(v.error)}：若此提醒丢失，之后的检查不会重发。`,
  error: (v) => failureZh(v.failure),
  'error-unknown': () => '（原因未知）',
  'retry-next-check': () => '下次检查会重试。',
  'retry-after-reset': (v, say) => `${say(v.reset)}，届时不会再停止它：如需在本月停止它，请手动停止。`,
  'stopped-at-time': (v) => quote(stampTime(v.at, v.timeZone, 'zh-CN')),
  'stopped-at-unknown-time': () => '早些时候',
  'stop-call-succeeded': () => '停止请求已成功。',
  'already-stopping': () => '实例已在停止中（由所有者或另一次运行停止）。',
  'running-again': () => '该实例现在仍在运行：它之后又被启动了，或那次停止没有完成。',
  'month-end': (v) => `月底（${utcDay(v.lastDay, 'zh-CN')}）将达 ${v.percent}%`,
  'reaches-threshold': (v, say) =>
    `预计${spacedBefore(displayTime(v.at, v.timeZone, 'zh-CN'))} 达到 ${v.percent}%，${say(v.end)}`,
  'reaches-full': (v, say) =>
    `预计${spacedBefore(displayTime(v.at, v.timeZone, 'zh-CN'))} 达到 100%，${say(v.end)}`,
  'reaches-month-end': (v, say) => `预计${say(v.end)}`,
  'clear-keep': (v) =>
    `如需让 lightsail-guard 重新在阈值处停止它：${command('keep-running', `${v.name} --clear`)}。`,
  'notify-setting': () => '已设置 ACTION=notify',
  'notify-tag': () => `它的标签 <code>${TAGS.action}</code> = <code>notify</code>`,
  'stop-by-setting': (v) => `设置 ACTION=stop，或只对此实例执行 ${command('set-action', `${v.name} stop`)}`,
  'stop-by-tag': (v) => command('set-action', `${v.name} stop`),
  'to-stop': (v, say) => `如需停止它：${say(v.change)}。`,
  'to-stop-after-reset': (v, say) => `${say(v.reset)}；如需从那时起停止它：${say(v.change)}。`,
  'tag-fix': (v) =>
    `${tagWhyZh(v.why)}。请重新设置，或将其移除：${command(v.command, `${v.name} --clear`)}。`,
  'tag-problem': (v) => `${tagWhyZh(v.why)}。`,

  // 标题
  'headline-stop-failed': (v, say) => `停止失败：${v.name}${say(v.pool)}`,
  'headline-would-stop': (v, say) => `将会停止：${v.name}${say(v.pool)}`,
  'headline-stopped': (v, say) => `${say(v.verb)}：${v.name} ${percent(v.percent)}`,
  'headline-pool-stopped': (v, say) =>
    `${say(v.verb)}：${v.name}（资源池 ${v.bundleId} 已用 ${percent(v.percent)}：${say(v.members)}）`,
  'headline-warn': (v, say) => `${v.level}% 预警：${spaced(say(v.who))}已用 ${percent(v.percent)}`,
  'headline-kept-running': (v, say) => `超过阈值仍运行：${say(v.who)}`,
  'headline-forecast': (v, say) => `预计超出配额：${spaced(say(v.who))}本月将达 ${v.monthEndPercent}%`,
  'headline-not-stopped': (v, say) => `超过阈值未停止：${v.name}${say(v.pool)}`,
  'headline-started': (v) => `已启动：${v.names.join('、')}（新计费月）`,
  'headline-would-start': (v) => `将会启动：${v.names.join('、')}（试运行）`,
  'headline-start-failed': (v) => `启动失败：${v.name}`,
  'headline-bad-tag': (v) => `设置标签无效：${v.name}`,
  'headline-unknown': (v) => `用量未知：${v.name}`,
  'headline-region-failed': (v) => `区域未检查：${v.region}`,
  'headline-account-failed': (v) => `账号未检查：${accountZh(v.account)}`,
  'headline-regions-failed': () => '未检查任何实例',
  'headline-missing': (v) => `未找到：${v.count} 台实例`,
  'headline-instance': (v) => v.name,
  'headline-pool': (v, say) => `资源池 ${v.bundleId}（${say(v.members)}）`,
  'in-pool': (v, say) => `（资源池 ${v.bundleId}：${say(v.members)}）`,
  members: (v) => v.named.join('、'),
  'members-and-more': (v) => `${v.named.join('、')} 等 ${v.total} 台`,
  'verb-stopped': () => '已停止',
  'verb-stopped-ahead': () => '已提前停止',
  'alert-subject': (v, say) => `${v.first}${say(v.more)}`,
  'and-more': (v) => `（共 ${v.total} 条提醒）`,
  part: (v) => `（${v.index}/${v.total}）`,

  // 测试提醒
  'test-alert': (v, say) =>
    [
      '✅ <b>lightsail-guard 测试提醒</b>',
      `能看到这条消息，就说明 lightsail-guard 的提醒和每日报告也会发到${say(v.place)}。`,
      `由 <code>lightsail-guard test-alert</code> 于${spacedBefore(stampTime(v.sentAt, v.timeZone, 'zh-CN'))} 发送。没有停止任何实例。`,
    ].join('\n'),
  'in-chat': () => '这个聊天',
  here: () => '这里',
  'test-alert-subject': () => '测试提醒：lightsail-guard',

  // 流量日报
  'report-subject': (v) =>
    `流量日报 ${stampDate(v.date, v.timeZone, 'zh-CN')}：${v.over} 台达到 ${v.quotaPercent}%，${v.unknown} 台未知`,
  'report-summary': (v, say) =>
    [
      `📊 <b>Lightsail 流量：${escapeHtml(month(v.monthKey))}至今</b>（截至${spacedBefore(stampTime(v.at, v.timeZone, 'zh-CN'))}）`,
      `共 ${v.instances} 台实例，分布在 ${v.regions} 个区域 · ${v.over} 台达到或超过 ${v.quotaPercent}% · ${v.unknown} 台未知${say(v.ignored)}`,
    ].join('\n'),
  'ignored-count': (v) => ` · ${v.count} 台已忽略`,
  'region-failure': (v, say) => `❗ ${escapeHtml(v.region)}${say(v.account)} 无法读取${failureZh(v.error)}`,
  'report-line': (v, say) =>
    `${code(v.name)} ${escapeHtml(v.region)}${say(v.account)} · ${escapeHtml(stateZh(v.state))} · 已用 ${amount(v.usedBytes, v.unit)} / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · ${percent(v.percent)}${say(v.note)}`,
  'line-note': (v) => ` · ${escapeHtml(v.text)}`,
  'row-note': (v, say) => joinParts(v.parts.map(say), '；'),
  'note-action': (v) => ACTIONS[v.action],
  'note-ahead': (v) => ACTIONS_AHEAD[v.action],
  'note-burst': (v) => ACTIONS_BURST[v.action],
  'note-at-reset': (v) => OVER_AT_RESET[v.reason],
  'note-reset-first': (v) => `流量配额将于 ${reset(v.at, v.timeZone)}重置，早于下次检查`,
  'note-unknown-usage': (v) => `用量未知：${unknownReasonZh(v.reason, 'plain')}`,
  'note-error': (v) => rowErrorZh(v.error),
  'note-next-month': (v) => NEXT_MONTH[v.next],
  'note-burst-stop': (v) => `将在 ${formatPercent(v.percent)} 停止（突发预留）`,
  'note-pro-rated': (v) => `配额按比例折算为 ${v.sharePercent.toFixed(0)}%`,
  overage: (v) => `超出配额 ${v.overGb} GB：最多约 ${v.costUsd} USD（${v.price} USD/GB 出站）`,
  'overage-unpriced': (v) => `超出配额 ${v.overGb} GB：按 GB 出站计费`,
  'note-in-pool': (v) => `所在资源池 ${v.bundleId} 已用 ${formatPercent(v.percent)}`,
  heading: (v) => `按当前速度，月底（${utcDay(v.lastDay, 'zh-CN')}）将达 ${v.monthEndPercent}%`,
  'heading-threshold': (v) =>
    `按当前速度，月底（${utcDay(v.lastDay, 'zh-CN')}）将达 ${v.monthEndPercent}%；预计${spacedBefore(displayTime(v.at, v.timeZone, 'zh-CN'))} 达到 ${v.percent}%`,
  'pool-line': (v, say) =>
    `资源池 ${code(v.bundleId)}（${escapeHtml(v.region)}${say(v.account)}）：${v.members.map(escapeHtml).join('、')} · ${say(v.usage)}${say(v.notRead)}${say(v.heading)}`,
  'pool-usage': (v) =>
    `${formatAmount(v.usedBytes, v.unit)} / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · ${percent(v.percent)}`,
  'pool-usage-at-least': (v) =>
    `至少 ${formatAmount(v.usedBytes, v.unit)} / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · 至少 ${percent(v.percent)}`,
  'pool-usage-not-read': (v) => `? / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit}`,
  'pool-usage-unknown': (v) => `? / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · 未知`,
  'not-read-members': (v) => ` · ${v.names.map(escapeHtml).join('、')} 未读取（未运行）`,
  'pool-heading': (v, say) => ` · ${escapeHtml(say(v.heading))}`,
  'pools-title': () => '资源池（同一区域同一套餐：AWS 合并计算它们的配额）：',
  'starts-on-the-1st': (v, say) =>
    `▶️ 下月 1 日的首次检查将重新启动：${v.instances.map((i) => `${code(i.name)}（${escapeHtml(i.region)}${say(i.account)}）`).join('、')}。如需让其中一台保持停止：${command('hold', '<name>')}。`,
  'starts-none-on-the-1st': () =>
    '▶️ 下月 1 日：不会启动任何实例（没有被 lightsail-guard 停止、等待启动的实例，或它们都已设为保持停止）。',
};

export const zhCN: Catalogue = catalogueOf('zh-CN', zhCNTemplates, smsZhCN);
