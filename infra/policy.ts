import { TAGS } from '../src/constants.js';
import { DEFAULT_BOT_TOKEN_PARAMETER } from './settings.js';

/**
 * The one source of the guard's IAM permissions. The stack attaches this document to the function's
 * role and `scripts/print-policy.ts` prints it for console and CLI users, so docs/deploy.md cannot drift
 * from what is deployed (a test compares them).
 */

/**
 * Reads: these actions have no resource-level permissions, so their resource is `*`.
 * `GetInstanceState` is read only after a refused stop, to tell "already stopping" from a failure.
 */
export const LIGHTSAIL_READ_ACTIONS = [
  'lightsail:GetRegions',
  'lightsail:GetInstances',
  'lightsail:GetInstanceMetricData',
  'lightsail:GetInstanceState',
] as const;

/**
 * Acts on an instance: stop it, and write the guard's alert state as tags. The guard never removes
 * its tags (it overwrites them, and clears a record by writing it empty), so
 * `lightsail:UntagResource` is not granted: see `startStatement` for why an empty record is safe.
 */
export const LIGHTSAIL_INSTANCE_ACTIONS = ['lightsail:StopInstance', 'lightsail:TagResource'] as const;

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
}

export interface PolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatementJson[];
}

/** Every Lightsail instance of the account, in every region: instance ARNs end in an id, not the name. */
export function instancesArn(partition: string, account: string): string {
  return `arn:${partition}:lightsail:*:${account}:Instance/*`;
}

/** ARN of an SSM parameter; names in a hierarchy start with `/`, which the ARN does not repeat. */
export function parameterArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`;
}

/**
 * What `startStatement` accepts as a stop record: the shape of a billing month, `YYYY-MM`. IAM's
 * `StringLike` has only `*` and `?`, so it is looser than the code's reading (`stoppedByGuardIn`,
 * `2026-12` but not `2026-13`); every record the code starts from fits it (a test checks both).
 */
export const STOP_RECORD_PATTERN = '????-??';

/**
 * Only with `restartOnNewMonth`: start what the guard stopped. The conditions hold even if the code
 * erred: only an instance whose `lightsail-guard:stopped` holds a month, and never one tagged
 * `lightsail-guard:hold`.
 *
 * Both test a tag's value, never only whether the key exists (`Null`): the guard clears its record
 * by writing it empty (after a restart the instance carries `stopped = ""`, as it does on every
 * instance an older version restarted), a key-only `hold` tag has the value "" too, and how `Null`
 * reads an empty value of a single-valued key is not documented. Read as present, `Null: false` on
 * `stopped` would let the grant start every instance the guard ever stopped; read as absent,
 * `Null: true` on `hold` would let it start one held by a key-only tag.
 * - `StringLike` on the month's shape: an empty or missing record never matches, under any reading.
 *   Removing the record instead (`UntagResource`) would not reach the records already blanked on
 *   users' instances, would need one more permission, and would split the write after delivery
 *   (which clears `stop-unsent` and `sent-to` in the same `TagResource` call) into two calls.
 * - `StringNotLike` on `*` for `hold`: true only when the key is not in the request context (IAM
 *   documents that a negated operator is true for a missing key); any value, "" included, matches
 *   `*`, so a key-only hold refuses the grant whenever IAM carries the key at all. An explicit
 *   Deny on the same test would refuse exactly what this refuses, so there is none. If IAM dropped
 *   an empty tag from the context, no condition could see a key-only hold: then the code alone
 *   keeps it stopped (`isHeld` reads any value as held), and the docs ask for a non-empty value.
 */
export function startStatement(partition: string, account: string): PolicyStatementJson {
  return {
    Sid: 'StartInstancesTheGuardStopped',
    Effect: 'Allow',
    Action: 'lightsail:StartInstance',
    Resource: instancesArn(partition, account),
    Condition: {
      StringLike: { [`aws:ResourceTag/${TAGS.stopped}`]: STOP_RECORD_PATTERN },
      StringNotLike: { [`aws:ResourceTag/${TAGS.hold}`]: '*' },
    },
  };
}

/** The guard's permissions, beyond writing its own logs (AWSLambdaBasicExecutionRole). */
export function guardPolicyDocument(target: PolicyTarget): PolicyDocumentJson {
  const { partition, account, region } = target;
  const statements: PolicyStatementJson[] = [
    { Sid: 'ReadLightsail', Effect: 'Allow', Action: [...LIGHTSAIL_READ_ACTIONS], Resource: '*' },
    {
      // Instance ARNs end in a generated id, not the name, so every instance of the account it is;
      // all regions because the guard watches instances wherever they are.
      Sid: 'StopAndTagInstances',
      Effect: 'Allow',
      Action: [...LIGHTSAIL_INSTANCE_ACTIONS],
      Resource: instancesArn(partition, account),
    },
    ...(target.restartOnNewMonth ? [startStatement(partition, account)] : []),
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
