import type { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { requireLambdaChannels } from './channels/registry.js';
import { snsClientFor } from './channels/sns.js';
import { type Config, parseConfig } from './config.js';
import { parseChannelSecrets, withChannelSecrets } from './config-secrets.js';
import { DAILY_REPORT_EVENT, ENV } from './constants.js';
import type { Fleet } from './core/ports.js';
import { runDeadline } from './engine/deadline.js';
import { type Command, type LogEvent, runGuard } from './engine/run.js';
import { type Environment, setting } from './env.js';
import { exitCodeOf, resultJson } from './output.js';
import { readBotTokenParameter } from './ssm/bot-token.js';
import { readSecureString } from './ssm/parameter.js';
import { guardChannels, guardFleet, lightsailClients } from './wiring.js';

/** One JSON object per line: CloudWatch Logs Insights queries fields without parsing text. */
function log(event: LogEvent): void {
  const line = JSON.stringify({ time: new Date().toISOString(), ...event });
  if (event.level === 'error') console.error(line);
  else console.log(line);
}

interface Runtime {
  readonly config: Config;
  /** The bot token, when Telegram is a channel. */
  readonly token: string | undefined;
  readonly fleet: Fleet;
  /** The SNS client, when SNS is a channel. */
  readonly snsClient: SNSClient | undefined;
}

// Built once per cold start: configuration, the token from SSM, the fleet and the SNS client.
let runtime: Promise<Runtime> | undefined;

/**
 * The environment with the secret channel settings of CHANNEL_SECRETS_PARAMETER added, when it is
 * set: webhook and push URLs carry credentials and do not belong in a function's configuration.
 */
async function environmentWithSecrets(env: NodeJS.ProcessEnv, ssm: () => SSMClient): Promise<Environment> {
  const parameter = setting(env, ENV.channelSecretsParameter);
  if (parameter === undefined) return env;
  const text = await readSecureString(ssm(), parameter, 'channel settings');
  return withChannelSecrets(env, parseChannelSecrets(text, parameter), parameter);
}

async function buildRuntime(env: NodeJS.ProcessEnv): Promise<Runtime> {
  let client: SSMClient | undefined;
  const ssm = (): SSMClient => {
    client ??= new SSMClient({});
    return client;
  };
  const config = parseConfig(await environmentWithSecrets(env, ssm));
  requireLambdaChannels(config);
  const token =
    config.channels.telegram !== undefined
      ? (config.telegram.token ?? (await readBotTokenParameter(ssm(), config.telegram.tokenParameter ?? '')))
      : undefined;
  const sns = config.channels.sns;
  return {
    config,
    token,
    fleet: await guardFleet(config, lightsailClients(config)),
    snsClient: sns === undefined ? undefined : snsClientFor(sns.topicArn),
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

/**
 * The scheduled entry point. Runs `check` (or `report`), logs a JSON summary and the instances
 * worth a line, and fails the invocation after all work is done when anything could not be
 * checked, stopped or sent, so that the Errors alarm fires.
 */
export async function handler(
  event: unknown,
  context?: InvocationContext,
): Promise<ReturnType<typeof resultJson>> {
  runtime ??= buildRuntime(process.env).catch((error: unknown) => {
    runtime = undefined; // a fixed parameter or setting is picked up by the next invocation
    throw error;
  });
  const { config, token, fleet, snsClient } = await runtime;
  const command = commandFor(event);
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
  const result = await runGuard(
    { fleet, channels, now: () => new Date(), log, ...(deadline ? { deadline } : {}) },
    config,
    {
      command,
      dryRun: false,
    },
  );
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
