import { ENV, TAGS } from '../../constants.js';
import { escapeHtml } from '../html.js';
import type { TagWhy } from '../instance-policy.js';
import { levelsTagValue } from '../percent-rules.js';
import type {
  AccountFailure,
  Deadline,
  Failure,
  MetricName,
  MetricProblem,
  RowError,
  UnknownReason,
} from '../reasons.js';
import { quote } from './markup.js';

/**
 * The reasons (`src/core/reasons.ts`) and malformed tags in Chinese (HTML). Only what the service
 * itself said is quoted as it came, marked "AWS 返回"; metric and API names stay as AWS spells them.
 */

/** HTML for alerts; plain text for a report row's note, which its line escapes as a whole. */
export type Markup = 'html' | 'plain';

interface Marks {
  /** A name as AWS or the guard spells it. */
  readonly code: (text: string) => string;
  /** Text as it came (the service's), capped. */
  readonly cite: (text: string) => string;
}

const MARKS: Readonly<Record<Markup, Marks>> = {
  html: { code: (text) => `<code>${escapeHtml(text)}</code>`, cite: quote },
  plain: { code: (text) => text, cite: (text) => (text.length > 300 ? `${text.slice(0, 297)}...` : text) },
};

const deadline = (d: Deadline): string =>
  d.seconds === undefined ? '本次运行的时限' : `本次运行的 ${d.seconds} 秒时限`;

/** What the service said, quoted as it came. */
export const awsSaid = (text: string, as: Markup = 'html'): string => `（AWS 返回：${MARKS[as].cite(text)}）`;

/** Why a call did not succeed, bare: "AWS 返回：…" or "本次运行的 180 秒时限内没有得到应答". */
function failureBare(failure: Failure, as: Markup): string {
  switch (failure.kind) {
    case 'service':
      return `AWS 返回：${MARKS[as].cite(failure.text)}`;
    case 'no-answer':
      return `${deadline(failure.deadline)}内没有得到应答`;
    case 'not-attempted':
      return `${deadline(failure.deadline)}已到，未能发出请求`;
  }
}

/** The same in brackets, after the clause it explains: "实例仍在运行（AWS 返回：…）". */
export function failureZh(failure: Failure, as: Markup = 'html'): string {
  return `（${failureBare(failure, as)}）`;
}

const metrics = (names: readonly MetricName[], { code }: Marks): string =>
  `${names.map(code).join(' 和 ')} 指标`;

function metricProblemZh(problem: MetricProblem, as: Markup): string {
  switch (problem.kind) {
    case 'metric-failed':
      return `读取失败${failureZh(problem.failure, as)}`;
    case 'no-metric-data':
      return `的应答中没有 ${MARKS[as].code('metricData')}`;
    case 'no-datapoints':
      return `在实例运行的 ${problem.hours} 小时内没有任何数据点`;
    case 'not-finite':
      return '有数据点不是有限的非负数';
  }
}

/** Why the usage is unknown, as a clause. */
export function unknownReasonZh(reason: UnknownReason, as: Markup = 'html'): string {
  const { code, cite } = MARKS[as];
  switch (reason.kind) {
    case 'metrics':
      return reason.problems
        .map((p) => `${metrics(p.metrics, MARKS[as])}${metricProblemZh(p.problem, as)}`)
        .join('；');
    case 'no-allowance':
      return `${code('GetInstances')} 没有返回每月流量配额`;
    case 'not-read':
      return `${deadline(reason.deadline)}内未能读取`;
    case 'members-unknown':
      return `${reason.names.map(code).join('、')} 的用量未知`;
    case 'text':
      return cite(reason.text);
  }
}

/** A report row's error: the action column already says 停止失败 or 启动失败. */
export function rowErrorZh(error: RowError): string {
  return error.kind === 'text' ? error.text : failureBare(error.failure, 'plain');
}

const code = MARKS.html.code;

/** Why a whole account could not be checked, as a clause. */
export function accountFailureZh(failure: AccountFailure): string {
  switch (failure.kind) {
    case 'not-assumed':
      return `无法代入成员角色 ${code(failure.role)}${failureZh(failure.failure)}`;
    case 'not-identified':
      return `${code('GetCallerIdentity')} 未能确认 lightsail-guard 所在的账号${failureZh(failure.failure)}`;
    case 'refused':
      return `该账号的区域和实例都无法读取${failureZh(failure.failure)}`;
  }
}

const tag = (key: string, value: string): string => `标签 ${code(key)} 的值“${escapeHtml(value)}”`;

const levelsInstead = (levels: readonly number[]): string =>
  levels.length === 0 ? '不再发送预警' : `改用全局预警档位 ${code(levelsTagValue(levels))}`;

/** A malformed setting tag: what it must be, and what applies instead. */
export function tagWhyZh(why: TagWhy): string {
  switch (why.kind) {
    case 'quota-not-percent':
      return `${tag(TAGS.quota, why.value)}不是大于 0 的数字（写法同 ${code(ENV.quotaPercent)}），改用全局的 ${why.globalPercent}%`;
    case 'warn-not-levels':
      return `${tag(TAGS.warn, why.value)}不是大于 0 的档位列表（如 ${code('80/90')}，写法同 ${code(ENV.warnPercent)}），${levelsInstead(why.instead)}`;
    case 'warn-over-threshold':
      return `${tag(TAGS.warn, why.value)}中有档位不低于该实例的阈值 ${why.quotaPercent}%，${levelsInstead(why.instead)}`;
    case 'action-unknown':
      return `${tag(TAGS.action, why.value)}不是 ${code('stop')}、${code('notify')} 或 ${code('ignore')}，改用 ${code(`${ENV.action}=${why.globalAction}`)}`;
  }
}
