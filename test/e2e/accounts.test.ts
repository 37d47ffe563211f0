import { afterEach, describe, expect, it } from 'vitest';
import type { SimAccountOptions } from '../../sim/lightsail/index.js';
import { type FakeSts, startFakeSts } from '../../sim/sts/index.js';
import { TAGS } from '../../src/constants.js';
import { instanceAt, lambdaIn, runInProcess, startWorld, type World } from './harness.js';

/** The guard's own account: the simulator's default, and what the STS fake says the world's key is. */
const OWN = '123456789012';
const PROD = {
  id: '111122223333',
  arn: 'arn:aws:iam::111122223333:role/lightsail-guard-member',
  key: 'AKIDPROD',
};
const STAGE = {
  id: '444455556666',
  arn: 'arn:aws:iam::444455556666:role/lightsail-guard-member',
  key: 'AKIDSTAGE',
};
const EXTERNAL_ID = 'guard-7f3a';

let world: World | undefined;
let sts: FakeSts | undefined;

afterEach(async () => {
  await world?.close();
  await sts?.close();
  world = undefined;
  sts = undefined;
});

/** The world with two member accounts beside the guard's own, and STS trusting the guard with the external id. */
async function twoMembers(
  own: Parameters<typeof startWorld>[0],
  members: {
    prod: SimAccountOptions['instances'];
    stage: SimAccountOptions['instances'];
    stageRefuses?: boolean;
  },
  roles: { stageRefuses?: boolean } = {},
): Promise<{
  world: World;
  sts: FakeSts;
  /** The settings, as the Lambda's environment holds them. */
  env: Record<string, string>;
  /** The same for the CLI, with the SDK's STS endpoint variable pointing at the fake. */
  cliEnv: Record<string, string>;
  /** The Lambda's AWS settings: STS at the fake, as `AWS_ENDPOINT_URL_STS` would set it. */
  endpoints: { sts: string };
}> {
  world = await startWorld(own, ['us-east-1', 'eu-west-2'], {
    accounts: {
      [PROD.key]: { accountId: PROD.id, instances: members.prod ?? [] },
      [STAGE.key]: {
        accountId: STAGE.id,
        instances: members.stage ?? [],
        refuse: members.stageRefuses === true,
      },
    },
  });
  sts = await startFakeSts({
    roles: {
      [PROD.arn]: { accessKeyId: PROD.key, externalId: EXTERNAL_ID },
      [STAGE.arn]: { accessKeyId: STAGE.key, externalId: EXTERNAL_ID, refuse: roles.stageRefuses === true },
    },
  });
  const env = {
    ACCOUNTS: `prod=${PROD.arn},${STAGE.arn}`,
    ACCOUNT_EXTERNAL_ID: EXTERNAL_ID,
    REGIONS: 'us-east-1,eu-west-2',
  };
  const cliEnv = { ...env, AWS_ENDPOINT_URL_STS: sts.endpoint };
  return { world, sts, env, cliEnv, endpoints: { sts: sts.endpoint } };
}

describe('several accounts', () => {
  it('checks the guard’s own account and two member accounts, assuming each role with the external id', async () => {
    const setup = await twoMembers([instanceAt('web', 'us-east-1', 0.1)], {
      prod: [instanceAt('web', 'us-east-1', 0.2)],
      stage: [instanceAt('api', 'eu-west-2', 0.3)],
    });
    const lambda = lambdaIn(setup.world, { env: setup.env, endpoints: setup.endpoints });

    const summary = await lambda.handler({});

    const rows = summary.instances.map((row) => [row.name, row.account, row.accountName]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['web', OWN, undefined],
        ['web', PROD.id, 'prod'],
        ['api', STAGE.id, undefined],
      ]),
    );
    expect(rows).toHaveLength(3);
    const assumed = setup.sts.requests.filter((request) => request.action === 'AssumeRole');
    expect(assumed.map((request) => request.params)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          RoleArn: PROD.arn,
          RoleSessionName: 'lightsail-guard',
          ExternalId: EXTERNAL_ID,
          Version: '2011-06-15',
        }),
        expect.objectContaining({ RoleArn: STAGE.arn, ExternalId: EXTERNAL_ID }),
      ]),
    );
    expect(assumed.every((request) => request.service === 'sts')).toBe(true);
    expect(summary.exitCode).toBe(0);
  });

  it('stops an instance in its own account and writes its tags there, leaving the same name elsewhere alone', async () => {
    const setup = await twoMembers([instanceAt('web', 'us-east-1', 0.1)], {
      prod: [instanceAt('web', 'us-east-1', 0.99)],
      stage: [],
    });
    const lambda = lambdaIn(setup.world, { env: setup.env, endpoints: setup.endpoints });

    await lambda.handler({});

    const prodWeb = setup.world.lightsail.account(PROD.key).instance('us-east-1', 'web');
    const ownWeb = setup.world.lightsail.instance('us-east-1', 'web');
    expect(prodWeb?.state).toBe('stopped');
    expect(prodWeb?.tags[TAGS.stopped]).toMatch(/^\d{4}-\d{2}$/);
    expect(ownWeb?.state).toBe('running');
    expect(ownWeb?.tags[TAGS.stopped]).toBeUndefined();
    expect(setup.world.telegram.messages[0]?.text).toContain('<code>web</code> in us-east-1, account prod');
  });

  it('keeps pools apart per account: an instance is never pooled with the same bundle in another account', async () => {
    // Pooled across accounts, own-1 would be judged at a third of its 99% and kept running.
    const setup = await twoMembers([instanceAt('own-1', 'us-east-1', 0.99)], {
      prod: [instanceAt('prod-1', 'us-east-1', 0), instanceAt('prod-2', 'us-east-1', 0)],
      stage: [],
    });
    const lambda = lambdaIn(setup.world, {
      env: { ...setup.env, ALLOWANCE_SCOPE: 'pool' },
      endpoints: setup.endpoints,
    });

    const summary = await lambda.handler({});

    expect(setup.world.lightsail.instance('us-east-1', 'own-1')?.state).toBe('stopped');
    expect(summary.pools).toEqual([
      expect.objectContaining({ account: PROD.id, accountName: 'prod', instances: ['prod-1', 'prod-2'] }),
    ]);
  });

  it('names a role that cannot be assumed as one problem and one alert, and checks and stops in the others', async () => {
    const setup = await twoMembers(
      [instanceAt('web', 'us-east-1', 0.1)],
      { prod: [instanceAt('web', 'us-east-1', 0.99)], stage: [instanceAt('api', 'eu-west-2', 0.99)] },
      { stageRefuses: true },
    );
    const lambda = lambdaIn(setup.world, { env: setup.env, endpoints: setup.endpoints });

    await expect(lambda.handler({})).rejects.toThrow(
      `account ${STAGE.id}: not checked: could not assume ${STAGE.arn}`,
    );

    expect(setup.world.lightsail.account(PROD.key).instance('us-east-1', 'web')?.state).toBe('stopped');
    expect(setup.world.lightsail.account(STAGE.key).instance('eu-west-2', 'api')?.state).toBe('running');
    const texts = setup.world.telegram.messages.map((message) => message.text).join('\n');
    expect(texts.match(/Account not checked/g)).toHaveLength(1);
    expect(texts).toContain(
      `Account not checked</b> ${STAGE.id}: could not assume ${STAGE.arn}: StsError: AccessDenied`,
    );
    expect(texts).not.toContain('Region not checked');
  });

  it('names an account whose every call is refused once, not region by region, and reads none of it as zero', async () => {
    const setup = await twoMembers([instanceAt('web', 'us-east-1', 0.1)], {
      prod: [instanceAt('web', 'us-east-1', 0.99)],
      stage: [instanceAt('api', 'eu-west-2', 0.2)],
      stageRefuses: true,
    });

    const run = await runInProcess(setup.world, ['status', '--json'], setup.cliEnv);

    const result = JSON.parse(run.stdout) as {
      instances: { account: string }[];
      problems: string[];
      regionErrors: unknown[];
    };
    expect(run.code).toBe(1);
    expect(result.problems).toEqual([
      expect.stringMatching(new RegExp(`^account ${STAGE.id}: not checked: AccessDeniedException`)),
    ]);
    expect(result.regionErrors).toEqual([]);
    expect(result.instances.map((row) => row.account).sort()).toEqual([PROD.id, OWN].sort());
  });

  it('reuses a role’s credentials from one run to the next of the same Lambda container', async () => {
    const setup = await twoMembers([], { prod: [instanceAt('web', 'us-east-1', 0.1)], stage: [] });
    const lambda = lambdaIn(setup.world, { env: setup.env, endpoints: setup.endpoints });

    await lambda.handler({});
    await lambda.handler({});

    const actions = setup.sts.requests.map((request) => request.action);
    expect(actions.filter((action) => action === 'AssumeRole')).toHaveLength(2); // prod and stage, once each
    expect(actions.filter((action) => action === 'GetCallerIdentity')).toHaveLength(1);
  });

  it('--account narrows status to one account, by name or by id, the guard’s own included', async () => {
    const setup = await twoMembers([instanceAt('web', 'us-east-1', 0.1)], {
      prod: [instanceAt('web', 'us-east-1', 0.2)],
      stage: [instanceAt('api', 'eu-west-2', 0.3)],
    });

    const byName = await runInProcess(setup.world, ['status', '--json', '--account', 'prod'], setup.cliEnv);
    const own = await runInProcess(setup.world, ['status', '--json', '--account', OWN], setup.cliEnv);
    const unknown = await runInProcess(setup.world, ['status', '--account', 'nope'], setup.cliEnv);

    const accountsOf = (stdout: string): string[] =>
      (JSON.parse(stdout) as { instances: { account: string }[] }).instances.map((row) => row.account);
    expect(accountsOf(byName.stdout)).toEqual([PROD.id]);
    expect(accountsOf(own.stdout)).toEqual([OWN]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--account must be one of the accounts checked');
    expect(setup.sts.requests.filter((request) => request.params.RoleArn === STAGE.arn)).toHaveLength(0);
  });

  it('an instance command finds the instance in the account --account names, and tags it there', async () => {
    const setup = await twoMembers([instanceAt('web', 'us-east-1', 0.1)], {
      prod: [instanceAt('web', 'us-east-1', 0.2)],
      stage: [],
    });

    const ambiguous = await runInProcess(setup.world, ['keep-running', 'web'], setup.cliEnv);
    const run = await runInProcess(setup.world, ['keep-running', 'web', '--account', 'prod'], setup.cliEnv);

    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('--account');
    expect(run.code).toBe(0);
    expect(
      setup.world.lightsail.account(PROD.key).instance('us-east-1', 'web')?.tags[TAGS.keepRunning],
    ).toBeDefined();
    expect(setup.world.lightsail.instance('us-east-1', 'web')?.tags[TAGS.keepRunning]).toBeUndefined();
  });
});
