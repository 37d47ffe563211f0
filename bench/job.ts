/** The contract between the orchestrator and the child process that runs one configuration. */

/** What one child runs. */
export interface Job {
  /** `check`: the guard's `runGuard`. `baseline`: the recipe's one-call-at-a-time algorithm. */
  readonly mode: 'check' | 'baseline';
  /** The `REGIONS` setting; `undefined` leaves it unset so that GetRegions is called. */
  readonly regions: readonly string[] | undefined;
  readonly homeRegion: string;
  readonly concurrency: number;
  readonly maxAttempts: number;
  /** Baseline only: read metrics of at most this many instances per region (the rest is extrapolated). */
  readonly sample?: number;
  /**
   * Check only: `standard` swaps the adapter's clients for ones in the SDK's standard retry mode,
   * to compare against the adaptive mode `lightsailClientFactory` uses. Default: the real factory.
   */
  readonly retryMode?: 'standard';
  /** Check only: pace each region's requests client-side (REQUESTS_PER_SECOND; src/lightsail/pacing.ts). */
  readonly pace?: { readonly perSecond: number; readonly burst: number };
}

/** Per region, what the baseline measured, so that a sampled run can be scaled to the whole fleet. */
export interface BaselineRegion {
  readonly instances: number;
  readonly read: number;
  readonly metricPhaseMs: number;
}

/** What one child reports back on a `BENCH_RESULT ` line. */
export interface JobResult {
  readonly wallMs: number;
  /** SDK commands issued (each counted once, however many attempts it took). */
  readonly commands: number;
  readonly commandsByOperation: Readonly<Record<string, number>>;
  /** SDK commands that failed after all attempts. */
  readonly failedCommands: number;
  readonly failuresByError: Readonly<Record<string, number>>;
  readonly problems: number;
  readonly problemSamples: readonly string[];
  readonly unknownUsages: number;
  readonly stopped: number;
  readonly messages: number;
  /** Resident set after imports, before the run, and the peak of the whole process (MB). */
  readonly rssStartMb: number;
  readonly peakRssMb: number;
  /** CPU time of the child (user + system), the SDK's signing and parsing included. */
  readonly cpuMs: number;
  readonly baseline?: Readonly<Record<string, BaselineRegion>>;
}

export const RESULT_PREFIX = 'BENCH_RESULT ';
