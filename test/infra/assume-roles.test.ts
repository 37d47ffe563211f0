import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthStack } from './synth.js';

const PROD = 'arn:aws:iam::111122223333:role/lightsail-guard-member';
const STAGE = 'arn:aws:iam::444455556666:role/lightsail-guard-member';

/** Every statement of every IAM policy of the template that grants `action`. */
function grants(template: Template, action: string): { Resource: unknown }[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((resource) =>
    (
      resource as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }
    ).Properties.PolicyDocument.Statement.filter((statement) => [statement.Action].flat().includes(action)),
  );
}

function environment(template: Template): Record<string, unknown> {
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function')) as {
    Properties: { Environment: { Variables: Record<string, unknown> } };
  }[];
  return fn?.Properties.Environment.Variables ?? {};
}

describe('accounts in deploy settings', () => {
  it('grants sts:AssumeRole on exactly the member roles, and passes them and the external id to the function', () => {
    const { template } = synthStack({ accounts: `prod=${PROD},${STAGE}`, externalId: 'guard-7f3a' });

    expect(grants(template, 'sts:AssumeRole')).toEqual([
      { Sid: 'AssumeMemberRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [PROD, STAGE] },
    ]);
    expect(environment(template)).toMatchObject({
      ACCOUNTS: `prod=${PROD},${STAGE}`,
      ACCOUNT_EXTERNAL_ID: 'guard-7f3a',
    });
  });

  it("grants the chat commands' function no sts permission: it acts in the guard's own account only", () => {
    const { template } = synthStack({ accounts: `prod=${PROD}`, telegramCommands: 'true' });

    // One function may assume the roles (the scheduled check), not two.
    expect(grants(template, 'sts:AssumeRole')).toEqual([
      { Sid: 'AssumeMemberRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: PROD },
    ]);
  });

  it('grants no sts permission without accounts', () => {
    const { template } = synthStack();

    expect(grants(template, 'sts:AssumeRole')).toEqual([]);
  });

  it('refuses an external id without accounts at synth, naming the key', () => {
    expect(() => synthStack({ externalId: 'guard-7f3a' })).toThrow(
      /^externalId: ACCOUNT_EXTERNAL_ID is the external id/,
    );
  });
});
