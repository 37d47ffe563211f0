import { describe, expect, it } from 'vitest';
import { guardPolicyDocument } from '../../infra/policy.js';
import { memberTemplate } from '../../src/accounts/template.js';
import { main } from '../../src/cli-main.js';

interface RoleJson {
  Properties: {
    RoleName: string;
    AssumeRolePolicyDocument: { Statement: Record<string, unknown>[] };
    Policies: { PolicyDocument: { Statement: { Sid: string; Action: unknown; Resource: unknown }[] } }[];
  };
}

const roleOf = (template: Record<string, unknown>): RoleJson =>
  (template.Resources as { GuardRole: RoleJson }).GuardRole;

/** Every Lightsail action of a list of statements. */
const lightsailActions = (statements: readonly { Action: unknown }[]): string[] =>
  statements
    .flatMap((statement) => [statement.Action].flat() as string[])
    .filter((a) => a.startsWith('lightsail:'));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('member-template', () => {
  it('prints one role the guard’s account may assume, requiring the external id', async () => {
    const run = await cli([
      'member-template',
      '--guard-account',
      '999988887777',
      '--external-id',
      'guard-7f3a',
    ]);

    const role = roleOf(JSON.parse(run.out) as Record<string, unknown>);
    expect(run.code).toBe(0);
    expect(role.Properties.RoleName).toBe('lightsail-guard-member');
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's placeholder.
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::999988887777:root' } },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'guard-7f3a' } },
      },
    ]);
  });

  it('sets no external id condition when none is given, and takes another role name', () => {
    const role = roleOf(memberTemplate({ guardAccount: '999988887777', restart: false, roleName: 'guard' }));

    expect(role.Properties.RoleName).toBe('guard');
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0]).not.toHaveProperty('Condition');
  });

  it.each([false, true])(
    'grants exactly the Lightsail actions the guard’s own role has (restart %s), in the member’s own account',
    (restart) => {
      const role = roleOf(memberTemplate({ guardAccount: '999988887777', restart }));
      const own = guardPolicyDocument({
        partition: 'aws',
        account: '123456789012',
        region: 'us-east-1',
        botTokenParameterName: '/t',
        restartOnNewMonth: restart,
      });

      const [policy] = role.Properties.Policies;
      const statements = policy?.PolicyDocument.Statement ?? [];
      expect(lightsailActions(statements)).toEqual(lightsailActions(own.Statement));
      expect(lightsailActions(statements).includes('lightsail:StartInstance')).toBe(restart);
      expect(statements.map((statement) => statement.Resource)).toContainEqual({
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's placeholders.
        'Fn::Sub': 'arn:${AWS::Partition}:lightsail:*:${AWS::AccountId}:Instance/*',
      });
      const start = statements.find((statement) => statement.Action === 'lightsail:StartInstance');
      const ownStart = own.Statement.find((statement) => statement.Action === 'lightsail:StartInstance');
      expect(start === undefined ? undefined : { ...start, Resource: undefined }).toEqual(
        ownStart === undefined ? undefined : { ...ownStart, Resource: undefined },
      );
    },
  );

  it('refuses a guard account that is not 12 digits (exit 2)', async () => {
    const run = await cli(['member-template', '--guard-account', '1234']);

    expect(run.code).toBe(2);
    expect(run.err).toContain('--guard-account must be the 12-digit id');
  });
});
