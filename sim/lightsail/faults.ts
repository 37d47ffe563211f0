/** Injected failures, matched in the order they were injected. */

import type { SimFault } from './types.js';

export type FaultKind = SimFault['kind'];

/** Where a request is going: what a fault's filters are matched against. */
export interface FaultTarget {
  readonly op: string;
  readonly region: string;
  /** The body's `instanceName` or `resourceName`, if any. */
  readonly instanceName: string | undefined;
}

interface ArmedFault {
  readonly fault: SimFault;
  remaining: number;
}

export class FaultBook {
  private armed: ArmedFault[] = [];

  inject(fault: SimFault): void {
    this.armed.push({ fault: { ...fault }, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.armed = [];
  }

  /** The kind of the first armed fault among `kinds` that matches `target`, spending one of its `times`. */
  take(kinds: readonly FaultKind[], target: FaultTarget): FaultKind | undefined {
    for (const armed of this.armed) {
      const f = armed.fault;
      if (armed.remaining <= 0 || !kinds.includes(f.kind)) continue;
      if (f.op !== undefined && f.op !== target.op) continue;
      if (f.region !== undefined && f.region !== target.region) continue;
      if (f.instanceName !== undefined && f.instanceName !== target.instanceName) continue;
      armed.remaining -= 1;
      if (armed.remaining <= 0) this.armed = this.armed.filter((a) => a !== armed);
      return f.kind;
    }
    return undefined;
  }
}
