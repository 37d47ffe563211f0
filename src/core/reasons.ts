/**
 * Why something failed or is unknown, as data. The guard's reasons travel as English strings: they
 * are a contract of `--json`, the webhook's event data, the logs and the run's problems. Each string
 * is made here from a structured reason (`failureText`, `unknownReasonText`), and the catalogues get
 * the structure back from exactly that string (`readFailure`, `readUnknownReason`), so a language
 * words every reason itself and quotes only what the service said. A round-trip test pins every
 * form (test/core/reasons.test.ts).
 */

/** The run's deadline, by its length in seconds when it has one. */
export interface Deadline {
  readonly seconds?: number;
}

/** Why a Lightsail call did not succeed: the service's own words, or the run's deadline. */
export type Failure =
  | { readonly kind: 'service'; readonly text: string }
  | { readonly kind: 'no-answer'; readonly deadline: Deadline }
  | { readonly kind: 'not-attempted'; readonly deadline: Deadline };

/** The two metrics a usage reading adds up. */
export type MetricName = 'NetworkIn' | 'NetworkOut';

/** What was wrong with one metric's answer. */
export type MetricProblem =
  | { readonly kind: 'metric-failed'; readonly failure: Failure }
  | { readonly kind: 'no-metric-data' }
  /** A running instance observed `hours` (one decimal) without a single datapoint. */
  | { readonly kind: 'no-datapoints'; readonly hours: string }
  | { readonly kind: 'not-finite' };

/** Why an instance's usage is unknown. */
export type UnknownReason =
  /** One problem per metric, or one for both when they failed the same way. */
  | {
      readonly kind: 'metrics';
      readonly problems: readonly {
        readonly metrics: readonly MetricName[];
        readonly problem: MetricProblem;
      }[];
    }
  | { readonly kind: 'no-allowance' }
  | { readonly kind: 'not-read'; readonly deadline: Deadline }
  /** `ALLOWANCE_SCOPE=pool`: the pool's usage is unknown because these members' is. */
  | { readonly kind: 'members-unknown'; readonly names: readonly string[] }
  /** A text this module did not write (an older record, a test): shown as it is. */
  | { readonly kind: 'text'; readonly text: string };

/** What a report row's `error` says: a failed stop or start, or a text shown as it is. */
export type RowError =
  | { readonly kind: 'stop-failed'; readonly failure: Failure }
  | { readonly kind: 'start-failed'; readonly failure: Failure }
  | { readonly kind: 'text'; readonly text: string };

/** "the run's 180 s deadline". */
export function deadlineText(deadline: Deadline): string {
  return deadline.seconds === undefined ? "the run's deadline" : `the run's ${deadline.seconds} s deadline`;
}

function readDeadline(text: string): Deadline | undefined {
  if (text === "the run's deadline") return {};
  const seconds = /^the run's (\d+) s deadline$/.exec(text)?.[1];
  return seconds === undefined ? undefined : { seconds: Number(seconds) };
}

/** The English of a failure, as logs, problems and `--json` carry it. */
export function failureText(failure: Failure): string {
  switch (failure.kind) {
    case 'service':
      return failure.text;
    case 'no-answer':
      return `no answer before ${deadlineText(failure.deadline)}`;
    case 'not-attempted':
      return `not attempted before ${deadlineText(failure.deadline)}`;
  }
}

/** The failure `failureText` wrote as `text`; any other text is the service's own. */
export function readFailure(text: string): Failure {
  const match = /^(no answer|not attempted) before (.+)$/.exec(text);
  const deadline = match?.[2] === undefined ? undefined : readDeadline(match[2]);
  if (match === null || deadline === undefined) return { kind: 'service', text };
  return { kind: match[1] === 'no answer' ? 'no-answer' : 'not-attempted', deadline };
}

const PROBLEM_TEXTS = {
  'no-metric-data': 'the answer had no metricData',
  'not-finite': 'a datapoint was not a finite, non-negative number',
} as const;

function metricProblemText(problem: MetricProblem): string {
  switch (problem.kind) {
    case 'metric-failed':
      return failureText(problem.failure);
    case 'no-datapoints':
      return `no datapoints for a running instance observed for ${problem.hours} h`;
    default:
      return PROBLEM_TEXTS[problem.kind];
  }
}

function readMetricProblem(text: string): MetricProblem {
  if (text === PROBLEM_TEXTS['no-metric-data']) return { kind: 'no-metric-data' };
  if (text === PROBLEM_TEXTS['not-finite']) return { kind: 'not-finite' };
  const hours = /^no datapoints for a running instance observed for (\d+(?:\.\d+)?) h$/.exec(text)?.[1];
  if (hours !== undefined) return { kind: 'no-datapoints', hours };
  return { kind: 'metric-failed', failure: readFailure(text) };
}

/** The English of an unknown usage's reason, as `unknownReason` and the event data carry it. */
export function unknownReasonText(reason: UnknownReason): string {
  switch (reason.kind) {
    case 'metrics':
      return reason.problems
        .map(({ metrics, problem }) => `${metrics.join(' and ')}: ${metricProblemText(problem)}`)
        .join('; ');
    case 'no-allowance':
      return 'GetInstances gave no monthly transfer allowance';
    case 'not-read':
      return `not read before ${deadlineText(reason.deadline)}`;
    case 'members-unknown':
      return `usage of ${reason.names.join(', ')} unknown`;
    case 'text':
      return reason.text;
  }
}

/** The reason `unknownReasonText` wrote as `text`; any other text is kept as it is. */
export function readUnknownReason(text: string): UnknownReason {
  if (text === 'GetInstances gave no monthly transfer allowance') return { kind: 'no-allowance' };
  const notRead = /^not read before (.+)$/.exec(text)?.[1];
  const deadline = notRead === undefined ? undefined : readDeadline(notRead);
  if (deadline !== undefined) return { kind: 'not-read', deadline };
  const members = /^usage of (.+) unknown$/.exec(text)?.[1];
  if (members !== undefined) return { kind: 'members-unknown', names: members.split(', ') };
  const both = /^NetworkIn and NetworkOut: (.*)$/s.exec(text)?.[1];
  if (both !== undefined) {
    return {
      kind: 'metrics',
      problems: [{ metrics: ['NetworkIn', 'NetworkOut'], problem: readMetricProblem(both) }],
    };
  }
  // "NetworkIn: <in>; NetworkOut: <out>", either alone: the service's text may hold "; " itself.
  const pair = /^NetworkIn: (.*); NetworkOut: (.*)$/s.exec(text);
  if (pair?.[1] !== undefined && pair[2] !== undefined) {
    return {
      kind: 'metrics',
      problems: [
        { metrics: ['NetworkIn'], problem: readMetricProblem(pair[1]) },
        { metrics: ['NetworkOut'], problem: readMetricProblem(pair[2]) },
      ],
    };
  }
  const one = /^(NetworkIn|NetworkOut): (.*)$/s.exec(text);
  if (one?.[2] !== undefined) {
    const metric = one[1] as MetricName;
    return { kind: 'metrics', problems: [{ metrics: [metric], problem: readMetricProblem(one[2]) }] };
  }
  return { kind: 'text', text };
}

/** The English of a report row's error (`stop failed: ...`), as `--json` carries it. */
export function rowErrorText(error: RowError): string {
  switch (error.kind) {
    case 'stop-failed':
      return `stop failed: ${failureText(error.failure)}`;
    case 'start-failed':
      return `start failed: ${failureText(error.failure)}`;
    case 'text':
      return error.text;
  }
}

/** The row error `rowErrorText` wrote as `text`. */
export function readRowError(text: string): RowError {
  const match = /^(stop|start) failed: (.*)$/s.exec(text);
  if (match?.[2] === undefined) return { kind: 'text', text };
  return { kind: match[1] === 'stop' ? 'stop-failed' : 'start-failed', failure: readFailure(match[2]) };
}

/** Why a whole account could not be checked (ACCOUNTS). */
export type AccountFailure =
  /** Its member role could not be assumed (`AssumeRole`). */
  | { readonly kind: 'not-assumed'; readonly role: string; readonly failure: Failure }
  /** The guard's own account could not be identified (`GetCallerIdentity`). */
  | { readonly kind: 'not-identified'; readonly failure: Failure }
  /** Every call into it was refused: what the refusal said. */
  | { readonly kind: 'refused'; readonly failure: Failure };

const NOT_IDENTIFIED = 'could not be identified (GetCallerIdentity): ';

/** The English of an account's failure, as problems, logs and `--json` carry it. */
export function accountFailureText(failure: AccountFailure): string {
  switch (failure.kind) {
    case 'not-assumed':
      return `could not assume ${failure.role}: ${failureText(failure.failure)}`;
    case 'not-identified':
      return `${NOT_IDENTIFIED}${failureText(failure.failure)}`;
    case 'refused':
      return failureText(failure.failure);
  }
}

/** The account failure `accountFailureText` wrote as `text`; any other text is a refusal. */
export function readAccountFailure(text: string): AccountFailure {
  if (text.startsWith(NOT_IDENTIFIED)) {
    return { kind: 'not-identified', failure: readFailure(text.slice(NOT_IDENTIFIED.length)) };
  }
  const assume = /^could not assume (arn:\S+): (.*)$/s.exec(text);
  if (assume?.[1] !== undefined && assume[2] !== undefined) {
    return { kind: 'not-assumed', role: assume[1], failure: readFailure(assume[2]) };
  }
  return { kind: 'refused', failure: readFailure(text) };
}
