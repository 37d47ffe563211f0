import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSts, startFakeSts } from '../../sim/sts/index.js';
import { cachedRoleCredentials, RENEW_BEFORE_MS } from '../../src/accounts/credentials.js';
import { assumeRole, callerAccount, StsError, stsEndpoint } from '../../src/accounts/sts.js';

const ROLE = 'arn:aws:iam::111122223333:role/lightsail-guard-member';
const GUARD = { accessKeyId: 'AKIDGUARD', secretAccessKey: 'secret', sessionToken: 'guard-session' };

let sts: FakeSts | undefined;
afterEach(async () => {
  await sts?.close();
  sts = undefined;
});

const settings = (fake: FakeSts) => ({
  endpoint: fake.endpoint,
  region: 'us-east-1',
  credentials: async () => GUARD,
});

describe('STS AssumeRole and GetCallerIdentity (Query protocol)', () => {
  it('assumes a role as session lightsail-guard with the external id, signed for sts with the guard’s session token', async () => {
    sts = await startFakeSts({
      roles: { [ROLE]: { accessKeyId: 'AKIDPROD', externalId: 'guard-7f3a' } },
      now: () => new Date('2026-12-01T00:00:00Z'),
    });

    const credentials = await assumeRole(settings(sts), { roleArn: ROLE, externalId: 'guard-7f3a' });

    expect(credentials.accessKeyId).toBe('AKIDPROD');
    expect(credentials.expiration.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(sts.requests).toEqual([
      {
        action: 'AssumeRole',
        params: {
          Action: 'AssumeRole',
          Version: '2011-06-15',
          RoleArn: ROLE,
          RoleSessionName: 'lightsail-guard',
          DurationSeconds: '3600',
          ExternalId: 'guard-7f3a',
        },
        accessKeyId: 'AKIDGUARD',
        service: 'sts',
        sessionToken: true,
      },
    ]);
  });

  it('throws STS’s refusal with its code when the external id is wrong', async () => {
    sts = await startFakeSts({ roles: { [ROLE]: { accessKeyId: 'AKIDPROD', externalId: 'guard-7f3a' } } });

    const refused = assumeRole(settings(sts), { roleArn: ROLE, externalId: 'wrong' });

    await expect(refused).rejects.toThrow(StsError);
    await expect(refused).rejects.toThrow(
      /^AccessDenied: .*not authorized to perform: sts:AssumeRole on resource/,
    );
  });

  it('reads the account of the guard’s own credentials', async () => {
    sts = await startFakeSts({ roles: {}, callers: { AKIDGUARD: '999988887777' } });

    expect(await callerAccount(settings(sts))).toBe('999988887777');
  });
});

describe('the STS endpoint, by the SDK’s rules', () => {
  it('takes AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL, else the regional endpoint', () => {
    expect(
      stsEndpoint({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_ENDPOINT_URL: 'http://x' }, 'eu-west-2'),
    ).toBe('http://127.0.0.1:9');
    expect(stsEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:8' }, 'eu-west-2')).toBe('http://127.0.0.1:8');
    expect(stsEndpoint({}, 'eu-west-2')).toBe('https://sts.eu-west-2.amazonaws.com');
    expect(stsEndpoint({}, 'cn-north-1')).toBe('https://sts.cn-north-1.amazonaws.com.cn');
  });

  it('ignores configured endpoints when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true', () => {
    const env = { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
    expect(stsEndpoint(env, 'us-east-1')).toBe('https://sts.us-east-1.amazonaws.com');
  });
});

describe('a role’s credentials, reused while valid', () => {
  const HOUR = 3_600_000;
  const issued = (at: number) => ({
    accessKeyId: `AKID${at}`,
    secretAccessKey: 's',
    sessionToken: 't',
    expiration: new Date(at + HOUR),
  });

  it('assumes once, and again only within RENEW_BEFORE_MS of expiry', async () => {
    let now = 0;
    const calls: number[] = [];
    const provider = cachedRoleCredentials(
      async () => {
        calls.push(now);
        return issued(now);
      },
      () => now,
    );

    await provider();
    now = HOUR - RENEW_BEFORE_MS - 1;
    await provider();
    now = HOUR - RENEW_BEFORE_MS;
    await provider();

    expect(calls).toEqual([0, HOUR - RENEW_BEFORE_MS]);
  });

  it('shares one call between callers at the same moment, and keeps no failure', async () => {
    let calls = 0;
    const provider = cachedRoleCredentials(
      async () => {
        calls++;
        if (calls === 1) throw new Error('refused');
        return issued(0);
      },
      () => 0,
    );

    const first = await Promise.allSettled([provider(), provider()]);
    const second = await provider();

    expect(first.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(second.accessKeyId).toBe('AKID0');
    expect(calls).toBe(2);
  });
});
