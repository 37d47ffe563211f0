import { accountLabel, type Instance } from '../core/types.js';
import type { InstanceOutcome } from './types.js';

/** "web-1 (us-east-1)", with its account when several are checked: "web-1 (us-east-1, account prod)". */
export function whereOf(instance: Pick<Instance, 'name' | 'region' | 'account'>): string {
  const account = instance.account === undefined ? '' : `, account ${accountLabel(instance.account)}`;
  return `${instance.name} (${instance.region}${account})`;
}

/** Each instance's problems, named: every one makes the exit code 1 and the invocation fail. */
export function instanceProblems(outcomes: readonly InstanceOutcome[]): string[] {
  return outcomes.flatMap((outcome) => {
    const { instance, assessment, stop } = outcome;
    const where = whereOf(instance);
    const problems: string[] = [];
    if (outcome.creationProblem !== undefined) {
      problems.push(`${where}: ${outcome.creationProblem}; its full monthly allowance is used`);
    }
    if (assessment?.usage.kind === 'unknown')
      problems.push(`${where}: usage unknown: ${assessment.usage.reason}`);
    if (stop?.recordError !== undefined) {
      problems.push(`${where}: stopped without a record that its alert is owed: ${stop.recordError}`);
    }
    if (stop?.error !== undefined) problems.push(`${where}: stop failed: ${stop.error}`);
    problems.push(...lifecycleProblems(outcome, where));
    return problems;
  });
}

/** Names listed in INSTANCES_TO_MONITOR that no region has; only a complete listing proves absence. */
export function missingNames(
  wanted: ReadonlySet<string> | undefined,
  outcomes: readonly InstanceOutcome[],
  listingComplete: boolean,
): string[] {
  if (wanted === undefined || !listingComplete) return [];
  const found = new Set(outcomes.map((outcome) => outcome.instance.name));
  return [...wanted].filter((name) => !found.has(name));
}

/** Malformed setting tags, and what went wrong starting an instance or forgetting its stop. */
function lifecycleProblems(outcome: InstanceOutcome, where: string): string[] {
  const { start, policy } = outcome;
  const problems = (policy?.tagProblems ?? []).map((problem) => `${where}: ${problem.message}`);
  if (start?.error !== undefined) {
    problems.push(`${where}: start failed: ${start.error}; the next check tries again`);
  }
  if (start?.recordError !== undefined) {
    problems.push(
      `${where}: started, but its stop record could not be cleared (${start.recordError}); the next check clears it`,
    );
  }
  if (outcome.forgetError !== undefined) {
    problems.push(`${where}: could not clear its spent stop record: ${outcome.forgetError}`);
  }
  return problems;
}
