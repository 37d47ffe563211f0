import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAILY_REPORT_EVENT } from '../../src/constants.js';
import { writeToConsole } from '../../src/log-lines.js';
import { startFakeSsm } from '../support/fake-ssm.js';
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

  it('reads the bot token from SSM once per cold start, however often it is invoked', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.5)]);
    const name = '/lightsail-guard/telegram-bot-token';
    const ssm = await startFakeSsm({ [name]: world.telegram.token });
    const fromSsm = {
      env: { TELEGRAM_BOT_TOKEN: '', TELEGRAM_BOT_TOKEN_PARAMETER: name },
      endpoints: { ssm: ssm.endpoint },
    };
    const warm = lambdaIn(world, fromSsm).handler;

    await warm(DAILY_REPORT_EVENT);
    await warm(DAILY_REPORT_EVENT);
    const readsWarm = ssm.received.length;
    await lambdaIn(world, fromSsm).handler(DAILY_REPORT_EVENT);
    await ssm.close();

    expect(readsWarm).toBe(1);
    expect(ssm.received).toHaveLength(2);
    expect(world.telegram.messages).toHaveLength(3);
  });

  it('reads the token parameter again at the next invocation after it could not be read', async () => {
    world = await startWorld([instanceAt('web_1', 'eu-west-2', 0.5)]);
    const name = '/lightsail-guard/telegram-bot-token';
    const parameters: Record<string, string> = {};
    const ssm = await startFakeSsm(parameters);
    const { handler } = lambdaIn(world, {
      env: { TELEGRAM_BOT_TOKEN: '', TELEGRAM_BOT_TOKEN_PARAMETER: name },
      endpoints: { ssm: ssm.endpoint },
    });

    const missing = await handler(DAILY_REPORT_EVENT).catch((error: unknown) => error as Error);
    parameters[name] = world.telegram.token;
    const fixed = await handler(DAILY_REPORT_EVENT);
    await ssm.close();

    expect(missing).toBeInstanceOf(Error);
    expect((missing as Error).message).toContain(`SSM parameter ${name} does not exist`);
    expect(fixed.exitCode).toBe(0);
    expect(ssm.received).toHaveLength(2);
    expect(world.telegram.messages).toHaveLength(1);
  });

  it('checks at the time of the clock it is given and stamps every log line with it', async () => {
    world = await startWorld([instanceAt('hot_1', 'eu-west-2', 0.99)]);
    const at = new Date();
    const { handler, logs } = lambdaIn(world, { now: () => at });

    const result = await handler({});

    expect(result.checkedAt).toBe(at.toISOString());
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.map((log) => log.line.time)).toEqual(logs.map(() => at.toISOString()));
  });

  it('logs an instance it could not read, and the summary of a run that failed, as errors', async () => {
    world = await startWorld([
      instanceAt('blind_1', 'us-east-1', 0.5),
      instanceAt('quiet_1', 'eu-west-2', 0.5),
    ]);
    world.lightsail.injectFault({ kind: 'empty-metric', instanceName: 'blind_1' });
    const { handler, logs } = lambdaIn(world);

    await handler({}).catch(() => undefined);

    expect(logs.map((log) => [log.level, log.line.level, log.line.msg, log.line.name])).toEqual([
      ['error', 'error', 'instance', 'blind_1'],
      ['error', 'error', 'check finished', undefined],
    ]);
  });
});

describe("the deployed function's log lines", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('go to stderr when they are errors and to stdout otherwise, where CloudWatch Logs reads both', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});

    writeToConsole('{"level":"info"}', 'info');
    writeToConsole('{"level":"warn"}', 'warn');
    writeToConsole('{"level":"error"}', 'error');

    expect(out.mock.calls).toEqual([['{"level":"info"}'], ['{"level":"warn"}']]);
    expect(err.mock.calls).toEqual([['{"level":"error"}']]);
  });
});
