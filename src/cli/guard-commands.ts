/** `check`, `report` and `status`: one run of the guard over the fleet, as the Lambda does. */

import { CHANNEL_SETTINGS, requireChannels } from '../channels/registry.js';
import { type Config, DEFAULTS, parseConfig } from '../config.js';
import { ENV } from '../constants.js';
import { runDeadline } from '../engine/deadline.js';
import { type Command, runGuard } from '../engine/run.js';
import { UsageError } from '../errors.js';
import { exitCodeOf, renderResult, resultJson } from '../output.js';
import type { CliCommand, CliContext, OptionSpec, ParsedArgs } from './command.js';
import { positionals } from './options.js';

/** A few minutes: far more than a fleet of hundreds needs, short enough that a hung region ends. */
export const DEFAULT_TIMEOUT_SECONDS = 180;

/** Flags that override a setting of the environment, for this run only. */
const FLAG_TO_ENV = {
  'quota-percent': ENV.quotaPercent,
  'warn-percent': ENV.warnPercent,
  instances: ENV.instancesToMonitor,
  regions: ENV.regions,
  'allowance-unit': ENV.allowanceUnit,
  concurrency: ENV.concurrency,
  'requests-per-second': ENV.requestsPerSecond,
} as const;

const RUN_OPTIONS: OptionSpec = {
  json: { type: 'boolean' },
  account: { type: 'string' },
  timeout: { type: 'string' },
  ...Object.fromEntries(Object.keys(FLAG_TO_ENV).map((flag) => [flag, { type: 'string' as const }])),
};

const COLUMN = ' '.repeat(26);

/** What `--timeout` bounds, by command (`any`: the global help): only check stops, status sends nothing. */
const TIMEOUT_HELP: Readonly<Record<Command | 'any', string>> = {
  check: `Lightsail reads and stops
${COLUMN}end early enough to send the alerts and save their state; instances
${COLUMN}not read by then are "unknown" (exit 1)`,
  report: `Lightsail reads end early
${COLUMN}enough to send the report; instances not read by then are
${COLUMN}"unknown" (exit 1)`,
  status: `Lightsail reads end in time
${COLUMN}to print the table; instances not read by then are "unknown" (exit 1)`,
  any: `Lightsail reads (and check's
${COLUMN}stops) end early enough to send what is due; instances not read by
${COLUMN}then are "unknown" (exit 1)`,
};

/** The options every guard run takes, as `--help` lists them. */
export function runOptionsHelp(command: Command | 'any'): string {
  return `  --json                  print the result as JSON
  --timeout <seconds>     the whole run's deadline (default ${DEFAULT_TIMEOUT_SECONDS}): ${TIMEOUT_HELP[command]}
  --account <id|name>     check only this account (one of ${ENV.accounts}, or the guard's own id)
  --quota-percent <n>     stop threshold in percent (overrides ${ENV.quotaPercent}, default ${DEFAULTS.quotaPercent})
  --warn-percent <list>   warning levels, e.g. 80,90; "" disables (overrides ${ENV.warnPercent})
  --instances <list>      instance names, or ALL (overrides ${ENV.instancesToMonitor})
  --regions <list>        regions, e.g. us-east-1,eu-west-2 (overrides ${ENV.regions};
                          default: every region GetRegions returns)
  --allowance-unit <u>    GB (10^9 bytes, default) or GiB (2^30 bytes) (overrides ${ENV.allowanceUnit})
  --concurrency <n>       instances read at once per region, 1..25 (overrides ${ENV.concurrency}, default ${DEFAULTS.concurrency})
  --requests-per-second <n>
                          pace Lightsail requests per region (overrides ${ENV.requestsPerSecond};
                          default: no pacing, throttling is retried)`;
}

/** `--dry-run` of check and report (`any`: the global help, as check's); report never stops anything. */
export function dryRunHelp(command: 'check' | 'report' | 'any'): string {
  const skipped = command === 'report' ? 'send' : 'stop and send';
  return `  --dry-run               do everything except ${skipped}; print what would be done,
${COLUMN}naming each instance`;
}

function parseTimeout(raw: string | boolean | undefined): number {
  if (raw === undefined || typeof raw === 'boolean') return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout must be a number of seconds greater than 0; got "${raw}"`);
  }
  return seconds;
}

async function runCommand(command: Command, args: ParsedArgs, ctx: CliContext): Promise<number> {
  positionals(args, [], command);
  const dryRun = args.values['dry-run'] === true;
  const overrides = Object.fromEntries(
    Object.entries(FLAG_TO_ENV).flatMap(([flag, name]) => {
      const given = args.values[flag];
      return typeof given === 'string' ? [[name, given]] : [];
    }),
  );
  const timeoutSeconds = parseTimeout(args.values.timeout);
  const config: Config = parseConfig({ ...ctx.env, ...overrides });
  const deadline = runDeadline(timeoutSeconds * 1000);
  const sends = command !== 'status' && !dryRun;
  if (sends) requireChannels(config, command);
  // A dry run names the channels it would send to; status sends nothing.
  const channels = command === 'status' ? [] : ctx.channelsFor(config, deadline);
  const fleet = await ctx.fleetFor(config);
  const only = typeof args.values.account === 'string' ? args.values.account : undefined;
  if (only !== undefined && config.accounts.length === 0) {
    throw new UsageError(`--account picks one of the accounts in ${ENV.accounts}, which is not set`);
  }
  const accounts = await ctx.accountsFor?.(config, only);
  const dependencies = {
    fleet,
    channels,
    now: () => new Date(),
    deadline,
    ...(accounts ? { accounts } : {}),
  };
  const result = await runGuard(dependencies, config, {
    command,
    dryRun,
  });
  ctx.out(
    args.values.json === true
      ? JSON.stringify(resultJson(result), null, 2)
      : renderResult(result, config.allowance.unit, {
          quotaPercent: config.policy.quotaPercent,
          timeZone: config.timeZone,
        }),
  );
  return exitCodeOf(result);
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: `Read every monitored running instance's usage, stop those at or over the
            threshold, and send the alerts that are due (each warning once a month).`,
  help: `Usage: lightsail-guard check [options]

Reads the usage of every monitored running instance, stops each one at or over the
threshold, and sends the alerts that are due to every configured channel (each warning
once a month).
Needs a channel (${CHANNEL_SETTINGS}) unless --dry-run.

Options:
${dryRunHelp('check')}
${runOptionsHelp('check')}`,
  options: { ...RUN_OPTIONS, 'dry-run': { type: 'boolean' } },
  run: (args, ctx) => runCommand('check', args, ctx),
};

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Send the daily report of every monitored instance to every channel. Stops nothing.',
  help: `Usage: lightsail-guard report [options]

Sends the daily report of every monitored instance, stopped ones included, to every
configured channel.
Stops nothing. Needs a channel (${CHANNEL_SETTINGS}) unless --dry-run.

Options:
${dryRunHelp('report')}
${runOptionsHelp('report')}`,
  options: { ...RUN_OPTIONS, 'dry-run': { type: 'boolean' } },
  run: (args, ctx) => runCommand('report', args, ctx),
};

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Print the same table on the terminal. Sends and stops nothing.',
  help: `Usage: lightsail-guard status [options]

Prints every monitored instance's usage, allowance and percentage on the terminal.
Sends and stops nothing, and needs no channel settings.

Options:
${runOptionsHelp('status')}`,
  options: RUN_OPTIONS,
  run: (args, ctx) => runCommand('status', args, ctx),
};
