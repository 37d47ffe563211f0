import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { MISSING_CHAT_ID } from '../../infra/stack.js';
import { DAILY_REPORT_EVENT, ENV } from '../../src/constants.js';
import { synthStack } from './synth.js';

// Synthesis takes seconds: once with the defaults, once with every setting given.
let defaults: Template;
let configured: Template;

beforeAll(() => {
  defaults = synthStack().template;
  configured = synthStack({
    telegramChatId: '-1001234567890',
    botTokenParameterName: 'guard-token',
    botTokenKmsKeyArn: 'arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    quotaPercent: '95',
    warnPercent: '80,90',
    instancesToMonitor: 'web-1,db_2',
    regions: 'ap-southeast-1,us-east-1',
    allowanceUnit: 'GiB',
    checkSchedule: 'rate(2 hours)',
    reportTime: '23:58',
    reportTimeZone: 'Asia/Shanghai',
    alarmEmail: 'ops@example.com',
    memorySize: '1024',
    timeoutSeconds: '600',
    logRetentionDays: '30',
  }).template;
});

function onlyResource(template: Template, type: string): Record<string, unknown> {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return (found[0] as { Properties: Record<string, unknown> }).Properties;
}

function schedules(template: Template) {
  return Object.values(template.findResources('AWS::Scheduler::Schedule')).map(
    (r) => (r as { Properties: Record<string, unknown> }).Properties,
  );
}

function guardPolicyStatements(template: Template): Array<Record<string, unknown>> {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith('GuardPolicy'))
    .map(
      ([, r]) =>
        (r as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties,
    );
  expect(policies).toHaveLength(1);
  return policies[0]?.PolicyDocument.Statement ?? [];
}

describe('the function', () => {
  it('runs Node.js 22 on arm64 from the bundled index.mjs with memory and timeout from the settings', () => {
    defaults.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 300,
    });
    configured.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Timeout: 600 });
  });

  it('never runs twice at once (reserved concurrency 1)', () => {
    expect(onlyResource(defaults, 'AWS::Lambda::Function').ReservedConcurrentExecutions).toBe(1);
  });

  it('does not retry failed asynchronous invocations, and drops events older than a run can wait', () => {
    defaults.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 600,
      Qualifier: '$LATEST',
    });
    configured.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumEventAgeInSeconds: 1200 });
  });

  it('logs to its own log group, kept three months by default', () => {
    expect(onlyResource(defaults, 'AWS::Logs::LogGroup').RetentionInDays).toBe(90);
    expect(onlyResource(configured, 'AWS::Logs::LogGroup').RetentionInDays).toBe(30);
    defaults.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^Logs') } },
    });
  });
});

describe('the environment', () => {
  it('holds only the parameter name, the report time zone and the check interval when nothing else is configured', () => {
    const env = (onlyResource(defaults, 'AWS::Lambda::Function').Environment as { Variables: unknown })
      .Variables;
    expect(env).toEqual({
      [ENV.telegramBotTokenParameter]: '/lightsail-guard/telegram-bot-token',
      [ENV.timeZone]: 'UTC',
      [ENV.checkIntervalMinutes]: '10',
    });
  });

  it('passes every configured guard setting under the shared names', () => {
    const env = (onlyResource(configured, 'AWS::Lambda::Function').Environment as { Variables: unknown })
      .Variables;
    expect(env).toEqual({
      [ENV.telegramBotTokenParameter]: 'guard-token',
      [ENV.telegramChatId]: '-1001234567890',
      [ENV.quotaPercent]: '95',
      [ENV.warnPercent]: '80,90',
      [ENV.instancesToMonitor]: 'web-1,db_2',
      [ENV.regions]: 'ap-southeast-1,us-east-1',
      [ENV.allowanceUnit]: 'GiB',
      [ENV.timeZone]: 'Asia/Shanghai',
      [ENV.checkIntervalMinutes]: '120',
    });
  });

  it('holds no token: no TELEGRAM_BOT_TOKEN, and no value shaped like a bot token', () => {
    for (const template of [defaults, configured]) {
      const env = (
        onlyResource(template, 'AWS::Lambda::Function').Environment as { Variables: Record<string, string> }
      ).Variables;
      expect(Object.keys(env)).not.toContain(ENV.telegramBotToken);
      for (const value of Object.values(env)) expect(value).not.toMatch(/\d{6,}:[\w-]{30,}/);
    }
  });
});

describe('a stack without a chat', () => {
  it('stops synth and deploy with an error (not a warning) saying where to set telegramChatId', () => {
    const { stack } = synthStack();

    Annotations.fromStack(stack).hasError('/LightsailGuard', MISSING_CHAT_ID);
    expect(MISSING_CHAT_ID).toContain('"telegramChatId" in deploy.settings.json');
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('takes a channel secrets parameter as the channel: no error, the function told its name and let read it', () => {
    const { stack, template } = synthStack({ channelSecretsParameterName: '/lightsail-guard/channels' });

    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    const env = (
      onlyResource(template, 'AWS::Lambda::Function').Environment as { Variables: Record<string, unknown> }
    ).Variables;
    expect(env[ENV.channelSecretsParameter]).toBe('/lightsail-guard/channels');
    expect(JSON.stringify(template.toJSON())).toContain('ReadChannelSecrets');
    expect(MISSING_CHAT_ID).toContain('"channelSecretsParameterName"');
  });

  it('has no error once the chat is set', () => {
    const { stack } = synthStack({ telegramChatId: '-1001234567890' });

    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});

describe('the schedules', () => {
  it('checks every ten minutes by default, with the empty event the handler reads as a check', () => {
    const check = schedules(defaults).find((s) => s.ScheduleExpression === 'rate(10 minutes)');
    expect(check).toMatchObject({
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Input: '{}', RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    expect(schedules(configured).map((s) => s.ScheduleExpression)).toContain('rate(2 hours)');
  });

  it('sends the daily report at the local time of the configured zone, never retried', () => {
    const report = (template: Template) =>
      schedules(template).find((s) => String(s.ScheduleExpression).startsWith('cron('));
    expect(report(defaults)).toMatchObject({
      ScheduleExpression: 'cron(58 23 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Input: JSON.stringify(DAILY_REPORT_EVENT), RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    expect(report(configured)).toMatchObject({
      ScheduleExpression: 'cron(58 23 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
    });
  });

  it('invokes through one role that Scheduler of this account assumes and that may only invoke the guard', () => {
    const roles = new Set(
      schedules(defaults).map((s) => JSON.stringify((s.Target as { RoleArn: unknown }).RoleArn)),
    );
    expect(roles.size).toBe(1);
    defaults.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: Match.objectLike({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }) },
          }),
        ],
      },
    });
    const schedulerPolicies = Object.entries(defaults.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('SchedulerRole'),
    );
    expect(schedulerPolicies).toHaveLength(1);
    const [, policy] = schedulerPolicies[0] ?? [];
    const statements = (policy as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties
      .PolicyDocument.Statement;
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [
          { 'Fn::GetAtt': [expect.stringMatching(/^Guard/), 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^Guard/), 'Arn'] }, ':*']] },
        ],
      },
    ]);
  });
});

describe('permissions', () => {
  it('grants exactly the Lightsail actions the guard uses, with no wildcard action', () => {
    const statements = guardPolicyStatements(defaults);
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
    expect(actions).toEqual([
      'lightsail:GetRegions',
      'lightsail:GetInstances',
      'lightsail:GetInstanceMetricData',
      'lightsail:GetInstanceState',
      'lightsail:StopInstance',
      'lightsail:TagResource',
      'ssm:GetParameter',
    ]);
    for (const action of actions) expect(action).not.toContain('*');
  });

  it('scopes stop and tag to the account’s instances', () => {
    const stop = guardPolicyStatements(defaults).find((s) => s.Sid === 'StopAndTagInstances');
    expect(stop?.Resource).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':lightsail:*:', { Ref: 'AWS::AccountId' }, ':Instance/*'],
      ],
    });
  });

  it('may read only the one bot-token parameter, with or without a leading slash in its name', () => {
    const arn = (name: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ssm:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:parameter/${name}`,
        ],
      ],
    });
    const read = (template: Template) =>
      guardPolicyStatements(template).find((s) => s.Action === 'ssm:GetParameter');
    expect(read(defaults)?.Resource).toEqual(arn('lightsail-guard/telegram-bot-token'));
    expect(read(configured)?.Resource).toEqual(arn('guard-token'));
  });

  it('adds kms:Decrypt only for a customer-managed key, and only through SSM', () => {
    expect(guardPolicyStatements(defaults).some((s) => s.Action === 'kms:Decrypt')).toBe(false);
    expect(guardPolicyStatements(configured).find((s) => s.Action === 'kms:Decrypt')).toMatchObject({
      Resource: 'arn:aws:kms:ap-southeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      Condition: {
        StringEquals: {
          'kms:ViaService': { 'Fn::Join': ['', ['ssm.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
        },
      },
    });
  });
});

describe('alarms', () => {
  it('alarms on one failed invocation in ten minutes, and not when nothing ran', () => {
    defaults.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 600,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
    });
  });

  it('alarms when the guard did not run for an hour, counting no data as not running', () => {
    defaults.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Invocations',
      Statistic: 'Sum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
    });
    // Checks every two hours: an hour without a run is normal, four hours is not.
    configured.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Invocations', Period: 14_400 });
  });

  it('subscribes the alarm email only when one is set', () => {
    defaults.resourceCountIs('AWS::SNS::Subscription', 0);
    configured.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });

  it('outputs the function name, log group and alarm topic', () => {
    expect(Object.keys(defaults.findOutputs('*')).sort()).toEqual([
      'AlarmTopicArn',
      'FunctionName',
      'LogGroupName',
    ]);
  });
});
