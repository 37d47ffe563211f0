/** What an operation handler sees of one request. */

import { notFound } from './errors.js';
import type { FaultKind } from './faults.js';
import { type Body, requiredString } from './input.js';
import type { InstanceStore, SimInstance } from './state.js';
import type { SimFault } from './types.js';

/** One request's view: its region (from the credential scope) and a clock read once. */
export interface OperationContext {
  readonly region: string;
  readonly store: InstanceStore;
  readonly now: Date;
  readonly pageSize: number;
  /** How late shaped traffic shows in metric answers, seconds. */
  readonly metricDelaySeconds: number;
  /**
   * Spends the first armed fault among `kinds` that matches this request, counting it as injected.
   * Operations take the kinds only they can play, so that other calls do not use them up.
   */
  takeFault(kinds: readonly FaultKind[]): SimFault | undefined;
}

export type Operation = (ctx: OperationContext, body: Body) => Record<string, unknown>;

/** The instance named by `body[key]` in the request's region, or the service's `NotFoundException`. */
export function findInstance(ctx: OperationContext, body: Body, key: string): SimInstance {
  const name = requiredString(body, key);
  const instance = ctx.store.get(ctx.region, name);
  if (!instance) throw notFound(`The Instance does not exist: ${name}`);
  return instance;
}
