/**
 * Pause gates, shared by both simulators: a test holds the requests a gate catches at an exact step,
 * acts meanwhile (kills the client, reads state), then releases them.
 */

/** A gate a test opened. */
export interface Pause<T> {
  /** Resolves with the first request held at this gate; rejects if the simulator closes first. */
  readonly arrived: Promise<T>;
  /** Lets every held request go on, and every later one through: the gate stays open. */
  release(): void;
}

/** A request a gate caught: the server calls `hold()` at the step where the request waits. */
export interface Caught<O> {
  readonly options: O;
  /** Reports the request as arrived (the first resolves `arrived`); settles on `release()`. */
  hold(): Promise<void>;
}

interface Gate<O, T> {
  readonly options: O;
  remaining: number;
  readonly released: Promise<void>;
  readonly arrive: (request: T) => void;
  readonly fail: (e: Error) => void;
}

/** The gates open on one simulator, matched in the order they were opened. */
export class PauseGates<O extends { times?: number }, T> {
  private gates: Gate<O, T>[] = [];

  constructor(private readonly matches: (options: O, request: T) => boolean) {}

  open(options: O): Pause<T> {
    let arrive: (request: T) => void = () => {};
    let fail: (e: Error) => void = () => {};
    const arrived = new Promise<T>((resolve, reject) => {
      arrive = resolve;
      fail = reject;
    });
    // A test that never awaits `arrived` must not fail on an unhandled rejection at close().
    arrived.catch(() => {});
    let open: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      open = resolve;
    });
    const gate: Gate<O, T> = {
      options: { ...options },
      remaining: options.times ?? Number.POSITIVE_INFINITY,
      released,
      arrive,
      fail,
    };
    this.gates.push(gate);
    return {
      arrived,
      release: () => {
        this.gates = this.gates.filter((g) => g !== gate);
        open();
      },
    };
  }

  /** The gate that catches `request`, spending one of its `times`; `undefined` lets it through. */
  take(request: T): Caught<O> | undefined {
    const gate = this.gates.find((g) => g.remaining > 0 && this.matches(g.options, request));
    if (!gate) return undefined;
    gate.remaining -= 1;
    return {
      options: gate.options,
      hold: () => {
        gate.arrive(request);
        return gate.released;
      },
    };
  }

  /** The simulator is closing: a gate still waiting for its first request fails its `arrived`. */
  close(): void {
    for (const gate of this.gates)
      gate.fail(new Error('The simulator closed before a request reached the pause'));
    this.gates = [];
  }
}
