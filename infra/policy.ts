/**
 * The one source of the guard's IAM permissions. The stack attaches this document to the function's
 * role and `scripts/print-policy.ts` prints it for console and CLI users, so docs/deploy.md cannot drift
 * from what is deployed (a test compares them).
 */

import {
  instancesArn,
  lightsailStatements,
  type PolicyDocumentJson,
  type PolicyStatementJson,
} from '../src/lightsail/policy.js';
import { DEFAULT_BOT_TOKEN_PARAMETER } from './settings.js';

// The Lightsail part lives beside the code that makes those calls, so that a member account's role
// (`member-template`) is granted exactly what the guard's own is.
export {
  instancesArn,
  LIGHTSAIL_INSTANCE_ACTIONS,
  LIGHTSAIL_READ_ACTIONS,
  lightsailStatements,
  type PolicyDocumentJson,
  type PolicyStatementJson,
  STOP_RECORD_PATTERN,
  startStatement,
} from '../src/lightsail/policy.js';

export interface PolicyTarget {
  /** `aws`, `aws-cn`, ... (a token such as `Aws.PARTITION` in the stack). */
  readonly partition: string;
  readonly account: string;
  /** Region of the SSM parameter, i.e. where the function runs. */
  readonly region: string;
  readonly botTokenParameterName: string;
  /** The SecureString of secret channel settings (`CHANNEL_SECRETS_PARAMETER`), when one is used. */
  readonly channelSecretsParameterName?: string | undefined;
  /** Only for parameters encrypted with a customer-managed key. */
  readonly botTokenKmsKeyArn?: string | undefined;
  /** RESTART_ON_NEW_MONTH: adds `lightsail:StartInstance`, which the guard otherwise never gets. */
  readonly restartOnNewMonth?: boolean;
  /** The SNS topic alerts are published to (`SNS_TOPIC_ARN`); no SNS permission without one. */
  readonly alertTopicArn?: string | undefined;
  /** The member accounts' roles (ACCOUNTS): `sts:AssumeRole` on exactly these, none without. */
  readonly accountRoleArns?: readonly string[];
}

/** ARN of an SSM parameter; names in a hierarchy start with `/`, which the ARN does not repeat. */
export function parameterArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`;
}

/** The guard's permissions, beyond writing its own logs (AWSLambdaBasicExecutionRole). */
export function guardPolicyDocument(target: PolicyTarget): PolicyDocumentJson {
  const { partition, account, region } = target;
  const statements: PolicyStatementJson[] = [
    ...lightsailStatements(partition, account, target.restartOnNewMonth === true),
    {
      Sid: 'ReadBotToken',
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: parameterArn(partition, region, account, target.botTokenParameterName),
    },
    ...(target.channelSecretsParameterName === undefined
      ? []
      : [
          {
            Sid: 'ReadChannelSecrets',
            Effect: 'Allow' as const,
            Action: 'ssm:GetParameter',
            Resource: parameterArn(partition, region, account, target.channelSecretsParameterName),
          },
        ]),
  ];
  // The AWS-managed aws/ssm key lets every principal of the account decrypt through SSM, so it
  // needs no statement; a customer-managed key does (and its key policy must allow the account).
  if (target.botTokenKmsKeyArn !== undefined) {
    statements.push({
      Sid: 'DecryptBotToken',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: target.botTokenKmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `ssm.${region}.amazonaws.com` } },
    });
  }
  // Publish to the one alert topic, and nothing else in SNS (the alarm topic is CloudWatch's).
  if (target.alertTopicArn !== undefined) {
    statements.push({
      Sid: 'PublishAlerts',
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: target.alertTopicArn,
    });
  }
  // Assume the member accounts' roles, and no other (GetCallerIdentity needs no permission).
  const roles = target.accountRoleArns ?? [];
  if (roles.length > 0) {
    statements.push({
      Sid: 'AssumeMemberRoles',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: [...roles],
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * What a person running the CLI's instance commands needs (`keep-running`, `hold`, `release`,
 * `set-quota`, `set-warn`, `set-action`, `untag-all`): never given to the scheduled function. Find
 * an instance, change its tags, start or stop it on request.
 */
export const CLI_INSTANCE_ACTIONS = [
  'lightsail:TagResource',
  'lightsail:UntagResource',
  'lightsail:StartInstance',
  'lightsail:StopInstance',
] as const;

export function cliPolicyDocument(partition = 'aws', account = '<ACCOUNT_ID>'): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'FindInstances',
        Effect: 'Allow',
        Action: ['lightsail:GetRegions', 'lightsail:GetInstances'],
        Resource: '*',
      },
      {
        Sid: 'ManageInstances',
        Effect: 'Allow',
        Action: [...CLI_INSTANCE_ACTIONS],
        Resource: instancesArn(partition, account),
      },
    ],
  };
}

/** The document as the docs and console users see it: placeholders where the stack has tokens. */
export function printablePolicyDocument(overrides: Partial<PolicyTarget> = {}): PolicyDocumentJson {
  return guardPolicyDocument({
    partition: 'aws',
    account: '<ACCOUNT_ID>',
    region: '<REGION>',
    botTokenParameterName: DEFAULT_BOT_TOKEN_PARAMETER,
    ...overrides,
  });
}
