import { TAGS } from '../../constants.js';
import type { AlertFigures, AlertTextContext } from '../alert-event.js';
import type { AllowanceUnit } from '../allowance.js';
import { monthEndOf } from '../billing-month.js';
import { DEFAULT_TIME_ZONE, displayTime, utcDay } from '../display-time.js';
import { escapeHtml } from '../html.js';
import { POLICY_TAG_COMMANDS } from '../instance-policy.js';
import { allowanceStanding, OVERAGE_USD_PER_GB } from '../overage.js';
import { type PoolFigures, subjectMembers } from '../pools.js';
import { formatRate, type StopAhead } from '../stop-ahead.js';
import { type AccountRef, accountLabel, type Instance } from '../types.js';
import { formatAmount, formatPercent } from '../units.js';
import type { Catalogue } from './catalogue.js';
import { command, quote } from './markup.js';
import { smsZhCN } from './sms-zh-CN.js';

/**
 * Simplified Chinese, for the recipe's readers ("已用流量", "每月配额", "使用比例"): full-width
 * punctuation around the text, figures as Chinese readers write them ("已用 97.00 GB / 100.00 GB
 * （97.0%）"), months as 2026年11月, times as 2026-11-20 09:50 UTC (billing months are UTC). Tag
 * names, tag values and variable names stay as they must be typed.
 */

const percent = (value: number | null): string => (value === null ? '未知' : formatPercent(value));

/** 同时检查多个账号时，区域后注明账号："，账号 prod"；只有一个账号时为空。 */
const inAccount = (label: string | undefined): string =>
  label === undefined ? '' : `，账号 ${escapeHtml(label)}`;

/** 无法检查的账号："prod（111122223333）"，或只有 ID。 */
const accountTitle = (account: AccountRef): string =>
  escapeHtml(account.name === undefined ? account.id : `${account.name}（${account.id}）`);

const who = (instance: Instance): string =>
  `<code>${escapeHtml(instance.name)}</code>（${escapeHtml(instance.region)}${inAccount(instance.account && accountLabel(instance.account))}）`;

const figures = (f: AlertFigures, unit: AllowanceUnit): string => {
  const allowance = `${formatAmount(f.allowanceBytes, unit)} ${unit}`;
  if (f.usedBytes === null) return `用量未知 / 配额 ${allowance}`;
  return `已用 ${formatAmount(f.usedBytes, unit)} ${unit} / ${allowance}（${percent(f.percent)}）`;
};

/** `2026-11` as 2026年11月. */
const month = (monthKey: string): string => {
  const [year, number] = monthKey.split('-');
  return number === undefined ? monthKey : `${year}年${Number(number)}月`;
};

/** An ISO time as `2026-11-20 09:50 UTC`; anything else as given. */
const utcMinute = (iso: string): string =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;

const STATES: Readonly<Record<string, string>> = {
  running: '运行中',
  stopped: '已停止',
  stopping: '停止中',
  pending: '启动中',
  starting: '启动中',
  rebooting: '重启中',
};

const priceText = (region: string): string => {
  const price = OVERAGE_USD_PER_GB[region];
  return price === undefined
    ? '出站流量按 GB 计费'
    : `出站流量按 ${price} USD/GB 计费（${escapeHtml(region)}）`;
};

/**
 * What an alert adds about the allowance itself: billed only once past it, so exactly 100% says
 * it is used up, with what further traffic costs.
 */
const allowanceNote = (event: AlertFigures & { instance: Instance }): string => {
  const standing = allowanceStanding(event);
  if (standing === 'past') return `已超出流量配额：${priceText(event.instance.region)}。`;
  if (standing === 'all') return `已用完全部流量配额：此后的${priceText(event.instance.region)}。`;
  return '';
};

const keepTag = (instance: Instance, monthKey: string): string =>
  `如需本月继续运行：${command('keep-running', `${instance.name} --start`)}（它会添加标签 <code>${TAGS.keepRunning}</code> = <code>${monthKey}</code>）。`;

const names = (pool: PoolFigures): string =>
  pool.instances.map((name) => `<code>${escapeHtml(name)}</code>`).join('、');

/** "资源池 <code>small_3_0</code>（ap-northeast-1；<code>busy</code>、<code>idle</code>）". */
const poolName = (pool: PoolFigures): string =>
  `资源池 <code>${escapeHtml(pool.bundleId)}</code>（${escapeHtml(pool.region)}${inAccount(pool.account && accountLabel(pool.account))}；${names(pool)}）`;

/** A pool's members in a subject line (plain text): "busy、idle" or "busy、idle、web-3 等 5 台". */
const memberList = (pool: PoolFigures): string => {
  const { named, more } = subjectMembers(pool);
  return `${named.join('、')}${more > 0 ? ` 等 ${pool.instances.length} 台` : ''}`;
};

/**
 * Who a subject line is about, ready for the words after it: "web-1 " (a space after a Latin name),
 * or "资源池 small_3_0（busy、idle）" for the pool's figures (none after a full-width bracket).
 */
const headlineName = (event: AlertFigures & { instance: Instance }): string =>
  event.pool === undefined
    ? `${event.instance.name} `
    : `资源池 ${event.pool.bundleId}（${memberList(event.pool)}）`;

/** What a member's subject line adds about its pool: "（资源池 small_3_0：busy、idle）". */
const inPoolLabel = (pool: PoolFigures | undefined): string =>
  pool === undefined ? '' : `（资源池 ${pool.bundleId}：${memberList(pool)}）`;

const subject = (event: AlertFigures & { instance: Instance }): string =>
  event.pool === undefined ? who(event.instance) : poolName(event.pool);

/** The month's last check interval: the reset comes before any check that could act. */
const resetFirst = (at: Date, context: AlertTextContext): string =>
  `流量配额将于 ${displayTime(at, context.timeZone ?? DEFAULT_TIME_ZONE, 'zh-CN')} 重置，早于下次检查`;

const stoppedAt = (event: AlertFigures, quotaPercent: number, context: AlertTextContext): string => {
  const reset = context.resetBeforeNextCheck;
  if (reset !== undefined) return `${resetFirst(reset, context)}。`;
  return event.pool === undefined
    ? `达到 ${quotaPercent}% 时将被停止。`
    : `达到合并配额的 ${quotaPercent}% 时，所有运行中的成员都将被停止。`;
};

/** A member judged with its pool: the instance, "（与其资源池 …一起）". */
const member = (event: AlertFigures & { instance: Instance }): string =>
  `${who(event.instance)}${event.pool === undefined ? '' : `（与其${poolName(event.pool)}一起）`}`;

/** “距下次检查 10 分钟，指标延迟 1 分钟（实测）”：提前停止所看的时间由什么组成。 */
const horizonParts = (ahead: StopAhead): string =>
  `距下次检查 ${ahead.withinMinutes - ahead.lagMinutes} 分钟，指标延迟 ${ahead.lagMinutes} 分钟（${LAG_SOURCES[ahead.lagSource]}）`;

const LAG_SOURCES: Record<StopAhead['lagSource'], string> = {
  measured: '实测',
  'newest-sample': '实测，速度在最新样本内上升，故从该样本起点算起',
  assumed: '按 METRIC_DELAY_MINUTES 估计',
};

const stopHead = (
  event: AlertFigures & { instance: Instance; ahead?: StopAhead },
  context: AlertTextContext,
): string => {
  const { ahead } = event;
  const why =
    ahead === undefined
      ? ''
      : ahead.burst === true
        ? `若以 ${formatRate(ahead.ratePerSecond)} 突发（BURST_MBPS），它可能在 ${ahead.withinMinutes} 分钟内超过配额的 100%（${horizonParts(ahead)}），检查来不及发现。`
        : ahead.worstCaseRatePerSecond !== undefined
          ? `按最坏情况 ${formatRate(ahead.worstCaseRatePerSecond)} 计（假设本小时超出上一小时速度的流量全部发生在最近 ${ahead.withinMinutes - ahead.lagMinutes} 分钟内；实测 ${formatRate(ahead.ratePerSecond)}），它会在 ${ahead.withinMinutes} 分钟内超过 ${context.quotaPercent}%（${horizonParts(ahead)}），等不到下次检查发现。`
          : `按 ${formatRate(ahead.ratePerSecond)} 的速度，它会在 ${ahead.withinMinutes} 分钟内超过 ${context.quotaPercent}%（${horizonParts(ahead)}），等不到下次检查发现。`;
  return `${member(event)}：${figures(event, context.unit)}，阈值 ${context.quotaPercent}%。${why}`;
};

/** After a failed stop: the next check tries again, unless the allowance resets first. */
const retry = (context: AlertTextContext): string =>
  context.resetBeforeNextCheck === undefined
    ? '下次检查会重试。'
    : `${resetFirst(context.resetBeforeNextCheck, context)}，届时不会再停止它：如需在本月停止它，请手动停止。`;

const unrecorded = (recordError: string | undefined): string =>
  recordError === undefined
    ? ''
    : `\n停止前未能写入记录（${quote(recordError)}）：若此提醒丢失，之后的检查不会重发。`;

/** 简体中文. */
export const zhCN: Catalogue = {
  language: 'zh-CN',
  alert: {
    stop(event, context) {
      const head = stopHead(event, context);
      if (event.outcome === 'stopped') {
        const how = event.alreadyStopping ? '实例已在停止中（由所有者或另一次运行停止）。' : '停止调用成功。';
        return `🛑 <b>已停止</b> ${head}\n${how}${keepTag(event.instance, context.monthKey)}${unrecorded(event.recordError)}`;
      }
      if (event.outcome === 'dry-run') return `🛑 <b>将会停止</b> ${head}\n试运行：未停止任何实例。`;
      if (event.outcome === 'earlier') {
        const at = event.stoppedAt === undefined ? '早些时候' : quote(utcMinute(event.stoppedAt));
        const now =
          event.instance.state === 'running'
            ? '该实例现在正在运行：之后被再次启动，或那次停止未完成。'
            : keepTag(event.instance, context.monthKey);
        return `🛑 <b>已停止</b> ${head}\n停止于 ${at}；当时此提醒未能送达。${now}`;
      }
      return `🚨 <b>停止失败</b> ${head}\n实例仍在运行：${quote(event.error ?? '未知错误')}。${retry(context)}${unrecorded(event.recordError)}`;
    },
    warn(event, context) {
      return `⚠️ <b>${event.level}% 预警</b> ${subject(event)}：${figures(event, context.unit)}。${stoppedAt(event, context.quotaPercent, context)}${allowanceNote(event)}`;
    },
    forecast(event, context) {
      const zone = context.timeZone ?? DEFAULT_TIME_ZONE;
      const { forecast } = event;
      const lastDay = utcDay(new Date(monthEndOf(context.monthKey).getTime() - 1), 'zh-CN');
      const end = `月底（${lastDay}）将达 ${Math.floor(forecast.monthEndPercent)}%`;
      // Only times within the month: a time at or past its end is the reset, not a crossing.
      const when =
        forecast.thresholdAt !== null
          ? `约 ${displayTime(forecast.thresholdAt, zone, 'zh-CN')} 达到 ${forecast.thresholdPercent}%，${end}`
          : forecast.fullAt !== null
            ? `约 ${displayTime(forecast.fullAt, zone, 'zh-CN')} 达到 100%，${end}`
            : end;
      return `📈 <b>按当前速度将超出配额</b> ${subject(event)}：${figures(event, context.unit)}；按最近一天的速度，${when}。${stoppedAt(event, forecast.thresholdPercent, context)}`;
    },
    'kept-running': (event, context) =>
      `⚠️ <b>超过阈值，保持运行</b> ${subject(event)}：${figures(event, context.unit)}，阈值 ${context.quotaPercent}%。已有标签 <code>${TAGS.keepRunning}</code> = <code>${context.monthKey}</code>，因此未停止；超出配额的${priceText(event.instance.region)}。${
        context.resetBeforeNextCheck === undefined
          ? `如需让守护程序再次停止它：${command('keep-running', `${event.instance.name} --clear`)}。`
          : `${resetFirst(context.resetBeforeNextCheck, context)}。`
      }`,
    'not-stopped'(event, context) {
      const why =
        event.because === 'setting'
          ? '已设置 ACTION=notify'
          : `它的标签 <code>${TAGS.action}</code> = <code>notify</code>`;
      const change =
        event.because === 'setting'
          ? `设置 ACTION=stop，或只对此实例执行 ${command('set-action', `${event.instance.name} stop`)}`
          : command('set-action', `${event.instance.name} stop`);
      const reset = context.resetBeforeNextCheck;
      const next =
        reset === undefined
          ? `如需停止它：${change}。`
          : `${resetFirst(reset, context)}；如需从那时起停止它：${change}。`;
      return `🔔 <b>超过阈值，未停止</b> ${member(event)}：${figures(event, context.unit)}，阈值 ${context.quotaPercent}%。未停止，因为${why}（仅提醒）。${allowanceNote(event)}${next}`;
    },
    started(event) {
      const names = event.started
        .map(
          ({ instance, stoppedIn }) =>
            `<code>${escapeHtml(instance.name)}</code>（${escapeHtml(instance.region)}，守护程序于 ${escapeHtml(month(stoppedIn))}停止）`,
        )
        .join('、');
      const verb = event.dryRun ? '<b>将会启动</b>（新的月份）' : '▶️ <b>已启动</b>（新的月份）';
      return `${verb}：${names}。流量配额已于 1 日重置。如需下次保持停止：${command('hold', '<name>')}。`;
    },
    'start-failed': (event) =>
      `🚨 <b>启动失败</b> ${who(event.instance)}：${quote(event.error)}。实例仍处于停止状态；下次检查会重试。`,
    'bad-tag'(event) {
      const fixes = event.problems.map((problem) => {
        const fix = POLICY_TAG_COMMANDS[problem.key];
        const how =
          fix === undefined
            ? ''
            : `请重新设置，或将其移除：${command(fix, `${event.instance.name} --clear`)}。`;
        return `${quote(problem.message)}。${how}`;
      });
      return `⚙️ <b>设置标签无效</b> ${who(event.instance)}：${fixes.join('')}`;
    },
    unknown: (event) =>
      `❓ <b>用量未知</b> ${who(event.instance)}：${quote(event.reason)}。在能读取用量之前，该实例不受保护。`,
    'account-failed': (event) =>
      `❗ <b>账号未检查</b> ${accountTitle(event.account)}：${quote(event.error)}。在能读取之前，其中的实例不受保护。`,
    'region-failed': (event) =>
      `❗ <b>区域未检查</b> ${escapeHtml(event.region)}${event.account === undefined ? '' : `（账号 ${escapeHtml(accountLabel(event.account))}）`}：${quote(event.error)}。在能读取之前，其中的实例不受保护。`,
    'regions-failed': (event) => `❗ <b>未检查任何实例</b>：无法读取区域列表：${quote(event.error)}。`,
    missing: (event) =>
      `❗ <b>未找到</b>：INSTANCES_TO_MONITOR 中的 ${event.names.map((name) => `<code>${escapeHtml(name)}</code>`).join('、')} 不在任何已检查的区域中。`,
  },
  headline: {
    stop(event) {
      const name = event.instance.name;
      if (event.outcome === 'failed') return `${name} 停止失败${inPoolLabel(event.pool)}`;
      if (event.outcome === 'dry-run') return `${name} 将会停止${inPoolLabel(event.pool)}`;
      const verb = `${name} ${event.ahead === undefined ? '已停止' : '已提前停止'}`;
      if (event.pool === undefined) return `${verb}（${percent(event.percent)}）`;
      return `${verb}（资源池 ${event.pool.bundleId} 已用 ${percent(event.percent)}：${memberList(event.pool)}）`;
    },
    warn: (event) => `${headlineName(event)}已用 ${percent(event.percent)}（${event.level}% 预警）`,
    'kept-running': (event) => `${headlineName(event)}超过阈值，保持运行`,
    forecast: (event) =>
      `${headlineName(event)}按当前速度本月将达 ${Math.floor(event.forecast.monthEndPercent)}%`,
    'not-stopped': (event) => `${event.instance.name} 超过阈值，未停止${inPoolLabel(event.pool)}`,
    started: (event) =>
      `新的月份${event.dryRun ? '将会启动' : '已启动'}：${event.started.map(({ instance }) => instance.name).join('、')}`,
    'start-failed': (event) => `${event.instance.name} 启动失败`,
    'bad-tag': (event) => `${event.instance.name} 的设置标签无效`,
    unknown: (event) => `${event.instance.name} 用量未知`,
    'region-failed': (event) => `区域 ${event.region} 未检查`,
    'account-failed': (event) => `账号 ${accountLabel(event.account)} 未检查`,
    'regions-failed': () => '未检查任何实例',
    missing: (event) => `${event.names.length} 台实例未找到`,
  },

  alertSubject: (first, more) => `lightsail-guard：${first}${more > 0 ? `等 ${more + 1} 条提醒` : ''}`,
  part: (index, total) => `（${index}/${total}）`,
  testAlert: (now, place) =>
    [
      '✅ <b>lightsail-guard 测试提醒</b>',
      `如果你能看到这条消息，守护程序的提醒和每日报告也会发到${place === 'chat' ? '这个聊天' : '这里'}。`,
      `由 <code>lightsail-guard test-alert</code> 于 ${utcMinute(now.toISOString())} 发送。没有停止任何实例。`,
    ].join('\n'),
  testAlertSubject: 'lightsail-guard：测试提醒',
  report: {
    subject: (model, counts, context) =>
      `lightsail-guard：流量日报 ${model.generatedAt.toISOString().slice(0, 10)}（${counts.over} 台达到或超过 ${context.quotaPercent}%，${counts.unknown} 台未知）`,
    summary: (model, counts, context) =>
      [
        `📊 <b>Lightsail 流量：${escapeHtml(month(model.monthKey))}至今</b>（截至 ${utcMinute(model.generatedAt.toISOString())}）`,
        `共 ${counts.instances} 台实例，分布在 ${counts.regions} 个区域 · ${counts.over} 台达到或超过 ${context.quotaPercent}% · ${counts.unknown} 台未知${counts.ignored > 0 ? ` · ${counts.ignored} 台已忽略` : ''}`,
      ].join('\n'),
    regionFailure: (region, error, account) =>
      `❗ ${escapeHtml(region)}${account === undefined ? '' : `（账号 ${escapeHtml(accountLabel(account))}）`} 无法读取：${escapeHtml(error)}`,
    line(row, note, context) {
      const { unit } = context;
      const used = row.usedBytes === null ? '?' : formatAmount(row.usedBytes, unit);
      const state = STATES[row.state] ?? row.state;
      const account = row.accountName ?? row.account;
      const where = `${escapeHtml(row.region)}${account === undefined ? '' : `（账号 ${escapeHtml(account)}）`}`;
      return `<code>${escapeHtml(row.name)}</code> ${where} · ${escapeHtml(state)} · 已用 ${used} / ${formatAmount(row.allowanceBytes, unit)} ${unit} · ${percent(row.percent)}${note ? ` · ${escapeHtml(note)}` : ''}`;
    },
    actions: {
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
    },
    actionsAhead: {
      stopped: '已提前停止：下次检查之前它将超过阈值',
      'stop-failed': '停止失败（提前停止）',
      'would-stop': '将会提前停止（试运行）',
      'over-threshold': '下次检查之前将超过阈值：下次检查将停止',
    },
    actionsBurst: {
      stopped: '已提前停止：按 BURST_MBPS 的突发速度，检查看到之前它可能超过 100%',
      'stop-failed': '停止失败（提前停止：突发预留）',
      'would-stop': '将会提前停止：突发预留（试运行）',
      'over-threshold': '已进入突发预留：下次检查将停止',
    },
    overAtReset: {
      threshold: '超过阈值',
      ahead: '按当前速度将超过阈值',
      burst: '已进入突发预留',
    },
    resetFirst: (at, timeZone) => `流量配额将于 ${displayTime(at, timeZone, 'zh-CN')} 重置，早于下次检查`,
    nextMonth: {
      start: '由守护程序停止：1 日启动',
      'next-check': '上月由守护程序停止：下次检查启动',
      hold: '由守护程序停止，已保持：1 日仍保持停止',
    },
    startsOnThe1st(instances) {
      if (instances.length === 0) {
        return '▶️ 1 日：不会启动任何实例（没有由守护程序停止、等待启动的实例，或都已保持停止）。';
      }
      const names = instances
        .map((i) => `<code>${escapeHtml(i.name)}</code>（${escapeHtml(i.region)}）`)
        .join('、');
      return `▶️ 1 日的首次检查将再次启动：${names}。如需保持其中一台停止：lightsail-guard hold &lt;name&gt;。`;
    },
    unknownUsage: (reason) => `用量未知：${reason}`,
    proRated: (share) => `配额按比例折算为 ${share}%`,
    burstStop: (percent) => `将在 ${percent} 停止（突发预留）`,
    overage: ({ overGb, price, costUsd }) =>
      price === undefined
        ? `超出配额 ${overGb} GB：按 GB 出站计费`
        : `超出配额 ${overGb} GB：最多约 ${costUsd} USD（${price} USD/GB 出站）`,
    noteSeparator: '；',
    inPool: (bundleId, percent) => `所在资源池 ${bundleId} 已用 ${percent}`,
    poolLine(pool, shown, context, heading) {
      const { unit } = context;
      const names = pool.instances.map(escapeHtml).join('、');
      const allowance = `${formatAmount(pool.allowanceBytes, unit)} ${unit}`;
      const usage =
        shown.usedBytes === null
          ? `? / ${allowance}${shown.kind === 'unknown' ? ` · ${percent(null)}` : ''}`
          : shown.kind === 'at-least'
            ? `至少 ${formatAmount(shown.usedBytes, unit)} / ${allowance} · 至少 ${percent(shown.percent)}`
            : `${formatAmount(shown.usedBytes, unit)} / ${allowance} · ${percent(shown.percent)}`;
      const unread =
        shown.notRead.length === 0 ? '' : ` · ${shown.notRead.map(escapeHtml).join('、')} 未读取（未运行）`;
      return `资源池 <code>${escapeHtml(pool.bundleId)}</code>（${escapeHtml(pool.region)}${inAccount(pool.accountName ?? pool.account)}）：${names} · ${usage}${unread}${heading ? ` · ${escapeHtml(heading)}` : ''}`;
    },
    poolsTitle: '资源池（同一区域同一套餐：AWS 合并计算它们的配额）：',
    heading(h) {
      const pace = `按当前速度，月底（${utcDay(h.lastDay, 'zh-CN')}）将达 ${h.monthEndPercent}%`;
      return h.threshold === undefined
        ? pace
        : `${pace}；约 ${displayTime(h.threshold.at, h.timeZone, 'zh-CN')} 达到 ${h.threshold.percent}%`;
    },
  },
  sms: smsZhCN,
};
