import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliPolicyDocument, printablePolicyDocument, startStatement } from '../../infra/policy.js';

/** The ```json block between `<!-- <marker>:start -->` and `<!-- <marker>:end -->` in a page of the docs. */
function pageBlock(page: string, marker: string): unknown {
  const lines = readFileSync(new URL(`../../${page}`, import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(`<!-- ${marker}:start -->`));
  const end = lines.findIndex((line, i) => i > start && line.includes(`<!-- ${marker}:end -->`));
  const open = lines.findIndex((line, i) => i > start && line.trim() === '```json');
  const close = lines.findIndex((line, i) => i > open && line.trim() === '```');
  if (start < 0 || end < 0 || open < 0 || close < 0 || close > end) {
    throw new Error(
      `${page} needs a \`\`\`json block between <!-- ${marker}:start --> and <!-- ${marker}:end -->`,
    );
  }
  return JSON.parse(lines.slice(open + 1, close).join('\n'));
}

describe('the IAM of the month’s lifecycle and the instance commands', () => {
  it('in the deploy docs, the statement restarting adds is the one the stack adds', () => {
    const statements = printablePolicyDocument({ restartOnNewMonth: true }).Statement;

    expect(pageBlock('docs/deploy.md', 'start-policy')).toEqual(startStatement('aws', '<ACCOUNT_ID>'));
    expect(statements).toContainEqual(startStatement('aws', '<ACCOUNT_ID>'));
  });

  it('in the CLI docs, the instance commands’ policy is the one npm run policy -- --cli prints', () => {
    expect(pageBlock('docs/cli.md', 'cli-policy')).toEqual(cliPolicyDocument());
  });

  it('gives the instance commands UntagResource and StartInstance, which the default guard never gets', () => {
    const cli = cliPolicyDocument().Statement.flatMap((s) => [s.Action].flat());
    const guard = printablePolicyDocument().Statement.flatMap((s) => [s.Action].flat());

    expect(cli).toEqual(
      expect.arrayContaining(['lightsail:UntagResource', 'lightsail:StartInstance', 'lightsail:TagResource']),
    );
    expect(guard).not.toContain('lightsail:UntagResource');
    expect(guard).not.toContain('lightsail:StartInstance');
  });
});
