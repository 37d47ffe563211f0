import { TAGS } from '../../constants.js';
import { displayTime, stampDate, stampTime, utcDay } from '../display-time.js';
import { escapeHtml } from '../html.js';
import type { InstanceAction, NextMonth, StopAction } from '../report-model.js';
import { formatRate } from '../stop-ahead.js';
import { formatAmount, formatPercent } from '../units.js';
import type { StartedInstance } from '../variants/alert.js';
import type { Named, PoolNames } from '../variants/phrases.js';
import { type Catalogue, catalogueOf } from './catalogue.js';
import { amount, command, joinParts, quote } from './markup.js';
import { smsZhCN } from './sms-zh-CN.js';
import type { Say, Templates, Variant } from './templates.js';

/**
 * Simplified Chinese, for the recipe's readers ("已用流量", "每月配额", "使用比例"): full-width
 * punctuation around the text, figures as Chinese readers write them ("已用 97.00 GB / 100.00 GB
 * （97.0%）"), months as 2026年11月, times as 2026-11-20 09:50 UTC (billing months are UTC). Tag
 * names, tag values and variable names stay as they must be typed.
 */

/** A percentage, or 未知 when it is not known. */
const percent = (value: number | null): string => (value === null ? '未知' : formatPercent(value));

const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;

/** "<code>web-1</code>（us-east-1）"；同时检查多个账号时为 "<code>web-1</code>（us-east-1，账号 prod）"。 */
const who = (instance: Named, say: Say<Variant>): string =>
  `${code(instance.name)}（${escapeHtml(instance.region)}${say(instance.account)}）`;

/** `2026-11` as 2026年11月. */
const month = (monthKey: string): string => {
  const [year, number] = monthKey.split('-');
  return number === undefined ? monthKey : `${year}年${Number(number)}月`;
};

/** Instance states in Chinese; a state not listed is shown as the service names it. */
const STATES: Readonly<Record<string, string>> = {
  running: '运行中',
  stopped: '已停止',
  stopping: '停止中',
  pending: '启动中',
  starting: '启动中',
  rebooting: '重启中',
};

/** "资源池 <code>small_3_0</code>（ap-northeast-1；<code>busy</code>、<code>idle</code>）". */
const poolName = (pool: PoolNames, say: Say<Variant>): string =>
  `资源池 ${code(pool.bundleId)}（${escapeHtml(pool.region)}${say(pool.account)}；${pool.members.map(code).join('、')}）`;

const started = (instances: readonly StartedInstance[], say: Say<Variant>): string =>
  `${instances.map((i) => `${code(i.name)}（${escapeHtml(i.region)}${say(i.account)}，守护程序于 ${escapeHtml(month(i.stoppedIn))}停止）`).join('、')}。流量配额已于 1 日重置。如需下次保持停止：${command('hold', '<name>')}。`;

const ACTIONS: Readonly<Record<InstanceAction, string>> = {
  none: '',
  stopped: '已停止',
  'stop-failed': '停止失败',
  'would-stop': '将会停止（试运行）',
  'kept-running': '超过阈值，保持运行',
  warned: '已预警',
  'not-read': '未读取（未运行）',
  'over-threshold': '超过阈值：下次检查将停止',
  'not-stopped': '超过阈值，未停止（仅提醒）',
  ignored: '已忽略（lightsail-guard:action = ignore）',
  started: '已在新的月份启动',
  'would-start': '将在新的月份启动（试运行）',
  'start-failed': '启动失败',
};

const ACTIONS_AHEAD: Readonly<Record<StopAction, string>> = {
  stopped: '已提前停止：下次检查之前它将超过阈值',
  'stop-failed': '停止失败（提前停止）',
  'would-stop': '将会提前停止（试运行）',
  'over-threshold': '下次检查之前将超过阈值：下次检查将停止',
};

const ACTIONS_BURST: Readonly<Record<StopAction, string>> = {
  stopped: '已提前停止：按 BURST_MBPS 的突发速度，检查看到之前它可能超过 100%',
  'stop-failed': '停止失败（提前停止：突发预留）',
  'would-stop': '将会提前停止：突发预留（试运行）',
  'over-threshold': '已进入突发预留：下次检查将停止',
};

const OVER_AT_RESET: Readonly<Record<'threshold' | 'ahead' | 'burst', string>> = {
  threshold: '超过阈值',
  ahead: '按当前速度将超过阈值',
  burst: '已进入突发预留',
};

const NEXT_MONTH: Readonly<Record<NextMonth, string>> = {
  start: '由守护程序停止：1 日启动',
  'next-check': '上月由守护程序停止：下次检查启动',
  hold: '由守护程序停止，已保持：1 日仍保持停止',
};

/** 简体中文. */
export const zhCNTemplates: Templates = {
  // 提醒
  'alert-stopped': (v, say) =>
    `🛑 <b>已停止</b> ${say(v.head)}\n${say(v.how)}${say(v.keep)}${say(v.unrecorded)}`,
  'alert-would-stop': (v, say) => `🛑 <b>将会停止</b> ${say(v.head)}\n试运行：未停止任何实例。`,
  'alert-stopped-earlier': (v, say) =>
    `🛑 <b>已停止</b> ${say(v.head)}\n停止于 ${say(v.at)}；当时此提醒未能送达。${say(v.now)}`,
  'alert-stop-failed': (v, say) =>
    `🚨 <b>停止失败</b> ${say(v.head)}\n实例仍在运行：${say(v.error)}。${say(v.retry)}${say(v.unrecorded)}`,
  'alert-warn': (v, say) =>
    `⚠️ <b>${v.level}% 预警</b> ${say(v.subject)}：${say(v.figures)}。${say(v.threshold)}${say(v.allowance)}`,
  'alert-forecast': (v, say) =>
    `📈 <b>按当前速度将超出配额</b> ${say(v.subject)}：${say(v.figures)}；按最近一天的速度，${say(v.when)}。${say(v.threshold)}`,
  'alert-kept-running': (v, say) =>
    `⚠️ <b>超过阈值，保持运行</b> ${say(v.subject)}：${say(v.figures)}，阈值 ${v.quotaPercent}%。已有标签 <code>${TAGS.keepRunning}</code> = <code>${v.monthKey}</code>，因此未停止；超出配额的${say(v.price)}。${say(v.next)}`,
  'alert-not-stopped': (v, say) =>
    `🔔 <b>超过阈值，未停止</b> ${say(v.member)}：${say(v.figures)}，阈值 ${v.quotaPercent}%。未停止，因为${say(v.why)}（仅提醒）。${say(v.allowance)}${say(v.next)}`,
  'alert-started': (v, say) => `▶️ <b>已启动</b>（新的月份）：${started(v.instances, say)}`,
  'alert-would-start': (v, say) => `<b>将会启动</b>（新的月份）：${started(v.instances, say)}`,
  'alert-start-failed': (v, say) =>
    `🚨 <b>启动失败</b> ${who(v, say)}：${quote(v.error)}。实例仍处于停止状态；下次检查会重试。`,
  'alert-bad-tag': (v, say) => `⚙️ <b>设置标签无效</b> ${who(v, say)}：${v.problems.map(say).join('')}`,
  'alert-unknown': (v, say) =>
    `❓ <b>用量未知</b> ${who(v, say)}：${quote(v.reason)}。在能读取用量之前，该实例不受保护。`,
  'alert-region-failed': (v, say) =>
    `❗ <b>区域未检查</b> ${escapeHtml(v.region)}${say(v.account)}：${quote(v.error)}。在能读取之前，其中的实例不受保护。`,
  'alert-account-failed': (v, say) =>
    `❗ <b>账号未检查</b> ${say(v.account)}：${quote(v.error)}。在能读取之前，其中的实例不受保护。`,
  'alert-regions-failed': (v) => `❗ <b>未检查任何实例</b>：无法读取区域列表：${quote(v.error)}。`,
  'alert-missing': (v) =>
    `❗ <b>未找到</b>：INSTANCES_TO_MONITOR 中的 ${v.names.map(code).join('、')} 不在任何已检查的区域中。`,

  // 提醒的组成部分
  'in-account': (v) => `，账号 ${escapeHtml(v.label)}`,
  'region-account': (v) => `（账号 ${escapeHtml(v.label)}）`,
  'account-named': (v) => `${escapeHtml(v.name)}（${escapeHtml(v.id)}）`,
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
  'reset-first': (v) => `流量配额将于 ${displayTime(v.at, v.timeZone, 'zh-CN')} 重置，早于下次检查`,
  'reset-sentence': (v, say) => `${say(v.reset)}。`,
  'stops-at': (v) => `达到 ${v.percent}% 时将被停止。`,
  'pool-stops-at': (v) => `达到合并配额的 ${v.percent}% 时，所有运行中的成员都将被停止。`,
  'lag-measured': () => '实测',
  'lag-newest-sample': () => '实测，速度在最新样本内上升，故从该样本起点算起',
  'lag-assumed': () => '按 METRIC_DELAY_MINUTES 估计',
  horizon: (v, say) => `距下次检查 ${v.toNextCheck} 分钟，指标延迟 ${v.lagMinutes} 分钟（${say(v.source)}）`,
  'ahead-burst': (v, say) =>
    `若以 ${formatRate(v.ratePerSecond)} 突发（BURST_MBPS），它可能在 ${v.withinMinutes} 分钟内超过配额的 100%（${say(v.horizon)}），检查来不及发现。`,
  'ahead-worst-case': (v, say) =>
    `按最坏情况 ${formatRate(v.worstCaseRatePerSecond)} 计（假设本小时超出上一小时速度的流量全部发生在最近 ${v.toNextCheck} 分钟内；实测 ${formatRate(v.ratePerSecond)}），它会在 ${v.withinMinutes} 分钟内超过 ${v.quotaPercent}%（${say(v.horizon)}），等不到下次检查发现。`,
  'ahead-pace': (v, say) =>
    `按 ${formatRate(v.ratePerSecond)} 的速度，它会在 ${v.withinMinutes} 分钟内超过 ${v.quotaPercent}%（${say(v.horizon)}），等不到下次检查发现。`,
  'stop-head': (v, say) => `${say(v.member)}：${say(v.figures)}，阈值 ${v.quotaPercent}%。${say(v.ahead)}`,
  'keep-tag': (v) =>
    `如需本月继续运行：${command('keep-running', `${v.name} --start`)}（它会添加标签 <code>${TAGS.keepRunning}</code> = <code>${v.monthKey}</code>）。`,
  unrecorded: (v) => `\n停止前未能写入记录（${quote(v.error)}）：若此提醒丢失，之后的检查不会重发。`,
  error: (v) => quote(v.text),
  'error-unknown': () => '未知错误',
  'retry-next-check': () => '下次检查会重试。',
  'retry-after-reset': (v, say) => `${say(v.reset)}，届时不会再停止它：如需在本月停止它，请手动停止。`,
  'stopped-at-time': (v) => quote(v.at),
  'stopped-at-unknown-time': () => '早些时候',
  'stop-call-succeeded': () => '停止调用成功。',
  'already-stopping': () => '实例已在停止中（由所有者或另一次运行停止）。',
  'running-again': () => '该实例现在正在运行：之后被再次启动，或那次停止未完成。',
  'month-end': (v) => `月底（${utcDay(v.lastDay, 'zh-CN')}）将达 ${v.percent}%`,
  'reaches-threshold': (v, say) =>
    `约 ${displayTime(v.at, v.timeZone, 'zh-CN')} 达到 ${v.percent}%，${say(v.end)}`,
  'reaches-full': (v, say) => `约 ${displayTime(v.at, v.timeZone, 'zh-CN')} 达到 100%，${say(v.end)}`,
  'reaches-month-end': (v, say) => say(v.end),
  'clear-keep': (v) => `如需让守护程序再次停止它：${command('keep-running', `${v.name} --clear`)}。`,
  'notify-setting': () => '已设置 ACTION=notify',
  'notify-tag': () => `它的标签 <code>${TAGS.action}</code> = <code>notify</code>`,
  'stop-by-setting': (v) => `设置 ACTION=stop，或只对此实例执行 ${command('set-action', `${v.name} stop`)}`,
  'stop-by-tag': (v) => command('set-action', `${v.name} stop`),
  'to-stop': (v, say) => `如需停止它：${say(v.change)}。`,
  'to-stop-after-reset': (v, say) => `${say(v.reset)}；如需从那时起停止它：${say(v.change)}。`,
  'tag-fix': (v) =>
    `${quote(v.message)}。请重新设置，或将其移除：${command(v.command, `${v.name} --clear`)}。`,
  'tag-problem': (v) => `${quote(v.message)}。`,

  // 标题
  'headline-stop-failed': (v, say) => `${v.name} 停止失败${say(v.pool)}`,
  'headline-would-stop': (v, say) => `${v.name} 将会停止${say(v.pool)}`,
  'headline-stopped': (v, say) => `${v.name} ${say(v.verb)}（${percent(v.percent)}）`,
  'headline-pool-stopped': (v, say) =>
    `${v.name} ${say(v.verb)}（资源池 ${v.bundleId} 已用 ${percent(v.percent)}：${say(v.members)}）`,
  'headline-warn': (v, say) => `${say(v.who)}已用 ${percent(v.percent)}（${v.level}% 预警）`,
  'headline-kept-running': (v, say) => `${say(v.who)}超过阈值，保持运行`,
  'headline-forecast': (v, say) => `${say(v.who)}按当前速度本月将达 ${v.monthEndPercent}%`,
  'headline-not-stopped': (v, say) => `${v.name} 超过阈值，未停止${say(v.pool)}`,
  'headline-started': (v) => `新的月份已启动：${v.names.join('、')}`,
  'headline-would-start': (v) => `新的月份将会启动：${v.names.join('、')}`,
  'headline-start-failed': (v) => `${v.name} 启动失败`,
  'headline-bad-tag': (v) => `${v.name} 的设置标签无效`,
  'headline-unknown': (v) => `${v.name} 用量未知`,
  'headline-region-failed': (v) => `区域 ${v.region} 未检查`,
  'headline-account-failed': (v) => `账号 ${v.account} 未检查`,
  'headline-regions-failed': () => '未检查任何实例',
  'headline-missing': (v) => `${v.count} 台实例未找到`,
  // A space after a Latin name, none after a full-width bracket.
  'headline-instance': (v) => `${v.name} `,
  'headline-pool': (v, say) => `资源池 ${v.bundleId}（${say(v.members)}）`,
  'in-pool': (v, say) => `（资源池 ${v.bundleId}：${say(v.members)}）`,
  members: (v) => v.named.join('、'),
  'members-and-more': (v) => `${v.named.join('、')} 等 ${v.total} 台`,
  'verb-stopped': () => '已停止',
  'verb-stopped-ahead': () => '已提前停止',
  'alert-subject': (v, say) => `lightsail-guard：${v.first}${say(v.more)}`,
  'and-more': (v) => `等 ${v.total} 条提醒`,
  part: (v) => `（${v.index}/${v.total}）`,

  // 测试提醒
  'test-alert': (v, say) =>
    [
      '✅ <b>lightsail-guard 测试提醒</b>',
      `如果你能看到这条消息，守护程序的提醒和每日报告也会发到${say(v.place)}。`,
      `由 <code>lightsail-guard test-alert</code> 于 ${v.sentAt} 发送。没有停止任何实例。`,
    ].join('\n'),
  'in-chat': () => '这个聊天',
  here: () => '这里',
  'test-alert-subject': () => 'lightsail-guard：测试提醒',

  // 流量日报
  'report-subject': (v) =>
    `lightsail-guard：流量日报 ${stampDate(v.date)}（${v.over} 台达到或超过 ${v.quotaPercent}%，${v.unknown} 台未知）`,
  'report-summary': (v, say) =>
    [
      `📊 <b>Lightsail 流量：${escapeHtml(month(v.monthKey))}至今</b>（截至 ${stampTime(v.at)}）`,
      `共 ${v.instances} 台实例，分布在 ${v.regions} 个区域 · ${v.over} 台达到或超过 ${v.quotaPercent}% · ${v.unknown} 台未知${say(v.ignored)}`,
    ].join('\n'),
  'ignored-count': (v) => ` · ${v.count} 台已忽略`,
  'region-failure': (v, say) =>
    `❗ ${escapeHtml(v.region)}${say(v.account)} 无法读取：${escapeHtml(v.error)}`,
  'report-line': (v, say) =>
    `${code(v.name)} ${escapeHtml(v.region)}${say(v.account)} · ${escapeHtml(STATES[v.state] ?? v.state)} · 已用 ${amount(v.usedBytes, v.unit)} / ${formatAmount(v.allowanceBytes, v.unit)} ${v.unit} · ${percent(v.percent)}${say(v.note)}`,
  'line-note': (v) => ` · ${escapeHtml(v.text)}`,
  'row-note': (v, say) => joinParts(v.parts.map(say), '；'),
  'note-action': (v) => ACTIONS[v.action],
  'note-ahead': (v) => ACTIONS_AHEAD[v.action],
  'note-burst': (v) => ACTIONS_BURST[v.action],
  'note-at-reset': (v) => OVER_AT_RESET[v.reason],
  'note-reset-first': (v) => `流量配额将于 ${displayTime(v.at, v.timeZone, 'zh-CN')} 重置，早于下次检查`,
  'note-unknown-usage': (v) => `用量未知：${v.reason}`,
  'note-error': (v) => v.text,
  'note-next-month': (v) => NEXT_MONTH[v.next],
  'note-burst-stop': (v) => `将在 ${formatPercent(v.percent)} 停止（突发预留）`,
  'note-pro-rated': (v) => `配额按比例折算为 ${v.sharePercent.toFixed(0)}%`,
  overage: (v) => `超出配额 ${v.overGb} GB：最多约 ${v.costUsd} USD（${v.price} USD/GB 出站）`,
  'overage-unpriced': (v) => `超出配额 ${v.overGb} GB：按 GB 出站计费`,
  'note-in-pool': (v) => `所在资源池 ${v.bundleId} 已用 ${formatPercent(v.percent)}`,
  heading: (v) => `按当前速度，月底（${utcDay(v.lastDay, 'zh-CN')}）将达 ${v.monthEndPercent}%`,
  'heading-threshold': (v) =>
    `按当前速度，月底（${utcDay(v.lastDay, 'zh-CN')}）将达 ${v.monthEndPercent}%；约 ${displayTime(v.at, v.timeZone, 'zh-CN')} 达到 ${v.percent}%`,
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
    `▶️ 1 日的首次检查将再次启动：${v.instances.map((i) => `${code(i.name)}（${escapeHtml(i.region)}${say(i.account)}）`).join('、')}。如需保持其中一台停止：lightsail-guard hold &lt;name&gt;。`,
  'starts-none-on-the-1st': () =>
    '▶️ 1 日：不会启动任何实例（没有由守护程序停止、等待启动的实例，或都已保持停止）。',
};

export const zhCN: Catalogue = catalogueOf('zh-CN', zhCNTemplates, smsZhCN);
