/** Injected failures, matched in the order they were injected. */

import type { SimFault, SimRequest, SimRequestFilter } from './types.js';

export type FaultKind = SimFault['kind'];

interface ArmedFault {
  readonly fault: SimFault;
  remaining: number;
}

/** Whether `request` passes `filter`; omitted filters match anything. */
export function matchesFilter(filter: SimRequestFilter, request: SimRequest): boolean {
  return (
    (filter.op === undefined || filter.op === request.op) &&
    (filter.region === undefined || filter.region === request.region) &&
    (filter.instanceName === undefined || filter.instanceName === request.instanceName)
  );
}

export class FaultBook {
  private armed: ArmedFault[] = [];

  inject(fault: SimFault): void {
    this.armed.push({ fault: { ...fault }, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault among `kinds` that matches `request`, spending one of its `times`. */
  take(kinds: readonly FaultKind[], request: SimRequest): SimFault | undefined {
    for (const armed of this.armed) {
      if (armed.remaining <= 0 || !kinds.includes(armed.fault.kind)) continue;
      if (!matchesFilter(armed.fault, request)) continue;
      armed.remaining -= 1;
      if (armed.remaining <= 0) this.armed = this.armed.filter((a) => a !== armed);
      return armed.fault;
    }
    return undefined;
  }
}
