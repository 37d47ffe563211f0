import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { billingMonthOf } from '../../src/core/billing-month.js';
import { instanceAt } from '../e2e/harness.js';
import { buttonOf, type CommandWorld, startCommandWorld } from './world.js';

const month = billingMonthOf(new Date()).key;

describe('the chat commands', () => {
  let world: CommandWorld;
  let saved: NodeJS.ProcessEnv;
  beforeEach(async () => {
    saved = { ...process.env };
    world = await startCommandWorld([
      instanceAt('web_1', 'eu-west-2', 0.96, { state: 'stopped' }),
      instanceAt('web_2', 'us-east-1', 0.4),
      instanceAt('db_1', 'ap-south-1', 0.7, { tags: { 'lightsail-guard:hold': '2026-11-02' } }),
    ]);
    // The AWS SDK reads its endpoint from the process's environment.
    Object.assign(process.env, world.env);
  });
  afterEach(async () => {
    process.env = saved;
    vi.restoreAllMocks();
    await world.close();
  });

  it('/status answers every instance with its state, usage and percent, as a reply to the command', async () => {
    const result = await world.say('/status');

    expect(result.statusCode).toBe(200);
    const [reply] = world.replies();
    expect(world.replies()).toHaveLength(1);
    expect(reply?.replyTo).toBeGreaterThan(0);
    expect(reply?.text).toContain('<b>Status</b>');
    for (const name of ['web_1', 'web_2', 'db_1']) expect(reply?.text).toContain(name);
    expect(reply?.text).toContain('96.0%');
  });

  it('/status <name> answers that instance alone', async () => {
    await world.say('/status web_2');

    const text = world.replies()[0]?.text ?? '';
    expect(text).toContain('web_2');
    expect(text).not.toContain('web_1');
  });

  it('/report sends the daily report to the chat, and to no other channel', async () => {
    await world.say('/report');

    expect(world.replies()[0]?.text).toContain('Lightsail data transfer');
    expect(world.announcements.received).toHaveLength(0);
  });

  it('/keep asks first, with what it costs, and changes nothing until the button is pressed', async () => {
    await world.say('/keep web_1');

    const question = world.replies()[0];
    expect(question?.text).toContain('Keep <code>web_1</code> in eu-west-2 running past its threshold');
    expect(question?.text).toContain('It is stopped: it will be started.');
    expect(question?.text).toContain('$0.09 per GB in eu-west-2');
    expect(buttonOf(question)).toMatch(/^k\./);
    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('stopped');
    expect(
      world.lightsail.instance('eu-west-2', 'web_1')?.tags['lightsail-guard:keep-running'],
    ).toBeUndefined();
  });

  it('/keep confirmed keeps the instance running this month, starts it, removes the button and announces it with who asked', async () => {
    await world.say('/keep web_1');
    const question = world.replies()[0];

    await world.press(question?.messageId ?? 0, buttonOf(question));

    const instance = world.lightsail.instance('eu-west-2', 'web_1');
    expect(instance?.tags['lightsail-guard:keep-running']).toBe(month);
    expect(['pending', 'running']).toContain(instance?.state);
    expect(question?.replyMarkup).toBeUndefined();
    expect(question?.text).toContain('kept running past its threshold');
    expect(question?.text).toContain('Alice (@alice)');
    expect(world.announcements.received).toHaveLength(1);
    expect(world.announcements.received[0]?.body).toContain('Alice (@alice)');
  });

  it('/hold tags the instance as the CLI does and announces it', async () => {
    await world.say('/hold web_2');

    expect(world.lightsail.instance('us-east-1', 'web_2')?.tags['lightsail-guard:hold']).toMatch(
      /^\d{4}-\d\d-\d\d$/,
    );
    expect(world.replies()[0]?.text).toContain('held');
    expect(JSON.parse(world.announcements.received[0]?.body ?? '{}').events[0]).toMatchObject({
      kind: 'owner-held',
      name: 'web_2',
      region: 'us-east-1',
      by: 'Alice (@alice)',
    });
  });

  it('/release removes the hold and announces it; a second /release changes and announces nothing', async () => {
    await world.say('/release db_1');
    await world.say('/release db_1');

    expect(world.lightsail.instance('ap-south-1', 'db_1')?.tags['lightsail-guard:hold']).toBeUndefined();
    expect(world.replies()[0]?.text).toContain('released');
    expect(world.replies()[1]?.text).toContain('is not held; nothing was changed');
    expect(world.announcements.received).toHaveLength(1);
  });

  it('/keep of a held instance says to release it first', async () => {
    await world.say('/keep db_1');

    expect(world.replies()[0]?.text).toContain('is held');
    expect(world.replies()[0]?.replyMarkup).toBeUndefined();
  });

  it('asks which region when the name is in several, and takes "<name> <region>"', async () => {
    world.lightsail.addInstance(instanceAt('web_2', 'eu-west-2', 0.1));
    await world.say('/hold web_2');
    await world.say('/hold web_2 eu-west-2');

    expect(world.replies()[0]?.text).toContain('say which');
    expect(world.lightsail.instance('eu-west-2', 'web_2')?.tags['lightsail-guard:hold']).toBeDefined();
    expect(world.lightsail.instance('us-east-1', 'web_2')?.tags['lightsail-guard:hold']).toBeUndefined();
  });

  it("answers /help, an unknown command and /start with the help; /status@its_own_name works, another bot's is ignored", async () => {
    await world.say('/help');
    await world.say('/frobnicate');
    await world.say('/status@fake_guard_bot web_2');
    await world.say('/status@other_bot');

    const texts = world.replies().map((message) => message.text);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('/keep');
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toContain('web_2');
  });

  it('answers in the language of the chat', async () => {
    const handler = world.coldHandler({ ALERT_LANGUAGE: 'en,telegram:zh-CN' });
    world.handler = handler;

    await world.say('/hold web_2');

    expect(world.replies()[0]?.text).toContain('已保持停止');
    // The webhook channel reads English.
    expect(world.announcements.received[0]?.body).toContain('held');
  });

  it('says nothing to ordinary talk in the group', async () => {
    await world.say('good morning');

    expect(world.replies()).toHaveLength(0);
    expect(world.lightsail.stats().total).toBe(0);
  });
});
