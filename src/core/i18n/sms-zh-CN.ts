import type { AlertFigures } from '../alert-event.js';
import type { PoolFigures } from '../pools.js';
import { accountLabel, type Instance } from '../types.js';
import { formatPercent } from '../units.js';
import type { SmsCatalogue } from './catalogue.js';

/*
 * A Chinese text is UCS-2, 70 characters a segment: each alert says what happened first, in as
 * few characters as reads naturally.
 */

const who = (instance: Instance): string =>
  `${instance.name}（${instance.region}${instance.account === undefined ? '' : `，账号 ${accountLabel(instance.account)}`}）`;

const pool = (figures: PoolFigures): string =>
  `资源池 ${figures.bundleId}（${figures.region}：${figures.instances.join('、')}）`;

const subject = (event: AlertFigures & { instance: Instance }): string =>
  event.pool === undefined ? who(event.instance) : pool(event.pool);

const share = (figures: AlertFigures, of = '配额'): string =>
  figures.percent === null ? '用量未知' : `已用${of}的 ${formatPercent(figures.percent)}`;

const stopShare = (event: AlertFigures): string =>
  share(event, event.pool === undefined ? '配额' : '资源池配额');

/** 简体中文短信. */
export const smsZhCN: SmsCatalogue = {
  alert: {
    stop(event) {
      const what = `${who(event.instance)}，${stopShare(event)}`;
      if (event.outcome === 'failed') return `停止失败 ${what}，仍在运行`;
      if (event.outcome === 'dry-run') return `将会停止（试运行）${what}`;
      if (event.outcome === 'earlier') return `此前已停止 ${what}`;
      return `${event.ahead === undefined ? '已停止' : '已提前停止'} ${what}`;
    },
    warn: (event) => `${event.level}% 预警 ${subject(event)}，${share(event)}`,
    forecast: (event) =>
      `按当前速度将超出配额 ${subject(event)}，${share(event)}，月底将达 ${Math.floor(event.forecast.monthEndPercent)}%`,
    'kept-running': (event) => `超过阈值，保持运行 ${subject(event)}，${share(event)}`,
    'not-stopped': (event) => `超过阈值，未停止（仅提醒）${who(event.instance)}，${share(event)}`,
    started: (event) =>
      `新的月份${event.dryRun ? '将会启动' : '已启动'}：${event.started.map(({ instance }) => who(instance)).join('、')}`,
    'start-failed': (event) => `启动失败 ${who(event.instance)}，仍处于停止状态`,
    'bad-tag': (event) =>
      `设置标签无效 ${who(event.instance)}：${event.problems.map((problem) => problem.key).join('、')}`,
    unknown: (event) => `用量未知 ${who(event.instance)}，暂不受保护`,
    'region-failed': (event) =>
      `区域未检查 ${event.region}${event.account === undefined ? '' : `（账号 ${accountLabel(event.account)}）`}，其中的实例暂不受保护`,
    'account-failed': (event) => `账号未检查 ${accountLabel(event.account)}，其中的实例暂不受保护`,
    'regions-failed': () => '未检查任何实例：无法读取区域列表',
    missing: (event) => `未找到：INSTANCES_TO_MONITOR 中的 ${event.names.join('、')} 不在任何区域中`,
  },
  alerts(shown, total) {
    const more = total - shown.length;
    if (total === 1 && more === 0) return `lightsail-guard：${shown.join('')}`;
    return `lightsail-guard 共 ${total} 条提醒：${shown.join('；')}${more > 0 ? `；另有 ${more} 条` : ''}`;
  },
  testAlert: (now) =>
    `lightsail-guard 测试提醒：收到这条短信，说明提醒会发到这个号码。发送于 ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC，没有停止任何实例。`,
  report: (model, counts, context) =>
    `lightsail-guard 流量日报 ${model.generatedAt.toISOString().slice(0, 10)}：共 ${counts.instances} 台实例，${counts.over} 台达到或超过 ${context.quotaPercent}%，${counts.unknown} 台未知`,
};
