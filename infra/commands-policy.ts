import { TAGS } from '../src/constants.js';
import {
  guardPolicyDocument,
  instancesArn,
  LIGHTSAIL_READ_ACTIONS,
  type PolicyDocumentJson,
  type PolicyStatementJson,
  type PolicyTarget,
} from './policy.js';

/**
 * The chat commands' function's permissions (`telegramCommands`): what the guard's function reads
 * (Lightsail, the token, the channel secrets, the alert topic for announcements), and the changes
 * the commands make, nothing more: `TagResource` (`/keep`, `/hold`), `UntagResource` (`/release`)
 * and `StartInstance` (`/keep` of a stopped instance). It never stops an instance.
 */
export const COMMANDS_TAG_ACTIONS = ['lightsail:TagResource', 'lightsail:UntagResource'] as const;

/**
 * `/keep` starts what its owner asked to start, whether or not the guard stopped it; never one
 * tagged `lightsail-guard:hold` (the same test as the guard's own start grant: `policy.ts`).
 */
export function commandsStartStatement(partition: string, account: string): PolicyStatementJson {
  return {
    Sid: 'StartInstancesOnRequest',
    Effect: 'Allow',
    Action: 'lightsail:StartInstance',
    Resource: instancesArn(partition, account),
    Condition: { StringNotLike: { [`aws:ResourceTag/${TAGS.hold}`]: '*' } },
  };
}

export function commandsPolicyDocument(target: Omit<PolicyTarget, 'restartOnNewMonth'>): PolicyDocumentJson {
  const { partition, account } = target;
  // The guard's reads of SSM, KMS and SNS, without its stop and its own start grant. Without
  // `sts:AssumeRole` too: the chat commands act in the guard's own account only (ACCOUNTS is not
  // searched from the chat yet).
  const shared = guardPolicyDocument({
    ...target,
    restartOnNewMonth: false,
    accountRoleArns: [],
  }).Statement.filter(
    (statement) => statement.Sid !== 'ReadLightsail' && statement.Sid !== 'StopAndTagInstances',
  );
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadLightsail', Effect: 'Allow', Action: [...LIGHTSAIL_READ_ACTIONS], Resource: '*' },
      {
        Sid: 'TagInstancesOnRequest',
        Effect: 'Allow',
        Action: [...COMMANDS_TAG_ACTIONS],
        Resource: instancesArn(partition, account),
      },
      commandsStartStatement(partition, account),
      ...shared,
    ],
  };
}
