import { describe, expect, it } from 'vitest';
import { parseAccounts } from '../../src/accounts/config.js';
import { parseConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

const PROD = 'arn:aws:iam::111122223333:role/lightsail-guard-member';
const CN = 'arn:aws-cn:iam::444455556666:role/team/lightsail-guard-member';

describe('ACCOUNTS and ACCOUNT_EXTERNAL_ID', () => {
  it('reads role ARNs, each optionally named, and their account ids', () => {
    const parsed = parseAccounts({ ACCOUNTS: `prod=${PROD}, ${CN}`, ACCOUNT_EXTERNAL_ID: 'guard-7f3a' });

    expect(parsed).toEqual({
      accounts: [
        { roleArn: PROD, id: '111122223333', name: 'prod' },
        { roleArn: CN, id: '444455556666' },
      ],
      externalId: 'guard-7f3a',
    });
  });

  it('checks only the guard’s own account when ACCOUNTS is unset', () => {
    expect(parseConfig({}).accounts).toEqual([]);
  });

  it.each([
    ['not an ARN', 'prod=111122223333'],
    ['a user, not a role', 'arn:aws:iam::111122223333:user/guard'],
    ['a name of 12 digits', `111122223333=${PROD}`],
  ])('refuses %s, naming ACCOUNTS and the entry', (_, value) => {
    expect(() => parseAccounts({ ACCOUNTS: value })).toThrow(ConfigError);
    expect(() => parseAccounts({ ACCOUNTS: value })).toThrow(
      /^ACCOUNTS must be comma-separated IAM role ARNs/,
    );
  });

  it('refuses one account twice', () => {
    const twice = 'arn:aws:iam::111122223333:role/other';
    expect(() => parseAccounts({ ACCOUNTS: `${PROD},${twice}` })).toThrow(/"111122223333" is there twice/);
  });

  it('refuses an external id without ACCOUNTS, which would do nothing', () => {
    expect(() => parseAccounts({ ACCOUNT_EXTERNAL_ID: 'guard-7f3a' })).toThrow(/ACCOUNTS, which is not set/);
  });

  it('refuses an external id STS would refuse, without repeating it', () => {
    expect(() => parseAccounts({ ACCOUNTS: PROD, ACCOUNT_EXTERNAL_ID: 'has space' })).toThrow(
      /ACCOUNT_EXTERNAL_ID must be 2 to 1224 characters.*got 9 characters/,
    );
  });
});
