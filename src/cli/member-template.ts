/** `member-template`: the CloudFormation template a member account deploys so the guard may check it. */

import { EXTERNAL_ID_PATTERN } from '../accounts/config.js';
import { DEFAULT_MEMBER_ROLE_NAME, memberTemplateJson } from '../accounts/template.js';
import { ENV } from '../constants.js';
import { UsageError } from '../errors.js';
import type { CliCommand } from './command.js';
import { positionals } from './options.js';

/** IAM role names: 1 to 64 of letters, digits and `+=,.@_-`. */
const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

const text = (value: string | boolean | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

export const memberTemplateCommand: CliCommand = {
  name: 'member-template',
  summary: `Print the CloudFormation template of the role a member account gives the guard
            (${ENV.accounts}). Calls nothing.`,
  help: `Usage: lightsail-guard member-template --guard-account <id> [options]

Prints a CloudFormation template (JSON) with one IAM role that the guard's account may assume
and exactly the Lightsail permissions the guard uses. Deploy it in each member account (or
across an Organization as a service-managed StackSet), then add the role's ARN to ${ENV.accounts}.
Calls nothing and needs no credentials.

Options:
  --guard-account <id>    the 12-digit id of the account the guard runs in (required)
  --external-id <x>       require this external id (${ENV.accountExternalId} on the guard)
  --restart               also let the guard start what it stopped, as with RESTART_ON_NEW_MONTH
  --role-name <name>      the role's name (default ${DEFAULT_MEMBER_ROLE_NAME})`,
  options: {
    'guard-account': { type: 'string' },
    'external-id': { type: 'string' },
    restart: { type: 'boolean' },
    'role-name': { type: 'string' },
  },
  async run(args, ctx) {
    positionals(args, [], 'member-template');
    const guardAccount = text(args.values['guard-account']);
    if (guardAccount === undefined || !/^\d{12}$/.test(guardAccount)) {
      throw new UsageError(
        `--guard-account must be the 12-digit id of the account the guard runs in${guardAccount === undefined ? '' : `; got "${guardAccount}"`}`,
      );
    }
    const externalId = text(args.values['external-id']);
    if (externalId !== undefined && !EXTERNAL_ID_PATTERN.test(externalId)) {
      throw new UsageError('--external-id must be 2 to 1224 characters of letters, digits and +=,.@:/-_');
    }
    const roleName = text(args.values['role-name']);
    if (roleName !== undefined && !ROLE_NAME_PATTERN.test(roleName)) {
      throw new UsageError(`--role-name must be 1 to 64 letters, digits and +=,.@_-; got "${roleName}"`);
    }
    ctx.out(
      memberTemplateJson({ guardAccount, externalId, restart: args.values.restart === true, roleName }),
    );
    return 0;
  },
};
