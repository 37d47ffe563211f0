/**
 * The Lightsail permissions the guard uses, in one place: the stack grants them to the function's
 * role (infra/policy.ts) and `member-template` to a member account's role, so the two cannot drift.
 */

import { TAGS } from '../constants.js';

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

/**
 * The guard's Lightsail statements in `account`: reads, stop and tag, and with `restartOnNewMonth`
 * the conditioned start. The guard's own role and each member account's role get exactly these.
 */
export function lightsailStatements(
  partition: string,
  account: string,
  restartOnNewMonth: boolean,
): PolicyStatementJson[] {
  return [
    { Sid: 'ReadLightsail', Effect: 'Allow', Action: [...LIGHTSAIL_READ_ACTIONS], Resource: '*' },
    {
      // Instance ARNs end in a generated id, not the name, so every instance of the account it is;
      // all regions because the guard watches instances wherever they are.
      Sid: 'StopAndTagInstances',
      Effect: 'Allow',
      Action: [...LIGHTSAIL_INSTANCE_ACTIONS],
      Resource: instancesArn(partition, account),
    },
    ...(restartOnNewMonth ? [startStatement(partition, account)] : []),
  ];
}
