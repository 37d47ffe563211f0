import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/core/alert-event.js';
import { catalogueFor } from '../../src/core/i18n/index.js';
import type { ReportRow } from '../../src/core/report-model.js';
import { UNIDENTIFIED_ACCOUNT } from '../../src/core/types.js';
import { anInstance, GB } from '../support/builders.js';

const context = { unit: 'GB', quotaPercent: 95, monthKey: '2026-11' } as const;
const PROD = { id: '111122223333', name: 'prod' } as const;

function stopIn(account: { id: string; name?: string } | undefined): AlertEvent {
  return {
    kind: 'stop',
    instance: anInstance({ name: 'web', region: 'us-east-1', ...(account ? { account } : {}) }),
    outcome: 'stopped',
    usedBytes: 97 * GB,
    allowanceBytes: 100 * GB,
    percent: 97,
  };
}

const row: ReportRow = {
  name: 'web',
  region: 'us-east-1',
  account: PROD.id,
  accountName: PROD.name,
  state: 'running',
  usedBytes: 10 * GB,
  allowanceBytes: 100 * GB,
  percent: 10,
  allowanceShare: 1,
  action: 'none',
};

describe('the account in messages, only when several accounts are checked', () => {
  it('names an instance’s account by its name, else its id, in both languages and in SMS', () => {
    const [en, zh] = (['en', 'zh-CN'] as const).map(catalogueFor);

    expect(en?.alert(stopIn(PROD), context)).toContain('<code>web</code> in us-east-1, account prod:');
    expect(zh?.alert(stopIn(PROD), context)).toContain('<code>web</code>（us-east-1，账号 prod）');
    expect(en?.alert(stopIn({ id: PROD.id }), context)).toContain('in us-east-1, account 111122223333:');
    expect(en?.sms.alert(stopIn(PROD))).toContain('STOPPED web (us-east-1, account prod)');
    expect(zh?.sms.alert(stopIn(PROD))).toContain('已停止 web（us-east-1，账号 prod）');
  });

  it('says nothing of accounts when only the guard’s own is checked', () => {
    const [en, zh] = (['en', 'zh-CN'] as const).map(catalogueFor);

    expect(en?.alert(stopIn(undefined), context)).toContain('<code>web</code> in us-east-1:');
    expect(zh?.alert(stopIn(undefined), context)).toContain('<code>web</code>（us-east-1）');
    expect(en?.sms.alert(stopIn(undefined))).not.toContain('account');
  });

  it('words an account that could not be checked with its name and id, and its subject and SMS', () => {
    const event: AlertEvent = { kind: 'account-failed', account: PROD, error: 'AccessDenied' };
    const [en, zh] = (['en', 'zh-CN'] as const).map(catalogueFor);

    expect(en?.alert(event, context)).toBe(
      '❗ <b>Account not checked</b> prod (111122223333): AccessDenied. Its instances are not guarded until it can be read.',
    );
    expect(zh?.alert(event, context)).toBe(
      '❗ <b>账号未检查</b> prod（111122223333）：该账号的区域和实例都无法读取（AWS 返回：AccessDenied）。在能读取之前，其中的实例不受保护。',
    );
    expect(en?.headline(event)).toBe('account prod not checked');
    expect(zh?.headline(event)).toBe('账号未检查：prod');
    expect(en?.sms.alert(event)).toBe('ACCOUNT NOT CHECKED prod, its instances are not guarded');
    expect(zh?.sms.alert(event)).toBe('账号未检查 prod，其中的实例暂不受保护');
  });

  it('words a role that could not be assumed in Chinese, quoting only what AWS said', () => {
    const error =
      'could not assume arn:aws:iam::111122223333:role/lightsail-guard-member: AccessDenied: not authorized';
    const event: AlertEvent = { kind: 'account-failed', account: PROD, error };
    const [en, zh] = (['en', 'zh-CN'] as const).map(catalogueFor);

    expect(en?.alert(event, context)).toContain(`prod (111122223333): ${error}.`);
    expect(zh?.alert(event, context)).toContain(
      '：无法代入成员角色 <code>arn:aws:iam::111122223333:role/lightsail-guard-member</code>（AWS 返回：AccessDenied: not authorized）。',
    );
  });

  it('calls the guard’s own account, when it could not be identified, by what it is in Chinese', () => {
    const event: AlertEvent = {
      kind: 'account-failed',
      account: UNIDENTIFIED_ACCOUNT,
      error: 'could not be identified (GetCallerIdentity): ExpiredToken: expired',
    };
    const [en, zh] = (['en', 'zh-CN'] as const).map(catalogueFor);

    expect(en?.alert(event, context)).toContain(
      "Account not checked</b> the guard's own (own): could not be identified (GetCallerIdentity): ExpiredToken: expired.",
    );
    expect(zh?.alert(event, context)).toContain(
      '账号未检查</b> lightsail-guard 自己的账号：<code>GetCallerIdentity</code> 未能确认 lightsail-guard 所在的账号（AWS 返回：ExpiredToken: expired）。',
    );
    expect(zh?.headline(event)).toBe('账号未检查：lightsail-guard 自己的账号');
    expect(zh?.sms.alert(event)).toBe('账号未检查 lightsail-guard 自己的账号，其中的实例暂不受保护');
  });

  it('puts a region’s account beside it when the region could not be read, and on the report’s lines', () => {
    const event: AlertEvent = { kind: 'region-failed', region: 'eu-west-3', error: 'down', account: PROD };
    const [en, zh] = (['en', 'zh-CN'] as const).map(catalogueFor);

    expect(en?.alert(event, context)).toContain('Region not checked</b> eu-west-3 (account prod):');
    expect(zh?.alert(event, context)).toContain('区域未检查</b> eu-west-3（账号 prod）：');
    expect(en?.report.regionFailure('eu-west-3', 'down', PROD)).toBe(
      '❗ eu-west-3 (account prod) could not be read: down',
    );
    expect(en?.report.line(row, '', { ...context, warnPercents: [80, 90] })).toContain(
      '<code>web</code> us-east-1 (account prod) ·',
    );
    expect(zh?.report.line(row, '', { ...context, warnPercents: [80, 90] })).toContain(
      '<code>web</code> us-east-1（账号 prod） ·',
    );
  });
});
