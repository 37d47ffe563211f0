#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, DEFAULTS, type Environment, parseConfig, requireTelegram } from './config.js';
import { ENV } from './constants.js';
import type { Notifier } from './core/ports.js';
import { runDeadline } from './engine/deadline.js';
import { type Command, runGuard } from './engine/run.js';
import { ConfigError, UsageError } from './errors.js';
import { exitCodeOf, renderResult, resultJson } from './output.js';
import { guardFleet, lightsailClients, telegramNotifier } from './wiring.js';

const COMMANDS: readonly Command[] = ['check', 'report', 'status'];

/** A few minutes: far more than a fleet of hundreds needs, short enough that a hung region ends. */
export const DEFAULT_TIMEOUT_SECONDS = 180;

export const HELP = `lightsail-guard: stop Amazon Lightsail instances before they run past their monthly
data-transfer allowance, with Telegram alerts and a daily report.

Usage: lightsail-guard <command> [options]

Commands:
  check     Read every monitored running instance's usage, stop those at or over the
            threshold, and send the alerts that are due (each warning once a month).
  report    Send the daily report of every monitored instance to Telegram. Stops nothing.
  status    Print the same table on the terminal. Sends and stops nothing.

Options:
  --dry-run               check, report: do everything except stop and send; print
                          what would be done, naming each instance
  --json                  print the result as JSON
  --quota-percent <n>     stop threshold in percent (overrides ${ENV.quotaPercent}, default ${DEFAULTS.quotaPercent})
  --warn-percent <list>   warning levels, e.g. 80,90; "" disables (overrides ${ENV.warnPercent})
  --instances <list>      instance names, or ALL (overrides ${ENV.instancesToMonitor})
  --regions <list>        regions, e.g. us-east-1,eu-west-2 (overrides ${ENV.regions};
                          default: every region GetRegions returns)
  --allowance-unit <u>    GB (10^9 bytes, default) or GiB (2^30 bytes) (overrides ${ENV.allowanceUnit})
  --concurrency <n>       instances read at once per region, 1..25 (overrides ${ENV.concurrency}, default ${DEFAULTS.concurrency})
  --requests-per-second <n>
                          pace Lightsail requests per region (overrides ${ENV.requestsPerSecond};
                          default: no pacing, throttling is retried)
  --timeout <seconds>     the whole run's deadline (default ${DEFAULT_TIMEOUT_SECONDS}): Lightsail reads and stops
                          end early enough to send the alerts and save their state; instances
                          not read by then are "unknown" (exit 1)
  -h, --help              show this help
  -v, --version           show the version

Environment:
  ${ENV.telegramBotToken}, ${ENV.telegramChatId}   needed by check and report (not with --dry-run)
  ${ENV.telegramApiRoot}       default https://api.telegram.org
  ${ENV.prorateNewInstances}   pro-rate the allowance of instances created this month (default true)
  AWS credentials and region come from the AWS SDK's default chain (AWS_PROFILE, AWS_REGION, ...);
  AWS_ENDPOINT_URL_LIGHTSAIL points every region at a Lightsail-compatible endpoint.

Exit codes:
  0  every monitored instance was checked and every stop and message succeeded
  1  something could not be checked, or a stop or a message failed (the rest was still done)
  2  bad configuration or usage; nothing was called

State: alert state lives in lightsail-guard:* tags on each instance. Tag an instance
lightsail-guard:keep-running = YYYY-MM (this month) to keep it running past the threshold.`;

const FLAG_TO_ENV = {
  'quota-percent': ENV.quotaPercent,
  'warn-percent': ENV.warnPercent,
  instances: ENV.instancesToMonitor,
  regions: ENV.regions,
  'allowance-unit': ENV.allowanceUnit,
  concurrency: ENV.concurrency,
  'requests-per-second': ENV.requestsPerSecond,
} as const;

interface Invocation {
  readonly command: Command | 'help' | 'version';
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly timeoutSeconds: number;
  readonly env: Environment;
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout must be a number of seconds greater than 0; got "${raw}"`);
  }
  return seconds;
}

function parseInvocation(argv: readonly string[], env: Environment): Invocation {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        timeout: { type: 'string' },
        ...Object.fromEntries(Object.keys(FLAG_TO_ENV).map((flag) => [flag, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const idle = { dryRun: false, json: false, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, env };
  if (values.help) return { command: 'help', ...idle };
  if (values.version) return { command: 'version', ...idle };
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError('no command given: use check, report or status');
  if (command === 'help') return { command: 'help', ...idle };
  if (!COMMANDS.includes(command as Command)) {
    throw new UsageError(`unknown command "${command}": use check, report or status`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values['dry-run'] && command === 'status') {
    throw new UsageError('status never stops or sends anything; --dry-run is for check and report');
  }
  const overrides = Object.fromEntries(
    Object.entries(FLAG_TO_ENV).flatMap(([flag, name]) => {
      const given = values[flag];
      return typeof given === 'string' ? [[name, given]] : [];
    }),
  );
  return {
    command: command as Command,
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    timeoutSeconds: parseTimeout(typeof values.timeout === 'string' ? values.timeout : undefined),
    env: { ...env, ...overrides },
  };
}

function version(): string {
  const manifest = fileURLToPath(new URL('../package.json', import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function execute(
  invocation: Invocation & { command: Command },
  out: (text: string) => void,
): Promise<number> {
  const config: Config = parseConfig(invocation.env);
  const deadline = runDeadline(invocation.timeoutSeconds * 1000);
  const sends = invocation.command !== 'status' && !invocation.dryRun;
  if (sends) requireTelegram(config, invocation.command);
  if (sends && config.telegram.token === undefined) {
    throw new ConfigError(
      `the CLI needs ${ENV.telegramBotToken} itself (${ENV.telegramBotTokenParameter} is read by the Lambda only)`,
    );
  }
  const notifier: Notifier | undefined =
    sends && config.telegram.token !== undefined
      ? telegramNotifier(config, config.telegram.token, { deadline })
      : undefined;
  const fleet = await guardFleet(config, lightsailClients(config));
  const result = await runGuard({ fleet, notifier, now: () => new Date(), deadline }, config, {
    command: invocation.command,
    dryRun: invocation.dryRun,
  });
  out(
    invocation.json
      ? JSON.stringify(resultJson(result), null, 2)
      : renderResult(result, config.allowance.unit),
  );
  return exitCodeOf(result);
}

/**
 * Runs the CLI and returns its exit code; the one place errors become exit codes: 2 for
 * configuration and usage, 1 for anything that stopped the run, else what the run found.
 */
export async function main(
  argv: readonly string[],
  env: Environment,
  io: { readonly out: (text: string) => void; readonly err: (text: string) => void },
): Promise<number> {
  try {
    const invocation = parseInvocation(argv, env);
    if (invocation.command === 'help' || invocation.command === 'version') {
      io.out(invocation.command === 'help' ? HELP : version());
      return 0;
    }
    return await execute({ ...invocation, command: invocation.command }, io.out);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`lightsail-guard: ${error.message}\nRun "lightsail-guard --help" for usage.`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`lightsail-guard: configuration error: ${error.message}`);
      return 2;
    }
    io.err(`lightsail-guard: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
