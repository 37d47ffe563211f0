/**
 * The member side of ACCOUNTS: a CloudFormation template with one IAM role that the guard's account
 * may assume (requiring the external id when one is given), granted exactly the Lightsail
 * permissions the guard's own role has (`lightsailStatements`, shared with infra/policy.ts). It
 * deploys as is in one account, and as a service-managed StackSet across an Organization: it has
 * no parameter to fill per account, and the account is the stack's own (`AWS::AccountId`).
 */

import { ROLE_SESSION_NAME } from '../constants.js';
import { lightsailStatements, type PolicyStatementJson } from '../lightsail/policy.js';

/** The role's name unless `--role-name` says otherwise; ACCOUNTS then names its ARN in each account. */
export const DEFAULT_MEMBER_ROLE_NAME = 'lightsail-guard-member';

export interface MemberTemplateOptions {
  /** The 12-digit id of the account the guard runs in. */
  readonly guardAccount: string;
  /** The external id the role requires (ACCOUNT_EXTERNAL_ID). */
  readonly externalId?: string | undefined;
  /** RESTART_ON_NEW_MONTH on the guard: the role may start what the guard stopped, as the guard's own may. */
  readonly restart: boolean;
  readonly roleName?: string | undefined;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub placeholder, not JavaScript's.
const STACK_PARTITION = '${AWS::Partition}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub placeholder, not JavaScript's.
const STACK_ACCOUNT = '${AWS::AccountId}';

/** A string CloudFormation fills in (`Fn::Sub`) when it holds `${AWS::...}`. */
type Value = string | { readonly 'Fn::Sub': string };

const sub = (value: string): Value => (value.includes('${') ? { 'Fn::Sub': value } : value);

/** A statement whose resources name the stack's own partition and account. */
function inTheStack(statement: PolicyStatementJson): Record<string, unknown> {
  const resource = statement.Resource;
  return {
    ...statement,
    Resource: typeof resource === 'string' ? sub(resource) : resource.map(sub),
  };
}

/** The template as a plain object; `memberTemplateJson` prints it. */
export function memberTemplate(options: MemberTemplateOptions): Record<string, unknown> {
  const roleName = options.roleName ?? DEFAULT_MEMBER_ROLE_NAME;
  const trust = {
    Effect: 'Allow',
    // The guard's account; its own policy (the stack's AssumeMemberRoles) says which role of it may.
    Principal: { AWS: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::${options.guardAccount}:root` } },
    Action: 'sts:AssumeRole',
    ...(options.externalId !== undefined
      ? { Condition: { StringEquals: { 'sts:ExternalId': options.externalId } } }
      : {}),
  };
  const statements = lightsailStatements(STACK_PARTITION, STACK_ACCOUNT, options.restart);
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `lightsail-guard member role: lets the guard in account ${options.guardAccount} check this account's Lightsail instances and stop them at their data-transfer threshold (session ${ROLE_SESSION_NAME}).`,
    Resources: {
      GuardRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: roleName,
          Description: `Assumed by lightsail-guard from account ${options.guardAccount}`,
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [trust] },
          Policies: [
            {
              PolicyName: 'lightsail-guard',
              PolicyDocument: { Version: '2012-10-17', Statement: statements.map(inTheStack) },
            },
          ],
        },
      },
    },
    Outputs: {
      RoleArn: {
        Description: 'Put this ARN in ACCOUNTS (or "accounts" in deploy.settings.json) on the guard',
        Value: { 'Fn::GetAtt': ['GuardRole', 'Arn'] },
      },
    },
  };
}

/** The template as `member-template` prints it: JSON, two-space indented. */
export function memberTemplateJson(options: MemberTemplateOptions): string {
  return JSON.stringify(memberTemplate(options), null, 2);
}
