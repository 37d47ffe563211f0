import { stampDate, stampTime } from '../display-time.js';
import { UNIDENTIFIED_ACCOUNT } from '../types.js';
import { formatPercent } from '../units.js';
import type { Named } from '../variants/phrases.js';
import type { SmsText } from '../variants/sms.js';
import type { Say, SmsTemplates } from './templates.js';

/*
 * A Chinese text is UCS-2, 70 characters a segment: each alert says what happened first, in as
 * few characters as reads naturally.
 */

/** "web-1（us-east-1）"；同时检查多个账号时括号内加上 "，账号 prod"。 */
const who = (instance: Named, say: Say<SmsText>): string =>
  `${instance.name}（${instance.region}${say(instance.account)}）`;

/** 简体中文短信. */
export const smsZhCN: SmsTemplates = {
  instance: (v, say) => who(v, say),
  pool: (v, say) => `资源池 ${v.bundleId}（${v.region}${say(v.account)}：${v.members.join('、')}）`,
  share: (v) => `已用配额的 ${formatPercent(v.percent)}`,
  'pool-share': (v) => `已用资源池配额的 ${formatPercent(v.percent)}`,
  'share-unknown': () => '用量未知',
  'stop-failed': (v, say) => `停止失败 ${who(v, say)}，${say(v.share)}，仍在运行`,
  'would-stop': (v, say) => `将会停止（试运行）${who(v, say)}，${say(v.share)}`,
  'stopped-earlier': (v, say) => `此前已停止 ${who(v, say)}，${say(v.share)}`,
  stopped: (v, say) => `已停止 ${who(v, say)}，${say(v.share)}`,
  'stopped-ahead': (v, say) => `已提前停止 ${who(v, say)}，${say(v.share)}`,
  warn: (v, say) => `${v.level}% 预警 ${say(v.subject)}，${say(v.share)}`,
  forecast: (v, say) => `预计超出配额 ${say(v.subject)}，${say(v.share)}，月底将达 ${v.monthEndPercent}%`,
  'kept-running': (v, say) => `超过阈值仍运行 ${say(v.subject)}，${say(v.share)}`,
  'not-stopped': (v, say) => `超过阈值未停止（仅提醒）${who(v, say)}，${say(v.share)}`,
  started: (v, say) => `已启动（新计费月）${v.instances.map((i) => who(i, say)).join('、')}`,
  'would-start': (v, say) => `将会启动（试运行）${v.instances.map((i) => who(i, say)).join('、')}`,
  'start-failed': (v, say) => `启动失败 ${who(v, say)}，仍处于停止状态`,
  'bad-tag': (v, say) => `设置标签无效 ${who(v, say)}：${v.keys.join('、')}`,
  unknown: (v, say) => `用量未知 ${who(v, say)}，暂不受保护`,
  'region-failed': (v, say) => `区域未检查 ${v.region}${say(v.account)}，其中的实例暂不受保护`,
  'account-failed': (v) =>
    `账号未检查 ${v.account === UNIDENTIFIED_ACCOUNT.name ? 'lightsail-guard 自己的账号' : v.account}，其中的实例暂不受保护`,
  'in-account': (v) => `，账号 ${v.label}`,
  'region-account': (v) => `（账号 ${v.label}）`,
  'regions-failed': () => '未检查任何实例：无法读取区域列表',
  missing: (v) => `未找到：INSTANCES_TO_MONITOR 中的 ${v.names.join('、')} 不在任何区域中`,
  'alerts-one': (v) => `lightsail-guard：${v.line}`,
  'alerts-many': (v, say) => `lightsail-guard 共 ${v.total} 条提醒：${v.lines.join('；')}${say(v.more)}`,
  'and-more': (v) => `；另有 ${v.more} 条`,
  'test-alert': (v) =>
    `lightsail-guard 测试提醒：收到这条短信，说明提醒会发到这个号码。发送于${stampTime(v.sentAt, v.timeZone, 'zh-CN').replace(/^(?=\d)/, ' ')}，没有停止任何实例。`,
  report: (v) =>
    `lightsail-guard 流量日报 ${stampDate(v.date, v.timeZone, 'zh-CN')}：共 ${v.instances} 台实例，${v.over} 台达到或超过 ${v.quotaPercent}%，${v.unknown} 台未知`,
};
