import { afterEach, describe, expect, it } from 'vitest';
import { TAGS } from '../../src/constants.js';
import { billingMonthOf, utcDayKey } from '../../src/core/billing-month.js';
import { instanceAt, runInProcess, startWorld, type World } from './harness.js';

/** The billing month the CLI will see (UTC), and the one before it. */
const thisMonth = (): string => billingMonthOf(new Date()).key;
const lastMonth = (): string => {
  const now = new Date();
  return billingMonthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15))).key;
};

describe('the instance commands against the Lightsail simulator', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  const tags = (name: string, region = 'us-east-1') => world.lightsail.instance(region, name)?.tags ?? {};
  const state = (name: string, region = 'us-east-1') => world.lightsail.instance(region, name)?.state;

  it('keep-running tags this billing month, found in whichever region holds the instance', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.97)]);

    const run = await runInProcess(world, ['keep-running', 'web_1']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `web_1 (eu-west-2): tagged ${TAGS.keepRunning} = ${thisMonth()}: the guard will not stop it again this month.`,
    );
    expect(tags('web_1', 'eu-west-2')[TAGS.keepRunning]).toBe(thisMonth());
  });

  it('keep-running lets the next check keep an instance over its threshold running', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.97)]);
    await runInProcess(world, ['keep-running', 'web_1']);

    const check = await runInProcess(world, ['check']);

    expect(check.code).toBe(0);
    expect(state('web_1')).toBe('running');
    expect(world.telegram.messages[0]?.text).toContain('Over threshold, kept running');
  });

  it('keep-running --start starts a stopped instance and clears the guard’s stop record', async () => {
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.97, { state: 'stopped', tags: { [TAGS.stopped]: thisMonth() } }),
    ]);

    const run = await runInProcess(world, ['keep-running', 'web_1', '--start']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('web_1 (us-east-1): started.');
    expect(state('web_1')).toBe('running');
    expect(tags('web_1')).toMatchObject({ [TAGS.keepRunning]: thisMonth(), [TAGS.stopped]: '' });
  });

  it('keep-running --start refuses a held instance (exit 1) and starts nothing', async () => {
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.5, { state: 'stopped', tags: { [TAGS.hold]: '' } }),
    ]);

    const run = await runInProcess(world, ['keep-running', 'web_1', '--start']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('web_1 (us-east-1) is held (lightsail-guard:hold): release it first');
    expect(state('web_1')).toBe('stopped');
    expect(world.lightsail.stats().calls.TagResource).toBeUndefined();
  });

  it('keep-running --clear removes the tag', async () => {
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.5, { tags: { [TAGS.keepRunning]: thisMonth() } }),
    ]);

    const run = await runInProcess(world, ['keep-running', 'web_1', '--clear']);

    expect(run.code).toBe(0);
    expect(tags('web_1')[TAGS.keepRunning]).toBeUndefined();
  });

  it('--dry-run finds the instance and says what it would do, changing nothing', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5, { state: 'stopped' })]);

    const run = await runInProcess(world, ['keep-running', 'web_1', '--start', '--dry-run']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `Dry run: would tag web_1 (us-east-1) ${TAGS.keepRunning} = ${thisMonth()}.`,
        'Dry run: would start web_1 (us-east-1).',
      ].join('\n'),
    );
    expect(state('web_1')).toBe('stopped');
    expect(Object.keys(world.lightsail.stats().calls).sort()).toEqual(['GetInstances', 'GetRegions']);
  });

  it('hold --stop tags the instance held and stops it, without a stop record of the guard', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5)]);

    const run = await runInProcess(world, ['hold', 'web_1', '--stop']);

    expect(run.code).toBe(0);
    expect(tags('web_1')[TAGS.hold]).toBe(utcDayKey(new Date()));
    expect(tags('web_1')[TAGS.stopped]).toBeUndefined();
    expect(state('web_1')).toBe('stopped');
  });

  it('release removes the hold, so the next check starts what the guard stopped last month', async () => {
    const stoppedLastMonth = { [TAGS.stopped]: lastMonth(), [TAGS.hold]: 'x' };
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0, { state: 'stopped', tags: stoppedLastMonth }),
    ]);
    const restart = { RESTART_ON_NEW_MONTH: 'true' };
    await runInProcess(world, ['check'], restart);
    expect(state('web_1')).toBe('stopped');

    const release = await runInProcess(world, ['release', 'web_1']);
    const check = await runInProcess(world, ['check'], restart);

    expect(release.code).toBe(0);
    expect(release.stdout).toContain(`the guard stopped it in ${lastMonth()}`);
    expect(tags('web_1')[TAGS.hold]).toBeUndefined();
    expect(check.code).toBe(0);
    expect(state('web_1')).toBe('running');
    expect(world.telegram.messages.at(-1)?.text).toContain(
      'Started</b> for the new month: <code>web_1</code>',
    );
  });

  it('set-quota, set-warn and set-action write the tags a check then applies', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.65)]);

    const quota = await runInProcess(world, ['set-quota', 'web_1', '70']);
    const warn = await runInProcess(world, ['set-warn', 'web_1', '50,60']);
    const action = await runInProcess(world, ['set-action', 'web_1', 'notify']);

    expect([quota.code, warn.code, action.code]).toEqual([0, 0, 0]);
    expect(tags('web_1')).toMatchObject({
      [TAGS.quota]: '70',
      [TAGS.warn]: '50/60',
      [TAGS.action]: 'notify',
    });
    expect(warn.stdout).toBe(
      `web_1 (us-east-1): tagged ${TAGS.warn} = 50/60: it is warned at 50/60 (once each a month).`,
    );
    const check = await runInProcess(world, ['check']);
    expect(check.code).toBe(0);
    expect(world.telegram.messages[0]?.text).toContain('60% warning');
  });

  it('set-warn "" turns an instance’s warnings off; --clear removes each tag', async () => {
    const own = { [TAGS.quota]: '90', [TAGS.warn]: '50', [TAGS.action]: 'ignore' };
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.65, { tags: own })]);

    await runInProcess(world, ['set-warn', 'web_1', '']);
    expect(tags('web_1')[TAGS.warn]).toBe('');
    for (const command of ['set-quota', 'set-warn', 'set-action']) {
      const run = await runInProcess(world, [command, 'web_1', '--clear']);
      expect(run.code).toBe(0);
    }

    expect(Object.keys(tags('web_1'))).toEqual([]);
  });

  it.each([
    [
      ['set-quota', 'web_1', '95%'],
      '<percent> must be a number greater than 0 (as QUOTA_PERCENT); got "95%"',
    ],
    [['set-quota', 'web_1'], 'set-quota needs <name> <percent>'],
    [['set-warn', 'web_1', '80,x'], '<levels> must be warning levels in percent'],
    [['set-action', 'web_1', 'pause'], 'the action must be stop, notify or ignore; got "pause"'],
    [['keep-running', 'web_1', '--start', '--clear'], '--start and --clear do not go together'],
    [['hold', 'web_1', '--region', 'Frankfurt'], '--region must be a Lightsail region such as us-east-1'],
  ])('refuses %j with exit 2 before any call', async (args, message) => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5)]);

    const run = await runInProcess(world, args);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(world.lightsail.stats().total).toBe(0);
  });

  it('refuses warning levels at or above the instance’s threshold, and a quota below its warn tag (exit 2)', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5, { tags: { [TAGS.warn]: '80' } })]);

    const warn = await runInProcess(world, ['set-warn', 'web_1', '80,96']);
    const quota = await runInProcess(world, ['set-quota', 'web_1', '75']);

    expect(warn.code).toBe(2);
    expect(warn.stderr).toContain("warning levels must be below web_1 (us-east-1)'s 95% threshold");
    expect(quota.code).toBe(2);
    expect(quota.stderr).toContain('set-warn web_1 <levels>');
    expect(world.lightsail.stats().calls.TagResource).toBeUndefined();
  });

  it('asks for --region when the name is in two regions (exit 2), and acts in the one given', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5), instanceAt('web_1', 'eu-west-2', 0.5)]);

    const ambiguous = await runInProcess(world, ['set-action', 'web_1', 'ignore']);
    const precise = await runInProcess(world, ['set-action', 'web_1', 'ignore', '--region', 'eu-west-2']);

    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      'an instance named web_1 is in us-east-1 and eu-west-2: say which with --region',
    );
    expect(precise.code).toBe(0);
    expect(tags('web_1', 'eu-west-2')[TAGS.action]).toBe('ignore');
    expect(tags('web_1', 'us-east-1')[TAGS.action]).toBeUndefined();
  });

  it('names a missing instance (exit 1), and a region that could not be listed', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5)]);
    world.lightsail.injectFault({ kind: 'access-denied', op: 'GetInstances', region: 'ap-south-1' });

    const run = await runInProcess(world, ['hold', 'web_9']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'no instance named web_9 in 3 regions; could not list ap-south-1: AccessDeniedException',
    );
  });

  it('says which call was refused (exit 1)', async () => {
    world = await startWorld([instanceAt('web_1', 'us-east-1', 0.5)]);
    world.lightsail.injectFault({ kind: 'access-denied', op: 'TagResource' });

    const run = await runInProcess(world, ['hold', 'web_1']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('could not tag web_1 (us-east-1) lightsail-guard:hold');
  });

  it('untag-all removes every lightsail-guard: tag from every instance, and leaves other tags', async () => {
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.5, {
        tags: { [TAGS.alerted]: '2026-11:80', [TAGS.hold]: '', team: 'a' },
      }),
      instanceAt('db_1', 'eu-west-2', 0.5, { tags: { [TAGS.stopped]: '2026-11' } }),
      instanceAt('plain', 'ap-south-1', 0.5, { tags: { team: 'b' } }),
    ]);

    const dry = await runInProcess(world, ['untag-all', '--dry-run']);
    expect(tags('web_1')[TAGS.hold]).toBe('');
    const run = await runInProcess(world, ['untag-all']);

    expect(dry.stdout).toContain('Would untag 2 instances in 3 regions.');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('web_1 (us-east-1): removed lightsail-guard:alerted, lightsail-guard:hold');
    expect(run.stdout).toContain('Untagged 2 of 2 instances in 3 regions.');
    expect(tags('web_1')).toEqual({ team: 'a' });
    expect(tags('db_1', 'eu-west-2')).toEqual({});
    expect(tags('plain', 'ap-south-1')).toEqual({ team: 'b' });
  });

  it('untag-all --region touches only that region', async () => {
    world = await startWorld([
      instanceAt('web_1', 'us-east-1', 0.5, { tags: { [TAGS.hold]: '' } }),
      instanceAt('db_1', 'eu-west-2', 0.5, { tags: { [TAGS.hold]: '' } }),
    ]);

    await runInProcess(world, ['untag-all', '--region', 'eu-west-2']);

    expect(tags('web_1')[TAGS.hold]).toBe('');
    expect(tags('db_1', 'eu-west-2')[TAGS.hold]).toBeUndefined();
  });

  it.each(['keep-running', 'hold', 'release', 'set-quota', 'set-warn', 'set-action', 'untag-all'])(
    'prints the help of %s, naming the IAM actions it needs',
    async (name) => {
      world = await startWorld([]);

      const run = await runInProcess(world, [name, '--help']);

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: lightsail-guard ${name} `));
      expect(run.stdout).toContain('Needs lightsail:GetRegions, GetInstances');
      expect(world.lightsail.stats().total).toBe(0);
    },
  );
});

describe('check on a new month, against the Lightsail simulator', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  it('starts what the guard stopped last month, once, and never what its owner stopped', async () => {
    world = await startWorld([
      instanceAt('proxy_1', 'eu-west-2', 0, { state: 'stopped', tags: { [TAGS.stopped]: lastMonth() } }),
      instanceAt('owners', 'us-east-1', 0, { state: 'stopped' }),
    ]);
    const env = { RESTART_ON_NEW_MONTH: 'true' };

    const first = await runInProcess(world, ['check'], env);
    const second = await runInProcess(world, ['check'], env);

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /proxy_1\s+eu-west-2\s+running\s+-\s+1024\.00\s+-\s+started for the new month/,
    );
    expect(world.lightsail.instance('eu-west-2', 'proxy_1')).toMatchObject({
      state: 'running',
      tags: { [TAGS.stopped]: '' },
    });
    expect(world.lightsail.instance('us-east-1', 'owners')?.state).toBe('stopped');
    expect(world.lightsail.stats().calls.StartInstance).toBe(1);
    expect(second.code).toBe(0);
    expect(world.telegram.messages).toHaveLength(1);
  });

  it('records every stop as lightsail-guard:stopped = this month', async () => {
    world = await startWorld([instanceAt('hot_1', 'us-east-1', 0.99)]);

    await runInProcess(world, ['check']);

    expect(world.lightsail.instance('us-east-1', 'hot_1')).toMatchObject({
      state: 'stopped',
      tags: { [TAGS.stopped]: thisMonth() },
    });
  });
});
