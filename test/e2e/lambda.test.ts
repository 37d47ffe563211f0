import { afterEach, describe, expect, it } from 'vitest';
import { DAILY_REPORT_EVENT } from '../../src/constants.js';
import { instanceAt, lambdaIn, startWorld, type World } from './harness.js';

describe('the Lambda handler', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  it('runs check on a scheduler event and stops the instance over the threshold', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.96), instanceAt('web_2', 'us-east-1', 0.1)]);
    const { handler } = lambdaIn(world);

    const result = await handler({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler' });

    expect(result.exitCode).toBe(0);
    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('stopped');
    expect(world.telegram.messages[0]?.text).toContain('<b>Stopped</b> <code>web_1</code> in eu-west-2');
  });

  it('sends the daily report on the recipe event and stops nothing', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.96)]);
    const { handler } = lambdaIn(world);

    const result = await handler(DAILY_REPORT_EVENT);

    expect(result.instances).toHaveLength(1);
    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('running');
    expect(world.telegram.messages).toHaveLength(1);
    expect(world.telegram.messages[0]?.text).toContain('Lightsail data transfer');
  });

  it('sends a second report when the report event is delivered twice, which is why nothing retries it', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.5)]);
    const { handler } = lambdaIn(world);

    await handler(DAILY_REPORT_EVENT);
    await handler(DAILY_REPORT_EVENT);

    // The report keeps no state: a retry is a duplicate. The stack sets Lambda's async retries and
    // Scheduler's retry policy to 0 (test/infra/stack.test.ts); the next day's report follows.
    expect(world.telegram.messages).toHaveLength(2);
  });

  it('sends no second alert when a check is delivered twice', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.85)]);
    const { handler } = lambdaIn(world);

    await handler({});
    await handler({});

    expect(world.telegram.messages).toHaveLength(1);
  });

  it('ends within the invocation when Telegram hangs, leaving the stop recorded as owed', async () => {
    world = await startWorld([instanceAt('hot_1', 'eu-west-2', 0.99)]);
    world.telegram.injectFault({ kind: 'hang', times: 10 });
    const { handler } = lambdaIn(world);
    const started = Date.now();
    const almostOut = { getRemainingTimeInMillis: () => 8_000 - (Date.now() - started) };

    await expect(handler({}, almostOut)).rejects.toThrow(/alert message 1 of 1 not delivered/);

    expect(Date.now() - started).toBeLessThan(8_000);
    expect(world.lightsail.instance('eu-west-2', 'hot_1')?.state).toBe('stopped');
    expect(world.lightsail.instance('eu-west-2', 'hot_1')?.tags['lightsail-guard:stop-unsent']).toMatch(
      /^\d{4}-/,
    );
  });

  it('fails the invocation after doing all the work when an instance could not be checked', async () => {
    world = await startWorld([
      instanceAt('blind_1', 'us-east-1', 0.5),
      instanceAt('hot_1', 'eu-west-2', 0.99),
    ]);
    world.lightsail.injectFault({ kind: 'empty-metric', instanceName: 'blind_1' });
    const { handler } = lambdaIn(world);

    await expect(handler({})).rejects.toThrow(/blind_1 \(us-east-1\): usage unknown/);

    expect(world.lightsail.instance('eu-west-2', 'hot_1')?.state).toBe('stopped');
    expect(world.telegram.messages[0]?.text).toContain('Usage unknown');
  });

  it("started without its Telegram settings, names what a deployed function needs, not the CLI's advice", async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.5)]);
    const { handler } = lambdaIn(world, { env: { TELEGRAM_BOT_TOKEN: '', TELEGRAM_CHAT_ID: '' } });

    const error = (await handler({}).catch((thrown: unknown) => thrown)) as Error;

    expect(error.message).toContain(
      'needs TELEGRAM_BOT_TOKEN_PARAMETER (the name of the SSM SecureString parameter',
    );
    expect(error.message).toContain('and TELEGRAM_CHAT_ID');
    expect(error.message).toContain(
      '"telegramChatId" (and "botTokenParameterName", if not the default) in deploy.settings.json',
    );
    expect(error.message).not.toContain('--dry-run');
    expect(error.message).not.toMatch(/needs TELEGRAM_BOT_TOKEN[ ;]/);
    expect(world.lightsail.stats().total).toBe(0);
  });

  it('logs every instance as a JSON line in the report, and a summary', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.5)]);
    const { handler, logs } = lambdaIn(world);

    await handler(DAILY_REPORT_EVENT);

    const lines = logs.map((log) => log.line);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'instance', name: 'web_1', region: 'eu-west-2' }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'report finished', problems: [] }));
  });

  it('logs only the instances with news on a check, and a summary', async () => {
    world = await startWorld([
      instanceAt('quiet_1', 'eu-west-2', 0.5),
      instanceAt('hot_1', 'eu-west-2', 0.99),
    ]);
    const { handler, logs } = lambdaIn(world);

    await handler({});

    const lines = logs.map((log) => log.line);
    const instances = lines.filter((line) => line.msg === 'instance').map((line) => line.name);
    expect(instances).toEqual(['hot_1']);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'check finished', instances: 2, problems: [] }),
    );
  });

  it('fails on a bad setting before calling anything', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.99)]);
    const { handler } = lambdaIn(world, { env: { WARN_PERCENT: '80,99' } });

    await expect(handler({})).rejects.toThrow(/WARN_PERCENT levels must be below QUOTA_PERCENT/);

    expect(world.lightsail.stats().total).toBe(0);
  });
});
