/** 聊天命令的中文回复。 */

import type { ChatChange } from '../chat-commands.js';
import { displayTime } from '../display-time.js';
import { escapeHtml as e } from '../html.js';
import type { CommandsCatalogue } from './commands-catalogue.js';
import { quote } from './markup.js';

const at = (name: string, region: string): string => `${e(region)} 的 <code>${e(name)}</code>`;

export const commandsZhCN: CommandsCatalogue = {
  language: 'zh-CN',
  descriptions: {
    status: '查看所有实例；/status <名称> 查看单个实例',
    report: '立即发送每日报告',
    keep: '本月让实例继续运行（已停止则启动）',
    hold: '新的一个月也不启动该实例',
    release: '撤销 /hold',
    help: '可用的命令',
  },
  help: [
    '<b>lightsail-guard</b> 可用的命令：',
    '/status：所有实例的状态、用量、预测和接下来会发生什么',
    '/status <code>名称</code>：单个实例',
    '/report：立即发送每日报告',
    '/keep <code>名称</code>：本月超过阈值也不停止，已停止则启动（会先请你确认）',
    '/hold <code>名称</code>：新的一个月也不启动它',
    '/release <code>名称</code>：撤销 /hold',
    '同名实例在多个区域时，请加上区域，例如 /keep <code>web_1 us-east-1</code>。',
  ].join('\n'),
  statusHeading: (now, timeZone) => `<b>当前状态</b>（${e(displayTime(now, timeZone, 'zh-CN'))}）`,
  notMonitored: (name) => `没有名为 <code>${e(name)}</code> 的受监控实例。`,
  needsName: (command) => `要操作哪个实例？请发送 /${command} <code>名称</code>。`,
  notFound: (name, unread) =>
    `找不到名为 <code>${e(name)}</code> 的实例${unread.length > 0 ? `（以下区域无法列出实例：${quote(unread.join('；'))}）` : ''}。`,
  inSeveral: (command, name, regions) =>
    `<code>${e(name)}</code> 在 ${e(regions.join('、'))} 都有，请指明区域，例如 /${command} <code>${e(name)} ${e(regions[0] ?? '')}</code>。`,
  adminsOnly: '只有本群的管理员可以向 lightsail-guard 发送命令。',
  keepQuestion: (q, timeZone) =>
    [
      `要让${at(q.name, q.region)}在 ${e(q.month)} 剩下的时间里超过阈值也继续运行吗？`,
      q.state === 'stopped'
        ? '它目前已停止，确认后会启动它。'
        : `它目前的状态是 ${e(q.state)}，本月不会再被停止。`,
      q.pricePerGb === undefined
        ? `超出 ${q.allowanceGb} GB 流量配额后的出站流量由 AWS 另行计费。`
        : `超出 ${q.allowanceGb} GB 流量配额后，${e(q.region)} 的出站流量按每 GB ${q.pricePerGb.toFixed(2)} 美元计费。`,
      `由 ${e(q.by)} 发起；只有发起人可以确认，有效期至 ${e(displayTime(q.expiresAt, timeZone, 'zh-CN'))}。`,
    ].join('\n'),
  keepButton: '继续运行',
  keepHeld: (name, region) =>
    `${at(name, region)}已被保持停止（hold）。请先发送 /release <code>${e(name)}</code>。`,
  keepAlready: (name, region, month) => `${at(name, region)}已设为 ${e(month)} 继续运行，无需改动。`,
  notStartable: (name, region, state) =>
    `${at(name, region)}目前的状态是 ${e(state)}，停止后才能启动，请一分钟后再试。`,
  holdAlready: (name, region) => `${at(name, region)}已处于保持停止状态，无需改动。`,
  releaseNone: (name, region) => `${at(name, region)}没有被保持停止，无需改动。`,
  change: (change: ChatChange) => {
    const who = `由 ${e(change.by)} 在 Telegram 中发起。`;
    switch (change.kind) {
      case 'kept':
        return `✅ ${at(change.name, change.region)}：${e(change.month)} 超过阈值也继续运行${change.started ? '，并已启动' : ''}。${who}`;
      case 'held':
        return `⏸ ${at(change.name, change.region)}：已保持停止，新的一个月也不会启动它。${who}`;
      case 'released':
        return `▶️ ${at(change.name, change.region)}：已撤销保持停止。${
          change.stoppedIn === undefined
            ? '如果 lightsail-guard 停止了它，新的一个月可以再启动它。'
            : `它是在 ${e(change.stoppedIn)} 被 lightsail-guard 停止的，开启 RESTART_ON_NEW_MONTH 时，之后月份的检查会启动它。`
        }${who}`;
    }
  },
  changeSubject: (change) =>
    `lightsail-guard：${change.name}（${change.region}）${change.kind === 'kept' ? '本月继续运行' : change.kind === 'held' ? '已保持停止' : '已撤销保持停止'}`,
  buttonNotYours: '只有发起人可以确认。',
  buttonExpired: '确认已过期，请重新发送 /keep。',
  buttonDone: '已经处理过了。',
  expiredQuestion: (name, region) => `让${at(name, region)}继续运行的确认已过期，没有做任何改动。`,
  failed: (error) => `操作失败：${quote(error)}`,
};
