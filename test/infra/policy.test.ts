import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guardPolicyDocument, parameterArn, printablePolicyDocument } from '../../infra/policy.js';

/** The ```json block between `<!-- policy:start -->` and `<!-- policy:end -->` in docs/deploy.md. */
function docsPolicyBlock(): unknown {
  const url = new URL('../../docs/deploy.md', import.meta.url);
  const lines = existsSync(url) ? readFileSync(url, 'utf8').split('\n') : [];
  const start = lines.findIndex((line) => line.includes('<!-- policy:start -->'));
  const end = lines.findIndex((line, i) => i > start && line.includes('<!-- policy:end -->'));
  const open = lines.findIndex((line, i) => i > start && line.trim() === '```json');
  const close = lines.findIndex((line, i) => i > open && line.trim() === '```');
  if (start < 0 || end < 0 || open < 0 || close < 0 || close > end) {
    throw new Error(
      'docs/deploy.md needs a ```json block between <!-- policy:start --> and <!-- policy:end -->: paste `npm run policy`',
    );
  }
  return JSON.parse(lines.slice(open + 1, close).join('\n'));
}

describe('the IAM policy', () => {
  it('in the deploy docs is the one the stack deploys', () => {
    expect(docsPolicyBlock()).toEqual(printablePolicyDocument());
  });

  it('names every action explicitly and never UntagResource or StartInstance', () => {
    const actions = printablePolicyDocument({
      botTokenKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/x',
    }).Statement.flatMap((s) => [s.Action].flat());

    for (const action of actions) expect(action).toMatch(/^[a-z0-9]+:[A-Za-z]+$/);
    expect(actions).not.toContain('lightsail:UntagResource');
    expect(actions).not.toContain('lightsail:StartInstance');
  });

  it('builds the parameter ARN without doubling the leading slash of a hierarchical name', () => {
    expect(parameterArn('aws', 'us-east-1', '123456789012', '/a/b')).toBe(
      'arn:aws:ssm:us-east-1:123456789012:parameter/a/b',
    );
    expect(parameterArn('aws', 'us-east-1', '123456789012', 'plain')).toBe(
      'arn:aws:ssm:us-east-1:123456789012:parameter/plain',
    );
  });

  it('fills the account, region and parameter a console user gives', () => {
    const document = guardPolicyDocument({
      partition: 'aws',
      account: '123456789012',
      region: 'ap-southeast-1',
      botTokenParameterName: '/guard/token',
    });

    expect(document.Statement.map((s) => s.Resource)).toEqual([
      '*',
      'arn:aws:lightsail:*:123456789012:Instance/*',
      'arn:aws:ssm:ap-southeast-1:123456789012:parameter/guard/token',
    ]);
  });

  it('lets the guard read the channel secrets parameter only when it has one, and no other', () => {
    const withSecrets = printablePolicyDocument({ channelSecretsParameterName: '/lightsail-guard/channels' });

    expect(withSecrets.Statement.find((s) => s.Sid === 'ReadChannelSecrets')).toEqual({
      Sid: 'ReadChannelSecrets',
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: 'arn:aws:ssm:<REGION>:<ACCOUNT_ID>:parameter/lightsail-guard/channels',
    });
    expect(printablePolicyDocument().Statement.some((s) => s.Sid === 'ReadChannelSecrets')).toBe(false);
  });

  it('lets the guard publish to its alert topic only when it has one', () => {
    const topic = 'arn:aws:sns:ap-southeast-1:123456789012:lightsail-guard-alerts';

    const withTopic = printablePolicyDocument({ alertTopicArn: topic }).Statement;

    expect(withTopic.at(-1)).toEqual({
      Sid: 'PublishAlerts',
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: topic,
    });
    expect(printablePolicyDocument().Statement.some((s) => [s.Action].flat().includes('sns:Publish'))).toBe(
      false,
    );
  });
});
