import type { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { type AwsSettings, clientOptions } from './aws-settings.js';
import { requireLambdaChannels } from './channels/registry.js';
import { snsClientFor } from './channels/sns.js';
import { type Config, parseConfig } from './config.js';
import { parseChannelSecrets, withChannelSecrets } from './config-secrets.js';
import { DAILY_REPORT_EVENT, ENV } from './constants.js';
import type { Fleet } from './core/ports.js';
import { runDeadline } from './engine/deadline.js';
import { type Command, type LogEvent, type RunDependencies, runGuard } from './engine/run.js';
import { type Environment, setting } from './env.js';
import { logLine, writeToConsole } from './log-lines.js';
import { exitCodeOf, resultJson } from './output.js';
import { readBotTokenParameter } from './ssm/bot-token.js';
import { readSecureString } from './ssm/parameter.js';
import { guardAccounts, guardChannels, guardFleet, lightsailClients } from './wiring.js';

/** What the handler takes from outside: everything it reads, the clock, and where its log lines go. */
export interface HandlerDependencies {
  /** The function's settings (names in `constants.ENV`), read at the first invocation. */
  readonly env: Environment;
  /** How the Lightsail, SSM and SNS clients are built; `{}` leaves all of it to the AWS SDK. */
  readonly aws: AwsSettings;
  /** The billing clock, and the time of each log line. */
  readonly now: () => Date;
  /** Takes each log line, a JSON object; `level` says whether it is an error. */
  readonly write: (line: string, level: LogEvent['level']) => void;
}

/** Each event as one log line (`log-lines.ts`), stamped by the handler's clock. */
function logTo(dependencies: Pick<HandlerDependencies, 'now' | 'write'>): (event: LogEvent) => void {
  return (event) => dependencies.write(logLine(event, dependencies.now()), event.level);
}

interface Runtime {
  readonly config: Config;
  /** The bot token, when Telegram is a channel. */
  readonly token: string | undefined;
  readonly fleet: Fleet;
  /** With ACCOUNTS: every account, the roles' credentials kept for the cold start while valid. */
  readonly accounts: RunDependencies['accounts'];
  /** The SNS client, when SNS is a channel. */
  readonly snsClient: SNSClient | undefined;
}

/**
 * The environment with the secret channel settings of CHANNEL_SECRETS_PARAMETER added, when it is
 * set: webhook and push URLs carry credentials and do not belong in a function's configuration.
 */
async function environmentWithSecrets(env: Environment, ssm: () => SSMClient): Promise<Environment> {
  const parameter = setting(env, ENV.channelSecretsParameter);
  if (parameter === undefined) return env;
  const text = await readSecureString(ssm(), parameter, 'channel settings');
  return withChannelSecrets(env, parseChannelSecrets(text, parameter), parameter);
}

async function buildRuntime({ env, aws }: Pick<HandlerDependencies, 'env' | 'aws'>): Promise<Runtime> {
  let client: SSMClient | undefined;
  const ssm = (): SSMClient => {
    client ??= new SSMClient(clientOptions(aws, 'ssm'));
    return client;
  };
  const config = parseConfig(await environmentWithSecrets(env, ssm));
  requireLambdaChannels(config);
  const token =
    config.channels.telegram !== undefined
      ? (config.telegram.token ?? (await readBotTokenParameter(ssm(), config.telegram.tokenParameter ?? '')))
      : undefined;
  const sns = config.channels.sns;
  const clients = lightsailClients(config, aws);
  return {
    config,
    token,
    fleet: await guardFleet(config, clients, aws),
    accounts: await guardAccounts(config, env, clients, aws),
    snsClient: sns === undefined ? undefined : snsClientFor(sns.topicArn, aws),
  };
}

/** `{"report_type": "daily_report"}` asks for the report (the recipe's event, kept); anything else checks. */
export function commandFor(event: unknown): Command {
  const type = (event as { report_type?: unknown } | null)?.report_type;
  return type === DAILY_REPORT_EVENT.report_type ? 'report' : 'check';
}

/** The part of Lambda's context the handler uses. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Time kept back after the run's deadline to log the summary and return before Lambda's timeout. */
const RETURN_MARGIN_MS = 5_000;

/** The Lambda entry point: an event (and Lambda's context) in, the run's JSON summary out. */
export type Handler = (event: unknown, context?: InvocationContext) => Promise<ReturnType<typeof resultJson>>;

/**
 * The scheduled entry point over `dependencies`. Each invocation runs `check` (or `report`), logs a
 * JSON summary and the instances worth a line, and fails after all work is done when anything could
 * not be checked, stopped or sent, so that the Errors alarm fires. The configuration, the token
 * from SSM, the fleet and the SNS client are built at the first invocation and kept: one handler
 * is one cold start.
 */
export function createHandler(dependencies: HandlerDependencies): Handler {
  const log = logTo(dependencies);
  let runtime: Promise<Runtime> | undefined;
  return async (event, context) => {
    runtime ??= buildRuntime(dependencies).catch((error: unknown) => {
      runtime = undefined; // a fixed parameter or setting is picked up by the next invocation
      throw error;
    });
    return invoke(await runtime, commandFor(event), context, { now: dependencies.now, log });
  };
}

/** One invocation with the cold start's runtime. */
async function invoke(
  { config, token, fleet, accounts, snsClient }: Runtime,
  command: Command,
  context: InvocationContext | undefined,
  { now, log }: { readonly now: () => Date; readonly log: (event: LogEvent) => void },
): Promise<ReturnType<typeof resultJson>> {
  // One deadline for the whole run: a hung region cannot spend the invocation, and the stops it
  // made are announced and recorded before Lambda's timeout (src/engine/deadline.ts).
  const deadline = context ? runDeadline(context.getRemainingTimeInMillis() - RETURN_MARGIN_MS) : undefined;
  const channels = guardChannels(config, {
    telegramToken: token,
    deadline: deadline?.sendsEndAt,
    maxTotalMs: 30_000,
    log,
    ...(snsClient ? { snsClient } : {}),
  });
  const dependencies = { fleet, channels, now, log, ...(accounts ? { accounts } : {}) };
  const result = await runGuard({ ...dependencies, ...(deadline ? { deadline } : {}) }, config, {
    command,
    dryRun: false,
  });
  // Every instance once a day (the report); on the ten-minute checks only those with news, so that a
  // large fleet does not pay CloudWatch Logs for thousands of unchanged lines an hour.
  for (const row of result.rows) {
    const news = row.action !== 'none' && row.action !== 'not-read' && row.action !== 'ignored';
    const failed = row.unknownReason !== undefined || row.error !== undefined;
    if (command === 'report' || news || failed)
      log({ level: failed ? 'error' : 'info', msg: 'instance', ...row });
  }
  const summary = resultJson(result);
  log({
    level: summary.exitCode === 0 ? 'info' : 'error',
    msg: `${command} finished`,
    instances: result.rows.length,
    messages: result.messages.length,
    problems: result.problems,
  });
  if (exitCodeOf(result) !== 0) {
    throw new Error(
      `lightsail-guard ${command}: ${result.problems.length} problem(s): ${result.problems.join(' | ')}`,
    );
  }
  return summary;
}

/** What the deployed function is given: the AWS SDK finds its region, role and endpoints by itself. */
const DEPLOYED: HandlerDependencies = {
  env: process.env,
  aws: {},
  now: () => new Date(),
  write: writeToConsole,
};

export const handler = createHandler(DEPLOYED);
