import { fileURLToPath } from 'node:url';
import {
  Annotations,
  Aws,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  TimeZone,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { ArtifactMetadataEntryType } from 'aws-cdk-lib/cloud-assembly-schema';
import type { Construct } from 'constructs';
import { setsAChannel } from '../src/channels/registry.js';
import {
  DAILY_REPORT_EVENT,
  DEPLOY_SETTINGS_FILE,
  ENV,
  SMS_MESSAGE_TYPES,
  SNS_TYPE_ATTRIBUTE,
} from '../src/constants.js';
import { GuardAlarms } from './alarms.js';
import { cdkBundlingOptions, LAMBDA_ENTRY, LAMBDA_HANDLER, TELEGRAM_WEBHOOK_ENTRY } from './bundling.js';
import { commandsPolicyDocument } from './commands-policy.js';
import { guardPolicyDocument, type PolicyTarget } from './policy.js';
import type { DeploySettings } from './settings.js';

export interface GuardStackProps extends StackProps {
  readonly settings: DeploySettings;
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Why synthesis stops without a chat: said where the user will read it, with what to do. */
export const MISSING_CHAT_ID = `No alert channel is set, so the guard could not send a single alert. Set "telegramChatId" in ${DEPLOY_SETTINGS_FILE} (copy deploy.settings.example.json; lightsail-guard find-chat-id prints the id), or "alertEmails" (or "snsTopicArn") for email through Amazon SNS, or "channelSecretsParameterName" for webhook and push channels (docs/channels.md), or pass -c telegramChatId=<chat id>.`;

/**
 * The error annotations of `stack` and everything in it (`MISSING_CHAT_ID`), in the order they were
 * added: what `cdk synth` and `cdk deploy` would stop on, for infra/app.ts to say plainly.
 */
export function stackErrors(stack: Stack): string[] {
  return stack.node
    .findAll()
    .flatMap((construct) => construct.node.metadata)
    .filter((entry) => entry.type === ArtifactMetadataEntryType.ERROR)
    .map((entry) => String(entry.data));
}

/**
 * The guard as a scheduled Lambda: one function, a check schedule, a daily-report schedule, and
 * alarms for when the guard itself breaks. Environment-agnostic (no account or region at synth
 * time), so `cdk synth` needs neither credentials nor network.
 */
export class GuardStack extends Stack {
  constructor(scope: Construct, id: string, props: GuardStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const alertTopic = alertTopicFor(this, settings);
    const alertTopicArn = alertTopic?.topicArn ?? settings.guardEnvironment[ENV.snsTopicArn];
    // A channel by the registry's variables (the chat id, a topic of your own), the topic the stack
    // creates, or the parameter webhook and push channels are read from.
    if (
      !setsAChannel(settings.guardEnvironment) &&
      alertTopic === undefined &&
      settings.channelSecretsParameterName === undefined
    ) {
      // An error, not a warning: `cdk synth` and `cdk deploy` stop on it, so no guard that cannot
      // alert is ever deployed. `cdk destroy` does not check annotations, so removal still works
      // from a clone without the settings file.
      Annotations.of(this).addError(MISSING_CHAT_ID);
    }

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: settings.logRetentionDays as logs.RetentionDays,
      // `npm run destroy` removes everything the stack created, logs included.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const fn = new NodejsFunction(this, 'Guard', {
      entry: `${REPO_ROOT}${LAMBDA_ENTRY}`,
      handler: LAMBDA_HANDLER,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description:
        'lightsail-guard: stops Lightsail instances before they exceed their data-transfer allowance',
      runtime: lambda.Runtime.NODEJS_22_X,
      // About 20% cheaper per GB-second than x86_64; the bundle is plain JavaScript.
      architecture: lambda.Architecture.ARM_64,
      // Defaults sized from the benchmark (infra/settings.ts, BENCHMARKS.md); both are settings.
      memorySize: settings.memorySize,
      timeout: Duration.seconds(settings.timeoutSeconds),
      // Two overlapping runs could stop an instance twice and send the same alert twice.
      reservedConcurrentExecutions: 1,
      // Scheduler invokes asynchronously. A retried check would only repeat the next scheduled
      // check, and a retried report would send a second daily report: no Lambda retries.
      retryAttempts: 0,
      // An event queued behind a running invocation (reserved concurrency 1 throttles it) must
      // outlive that run; one older than this would only duplicate the next scheduled check.
      maxEventAge: Duration.seconds(Math.max(300, 2 * settings.timeoutSeconds)),
      logGroup,
      environment: functionEnvironment(settings, alertTopic?.topicArn),
      bundling: cdkBundlingOptions(),
    });

    const target: PolicyTarget = {
      partition: Aws.PARTITION,
      account: Aws.ACCOUNT_ID,
      region: Aws.REGION,
      botTokenParameterName: settings.botTokenParameterName,
      channelSecretsParameterName: settings.channelSecretsParameterName,
      botTokenKmsKeyArn: settings.botTokenKmsKeyArn,
      restartOnNewMonth: settings.restartOnNewMonth,
      alertTopicArn,
      accountRoleArns: settings.accountRoleArns,
    };
    const policy = iam.PolicyDocument.fromJson(guardPolicyDocument(target));
    fn.role?.attachInlinePolicy(new iam.Policy(this, 'GuardPolicy', { document: policy }));

    // Scheduler only retries when its Invoke call fails; with an asynchronous invoke that call may
    // have queued the event anyway, so a retry could run the check twice or send two reports.
    // The next scheduled check is the retry. One role, created by the target, may only invoke `fn`.
    const targetProps = { retryAttempts: 0, maxEventAge: Duration.minutes(5) };
    new Schedule(this, 'CheckSchedule', {
      description: 'lightsail-guard: check data transfer and stop instances over the threshold',
      schedule: ScheduleExpression.expression(settings.checkSchedule),
      target: new LambdaInvoke(fn, { ...targetProps, input: ScheduleTargetInput.fromObject({}) }),
      timeWindow: TimeWindow.off(),
    });
    new Schedule(this, 'DailyReportSchedule', {
      description: 'lightsail-guard: daily data-transfer report',
      schedule: ScheduleExpression.cron({
        minute: String(settings.reportMinute),
        hour: String(settings.reportHour),
        // Scheduler reads the time in this zone and follows its daylight saving.
        timeZone: TimeZone.of(settings.reportTimeZone),
      }),
      target: new LambdaInvoke(fn, {
        ...targetProps,
        input: ScheduleTargetInput.fromObject(DAILY_REPORT_EVENT),
      }),
      // Off: a report should arrive at the time the user asked for, not within a window after it.
      timeWindow: TimeWindow.off(),
    });

    const alarms = new GuardAlarms(this, 'Alarms', {
      fn,
      checkIntervalMinutes: settings.checkIntervalMinutes,
      email: settings.alarmEmail,
    });

    new CfnOutput(this, 'FunctionName', { value: fn.functionName });
    new CfnOutput(this, 'LogGroupName', { value: logGroup.logGroupName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    if (alertTopic !== undefined) new CfnOutput(this, 'AlertTopicArn', { value: alertTopic.topicArn });
    if (settings.telegramCommands) {
      telegramCommandsFunction(this, settings, functionEnvironment(settings, alertTopic?.topicArn), target);
    }
  }
}

/**
 * The chat commands (`telegramCommands`): a function of their own behind a Function URL, so that
 * a command is answered while a check runs (the check's reserved concurrency of 1 would throttle
 * it), with only the permissions the commands need. `AuthType NONE`: Telegram cannot sign a
 * request; the function answers 401 to any request without the webhook's secret header.
 */
function telegramCommandsFunction(
  scope: Construct,
  settings: DeploySettings,
  environment: Record<string, string>,
  target: PolicyTarget,
): void {
  if (settings.guardEnvironment[ENV.telegramChatId] === undefined) {
    Annotations.of(scope).addError(
      `"telegramCommands": true needs "telegramChatId" in ${DEPLOY_SETTINGS_FILE}: the one chat that may command the guard.`,
    );
  }
  const logGroup = new logs.LogGroup(scope, 'TelegramCommandsLogs', {
    retention: settings.logRetentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const fn = new NodejsFunction(scope, 'TelegramCommands', {
    entry: `${REPO_ROOT}${TELEGRAM_WEBHOOK_ENTRY}`,
    handler: LAMBDA_HANDLER,
    projectRoot: REPO_ROOT,
    depsLockFilePath: `${REPO_ROOT}package-lock.json`,
    description: 'lightsail-guard: answers the Telegram chat commands (/status, /keep, ...)',
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: settings.memorySize,
    // Telegram waits about a minute for an answer before it sends the update again.
    timeout: Duration.seconds(50),
    logGroup,
    environment: {
      ...environment,
      ...(settings.telegramAdminIds === undefined
        ? {}
        : { [ENV.telegramAdminIds]: settings.telegramAdminIds }),
    },
    bundling: cdkBundlingOptions(),
  });
  fn.role?.attachInlinePolicy(
    new iam.Policy(scope, 'TelegramCommandsPolicy', {
      document: iam.PolicyDocument.fromJson(commandsPolicyDocument(target)),
    }),
  );
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  new CfnOutput(scope, 'TelegramCommandsUrl', {
    value: url.url,
    description: 'lightsail-guard telegram-commands on <this URL>',
  });
}

/**
 * The topic alerts are emailed and texted through, when the settings subscribe someone to it; a
 * topic of the user's own (`snsTopicArn`) is used as it is.
 */
function alertTopicFor(scope: Construct, settings: DeploySettings): sns.Topic | undefined {
  if (settings.alertEmails.length + settings.alertPhoneNumbers.length === 0) return undefined;
  const topic = new sns.Topic(scope, 'AlertTopic', { displayName: 'lightsail-guard alerts' });
  for (const email of settings.alertEmails) topic.addSubscription(new EmailSubscription(email));
  // A daily report is long, and SMS is paid by the segment: texts get the alerts, email everything.
  const alertsOnly = {
    [SNS_TYPE_ATTRIBUTE]: sns.SubscriptionFilter.stringFilter({ allowlist: [...SMS_MESSAGE_TYPES] }),
  };
  for (const phone of settings.alertPhoneNumbers) {
    topic.addSubscription(new SmsSubscription(phone, { filterPolicy: alertsOnly }));
  }
  return topic;
}

/**
 * Only the settings the user configured; the bot token never, only the name of its parameter. The
 * alert topic the stack created, if any, is the function's `SNS_TOPIC_ARN`.
 */
export function functionEnvironment(
  settings: DeploySettings,
  alertTopicArn?: string,
): Record<string, string> {
  return {
    [ENV.telegramBotTokenParameter]: settings.botTokenParameterName,
    ...settings.guardEnvironment,
    ...(alertTopicArn === undefined ? {} : { [ENV.snsTopicArn]: alertTopicArn }),
    ...(settings.channelSecretsParameterName === undefined
      ? {}
      : { [ENV.channelSecretsParameter]: settings.channelSecretsParameterName }),
  };
}
