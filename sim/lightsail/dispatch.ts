/**
 * Which answer a request gets, in the order the service checks: authentication, region, operation,
 * rate limit, body, injected faults, then the operation itself.
 */

import type { OperationContext } from './context.js';
import { accessDenied, SimError, serviceError, throttling } from './errors.js';
import type { FaultBook, FaultKind } from './faults.js';
import type { Body } from './input.js';
import { OPERATIONS } from './operations.js';
import type { RegionRateLimiter } from './rate-limit.js';
import type { InstanceStore } from './state.js';
import type { StatsRecorder } from './stats.js';
import type { SimRequest } from './types.js';
import { type Answer, error } from './wire.js';

/** Faults any operation can play, instead of running it. */
const REQUEST_FAULTS: readonly FaultKind[] = ['throttle', 'server-error', 'access-denied', 'hang'];

/** The decision never to answer: a `hang` fault. */
export const NO_ANSWER = Symbol('no answer');
export type Decision = Answer | typeof NO_ANSWER;

/** The simulator's parts a request is answered from. */
export interface Dispatch {
  readonly store: InstanceStore;
  readonly faults: FaultBook;
  readonly stats: StatsRecorder;
  readonly limiter: RegionRateLimiter | undefined;
  readonly now: () => Date;
  readonly pageSize: number;
  readonly metricDelaySeconds: number;
  /** What the rate limit is kept apart by besides the region: another account's access key. */
  readonly limitKey?: string;
}

/** The answer to one request whose body was already read; `body` is the parse error, if any. */
export function decide(d: Dispatch, method: string, request: SimRequest, body: Body | SimError): Decision {
  const { op, region } = request;
  if (region === '') {
    return error(new SimError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token'));
  }
  if (!d.store.hasRegion(region)) {
    // Outside the simulated regions the real endpoint does not exist or the region is not enabled
    // for the account; an opted-out region answers UnrecognizedClientException (403), a client
    // error the SDK surfaces at once without retrying, which is what a caller must handle.
    return error(
      new SimError(
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      ),
    );
  }
  if (method !== 'POST' || !Object.hasOwn(OPERATIONS, op)) {
    return error(new SimError(400, 'UnknownOperationException', `Unknown operation ${op}`));
  }
  if (d.limiter && !d.limiter.tryTake(d.limitKey === undefined ? region : `${d.limitKey}/${region}`)) {
    d.stats.throttled();
    return error(throttling());
  }
  if (body instanceof SimError) return error(body);
  const fault = d.faults.take(REQUEST_FAULTS, request)?.kind;
  if (fault) {
    d.stats.faultInjected();
    if (fault === 'hang') return NO_ANSWER;
    if (fault === 'throttle') d.stats.throttled();
    return error(
      fault === 'throttle' ? throttling() : fault === 'server-error' ? serviceError() : accessDenied(op),
    );
  }
  const ctx: OperationContext = {
    region,
    store: d.store,
    now: d.now(),
    pageSize: d.pageSize,
    metricDelaySeconds: d.metricDelaySeconds,
    takeFault(kinds) {
      const taken = d.faults.take(kinds, request);
      if (taken) d.stats.faultInjected();
      return taken;
    },
  };
  try {
    return { status: 200, body: (OPERATIONS[op] as (typeof OPERATIONS)[string])(ctx, body) };
  } catch (e) {
    if (e instanceof SimError) return error(e);
    throw e;
  }
}
