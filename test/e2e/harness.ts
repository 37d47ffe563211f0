import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  childEnvironment,
  SIMULATED_CHAT_ID,
  simulatedAws,
  simulatedEnvironment,
} from '../../sim/environment.js';
import {
  type LightsailSimulator,
  type SimInstanceSpec,
  type SimulatorOptions,
  startLightsailSimulator,
} from '../../sim/lightsail/index.js';
import { type FakeTelegram, startFakeTelegram } from '../../sim/telegram/index.js';
import { constant, type TrafficShape } from '../../sim/traffic.js';
import type { AwsSettings } from '../../src/aws-settings.js';
import { main } from '../../src/cli-main.js';
import { createHandler, type Handler } from '../../src/lambda.js';

export const CHAT_ID = SIMULATED_CHAT_ID;
export const GB = 1e9;

/**
 * An instance at `share` of a 1,024 GB allowance, created long before this month. A running one
 * moved all of it in the first minute of the month and nothing since: a level, not a trend, so
 * that no outcome turns on the day the test runs (its pace is 0: no forecast alert, no stop ahead).
 * Only before 02:15 UTC on the 1st is that minute recent enough to count as pace. A stopped one
 * (`extra.state`) holds the same total spread over the month (stopped instances move nothing).
 */
export function instanceAt(
  name: string,
  region: string,
  share: number,
  extra: Partial<SimInstanceSpec> = {},
): SimInstanceSpec {
  const total = share * 1024 * GB;
  const traffic =
    extra.state === undefined || extra.state === 'running'
      ? { shape: levelAt(share) }
      : { traffic: { inBytes: total / 2, outBytes: total / 2 } };
  return { name, region, gbPerMonthAllocated: 1024, ...traffic, ...extra };
}

/** `share` of 1,024 GB, all moved in the first minute of this month (see `instanceAt`). */
export function levelAt(share: number): TrafficShape {
  const now = new Date();
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
  const total = share * 1024 * GB;
  return constant({ bytesPerSecond: total / 60, from: monthStart, to: monthStart + 60, outShare: 0.5 });
}

export interface World {
  readonly lightsail: LightsailSimulator;
  readonly telegram: FakeTelegram;
  /** The environment a user would set, pointing AWS and Telegram at the local fakes. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the Lightsail simulator (three regions unless told otherwise) and the fake Bot API. */
export async function startWorld(
  instances: SimInstanceSpec[],
  regions = ['us-east-1', 'eu-west-2', 'ap-south-1'],
  options: Omit<SimulatorOptions, 'instances' | 'regions'> = {},
) {
  const lightsail = await startLightsailSimulator({ ...options, instances, regions });
  const telegram = await startFakeTelegram();
  const env = simulatedEnvironment(lightsail, telegram);
  return {
    lightsail,
    telegram,
    env,
    close: () => Promise.all([lightsail.close(), telegram.close()]).then(() => undefined),
  } satisfies World;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in this process through `main`, the same function the binary calls. The AWS SDK
 * resolves endpoints from `process.env`, so the world's variables are placed there for the run.
 */
export async function runInProcess(
  world: World,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  const merged = { ...world.env, ...env };
  const saved = { ...process.env };
  Object.assign(process.env, merged);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(args, merged, { out: (text) => out.push(text), err: (text) => err.push(text) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    for (const key of Object.keys(merged)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** A handler built in a test, and the JSON log lines it wrote. */
export interface LambdaInWorld {
  readonly handler: Handler;
  readonly logs: { readonly level: string; readonly line: Record<string, unknown> }[];
}

/**
 * A fresh Lambda container in the world: a handler whose environment holds the world's settings
 * (`env` over them; its `AWS_*` variables are the SDK's, given as settings instead), whose AWS
 * clients reach the simulator (and `endpoints` for SSM or SNS) with the world's credentials, and
 * whose log lines are kept. Nothing is read from or written to `process.env`.
 */
export function lambdaIn(
  world: World,
  options: {
    readonly env?: Record<string, string>;
    readonly endpoints?: NonNullable<AwsSettings['endpoints']>;
    readonly now?: () => Date;
  } = {},
): LambdaInWorld {
  const settings = Object.entries(world.env).filter(([name]) => !name.startsWith('AWS_'));
  const aws = simulatedAws(world.lightsail);
  const logs: LambdaInWorld['logs'][number][] = [];
  const handler = createHandler({
    env: { ...Object.fromEntries(settings), ...options.env },
    aws: { ...aws, endpoints: { ...aws.endpoints, ...options.endpoints } },
    now: options.now ?? (() => new Date()),
    write: (line, level) => logs.push({ level, line: JSON.parse(line) }),
  });
  return { handler, logs };
}

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const execFileAsync = promisify(execFile);

/** Runs the built binary (`npm run build` first) as a user would, with only the given environment. */
export async function runBinary(
  world: World | undefined,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  const childEnv = childEnvironment({ ...world?.env, ...env });
  try {
    const done = await execFileAsync(process.execPath, [cli, ...args], { env: childEnv, encoding: 'utf8' });
    return { code: 0, stdout: done.stdout, stderr: done.stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
