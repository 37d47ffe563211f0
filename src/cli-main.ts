/**
 * The CLI itself: its commands, `--help`, and the one place errors become exit codes. The binary,
 * `cli.ts`, loads it only once the Node.js version has been checked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { adminOverAccounts } from './accounts/fleets.js';
import type { RetryInfo } from './channels/delivery.js';
import { CHANNEL_SETTINGS } from './channels/registry.js';
import type { CliCommand, CliContext } from './cli/command.js';
import { findChatIdCommand } from './cli/find-chat-id.js';
import {
  checkCommand,
  dryRunHelp,
  reportCommand,
  runOptionsHelp,
  statusCommand,
} from './cli/guard-commands.js';
import { holdCommand, keepRunningCommand, releaseCommand } from './cli/lifecycle-commands.js';
import { memberTemplateCommand } from './cli/member-template.js';
import { parseCommandLine } from './cli/options.js';
import { setActionCommand, setQuotaCommand, setWarnCommand } from './cli/policy-commands.js';
import { retryLine } from './cli/progress.js';
import { nearMissSettings, nearMissWarning } from './cli/setting-names.js';
import { telegramCommandsCommand } from './cli/telegram-commands.js';
import { testAlertCommand } from './cli/test-alert.js';
import { untagAllCommand } from './cli/untag-all.js';
import type { Environment } from './config.js';
import { ENV } from './constants.js';
import { LANGUAGES } from './core/i18n/catalogue.js';
import { CommandFailed, ConfigError, UsageError } from './errors.js';
import { missingProfile, NoCredentialsError, profileFiles } from './lightsail/credentials.js';
import { MINIMUM_NODE_MAJOR } from './node-version.js';
import { createBotApi } from './telegram/bot-api.js';
import { guardAccounts, guardChannels, guardFleet, lightsailClients } from './wiring.js';

/**
 * Every command, in the order `--help` lists them: the guard's runs, the instance commands, then the
 * Telegram set-up commands.
 */
export const COMMANDS: readonly CliCommand[] = [
  checkCommand,
  reportCommand,
  statusCommand,
  keepRunningCommand,
  holdCommand,
  releaseCommand,
  setQuotaCommand,
  setWarnCommand,
  setActionCommand,
  untagAllCommand,
  findChatIdCommand,
  testAlertCommand,
  telegramCommandsCommand,
  memberTemplateCommand,
];

const NAME_WIDTH = Math.max(...COMMANDS.map((command) => command.name.length));

const commandList = (): string =>
  COMMANDS.map(
    (command) =>
      `  ${command.name.padEnd(NAME_WIDTH)} ${command.summary.replace(/\n\s*/g, `\n${' '.repeat(NAME_WIDTH + 3)}`)}`,
  ).join('\n');

export const HELP = `lightsail-guard: stop Amazon Lightsail instances before they run past their monthly
data-transfer allowance, with alerts and a daily report on Telegram, email (Amazon SNS),
webhooks and push services.

Usage: lightsail-guard <command> [options]
       lightsail-guard <command> --help     that command's options
Needs Node.js ${MINIMUM_NODE_MAJOR} or newer.

First time: find-chat-id, then test-alert, then check --dry-run (README: "The first hour").

Instance commands take the instance's name and --region (found automatically when the name
is unique) and --dry-run; they need AWS credentials, never Telegram.

Commands:
${commandList()}

Options of check, report and status (--dry-run: check and report only):
${dryRunHelp('any')}
${runOptionsHelp('any')}
  -h, --help              show this help, or with a command, that command's help
  -v, --version           show the version

Environment:
  Channels: check and report (not with --dry-run) need at least one of
    ${CHANNEL_SETTINGS}
  find-chat-id needs ${ENV.telegramBotToken} only; test-alert tries every channel that is set
  ${ENV.telegramApiRoot}       default https://api.telegram.org
  ${ENV.alertLanguage}          language of alerts and reports: ${LANGUAGES.join(', ')} (default en)
  ${ENV.prorateNewInstances}   pro-rate the allowance of instances created this month (default true)
  ${ENV.action}                  stop (default) or notify: send every alert, never stop
  ${ENV.restartOnNewMonth}    true: start what the guard stopped once a new month begins
  ${ENV.timeZone}               IANA time zone of forecast times, e.g. Asia/Shanghai (default UTC)
  ${ENV.metricDelayMinutes}    metric lag assumed where it cannot be measured, minutes (default 2)
  ${ENV.checkIntervalMinutes}  minutes between your scheduled checks (default 10)
  ${ENV.stopAhead}              stop an instance that would pass the threshold before the
                          next check can see it (default true)
  ${ENV.burstMbps}              keep in reserve what a burst at this many megabits per second
                          would move before a check sees it: stop an instance once 100% is
                          that close, never below 50% (default 0: off; 1000 for 1 Gbps)
  ${ENV.allowanceScope}         instance (default) or pool: judge the instances of one bundle in
                          one region together, against their pooled allowance, as AWS bills
  ${ENV.accounts}                other AWS accounts, through roles: comma-separated role ARNs, each
                          optionally named (name=arn); the guard's own account is checked too
  ${ENV.accountExternalId}     the external id the member roles require
  AWS credentials and region come from the AWS SDK's default chain (AWS_PROFILE, AWS_REGION, ...);
  AWS_ENDPOINT_URL_LIGHTSAIL points every region at a Lightsail-compatible endpoint, and
  AWS_ENDPOINT_URL_STS the role assumptions at an STS-compatible one.

Exit codes:
  0  every monitored instance was checked and every stop and message succeeded
     (instance commands: the change was made)
  1  something could not be checked, or a stop or a message failed (the rest was still done);
     instance commands: no such instance, or a call was refused
  2  bad configuration or usage, no AWS credentials found, or a Node.js older than ${MINIMUM_NODE_MAJOR};
     nothing was called (instance commands: also a name found in two regions without --region)

State: alert state lives in lightsail-guard:* tags on each instance; keep-running, hold,
set-quota, set-warn and set-action write the tags that change what the guard does with one
instance, and untag-all removes them all.`;

function version(): string {
  const manifest = fileURLToPath(new URL('../package.json', import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const names = (): string => COMMANDS.map((command) => command.name).join(', ');

/** Picks the command and runs it; help and version need nothing else. */
async function dispatch(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`no command given: use ${names()}`);
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = COMMANDS.find((command) => command.name === rest[0]);
    ctx.out(topic?.help ?? HELP);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    ctx.out(version());
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command === undefined) {
    if (first.startsWith('-'))
      throw new UsageError(`put the command first: lightsail-guard <command> ${first}`);
    throw new UsageError(`unknown command "${first}": use ${names()}`);
  }
  const args = parseCommandLine(
    command,
    rest,
    COMMANDS.filter((other) => other !== command),
  );
  if (args.values.help === true) {
    ctx.out(command.help);
    return 0;
  }
  for (const miss of nearMissSettings(ctx.env)) ctx.err(`lightsail-guard: ${nearMissWarning(miss)}`);
  return command.run(args, ctx);
}

/**
 * `fleet`, or when the AWS SDK found no credentials because `AWS_PROFILE` names a profile that does
 * not exist, an error that names it instead of the SDK's "Could not load credentials".
 */
async function namingProfile<T>(env: Environment, fleet: Promise<T>): Promise<T> {
  try {
    return await fleet;
  } catch (error) {
    if (!(error instanceof NoCredentialsError)) throw error;
    const missing = await missingProfile(env.AWS_PROFILE, profileFiles(env));
    throw missing === undefined ? error : new ConfigError(missing, { cause: error });
  }
}

/**
 * Runs the CLI and returns its exit code; the one place errors become exit codes: 2 for
 * configuration and usage, 1 for anything that stopped the run, else what the run found.
 */
export async function main(
  argv: readonly string[],
  env: Environment,
  io: {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
    /** Whether stderr is a terminal: then a channel's retries are shown as they happen. */
    readonly errIsTTY?: boolean;
  },
): Promise<number> {
  const progress = io.errIsTTY === true ? { onRetry: (retry: RetryInfo) => io.err(retryLine(retry)) } : {};
  const ctx: CliContext = {
    env,
    out: io.out,
    err: io.err,
    fleetFor: (config) => namingProfile(env, guardFleet(config, lightsailClients(config))),
    accountsFor: (config, only) =>
      namingProfile(env, guardAccounts(config, env, lightsailClients(config), {}, only)),
    adminFor: (config, only) =>
      namingProfile(
        env,
        (async () => {
          const clients = lightsailClients(config);
          const accounts = await guardAccounts(config, env, clients, {}, only);
          if (accounts === undefined) return guardFleet(config, clients);
          return adminOverAccounts(await accounts(AbortSignal.timeout(60_000)));
        })(),
      ),
    botApiFor: ({ token, apiRoot }) => createBotApi({ token, apiRoot, env }),
    channelsFor: (config, deadline) =>
      guardChannels(config, { deadline: deadline.sendsEndAt, reach: { env }, ...progress }),
  };
  try {
    return await dispatch(argv, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`lightsail-guard: ${error.message}\nRun "lightsail-guard --help" for usage.`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`lightsail-guard: configuration error: ${error.message}`);
      return 2;
    }
    if (error instanceof CommandFailed) {
      io.err(`lightsail-guard: ${error.message}`);
      return 1;
    }
    io.err(`lightsail-guard: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  }
}
