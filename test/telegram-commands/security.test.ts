import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelPost, chatMessage, functionUrlEvent } from '../../sim/telegram/index.js';
import { webhookSecret } from '../../src/telegram/commands/secret.js';
import { instanceAt, lambdaIn } from '../e2e/harness.js';
import { ALICE, BOB, buttonOf, type CommandWorld, GROUP, startCommandWorld } from './world.js';

describe('the webhook, secure by default', () => {
  let world: CommandWorld;
  let saved: NodeJS.ProcessEnv;
  beforeEach(async () => {
    saved = { ...process.env };
    world = await startCommandWorld([
      instanceAt('web_1', 'eu-west-2', 0.96, { state: 'stopped' }),
      instanceAt('hot_1', 'us-east-1', 0.99),
    ]);
    Object.assign(process.env, world.env);
  });
  afterEach(async () => {
    process.env = saved;
    vi.restoreAllMocks();
    await world.close();
  });

  /** Nothing reached Lightsail or Telegram. */
  const nothingCalled = () => {
    expect(world.lightsail.stats().total).toBe(0);
    expect(world.telegram.requests).toBe(0);
  };

  it('answers 401 to a wrong secret and calls nothing, never logging the secret', async () => {
    const result = await world.handler(
      functionUrlEvent(chatMessage(GROUP, ALICE, '/status'), 'wrong-secret'),
    );

    expect(result.statusCode).toBe(401);
    nothingCalled();
    expect(JSON.stringify(world.logs)).not.toContain(world.secret);
  });

  it('answers 401 to a missing secret and calls nothing', async () => {
    const result = await world.handler(functionUrlEvent(chatMessage(GROUP, ALICE, '/keep web_1'), undefined));

    expect(result.statusCode).toBe(401);
    nothingCalled();
  });

  it('answers 401 to the secret of another bot token', async () => {
    const other = webhookSecret('999999:another-token-entirely-different-abcdef');

    const result = await world.handler(functionUrlEvent(chatMessage(GROUP, ALICE, '/status'), other));

    expect(result.statusCode).toBe(401);
    nothingCalled();
  });

  it('answers 400 to a malformed body, a body that is no update, and an oversized one, and keeps working', async () => {
    const bad = await world.handler(
      functionUrlEvent(undefined, world.secret, { body: '{"update_id": 1, "message":' }),
    );
    const notUpdate = await world.handler(functionUrlEvent([1, 2], world.secret));
    const huge = await world.handler(
      functionUrlEvent(undefined, world.secret, {
        body: JSON.stringify({ update_id: 2, pad: 'x'.repeat(70_000) }),
      }),
    );
    const base64 = await world.handler(
      functionUrlEvent(chatMessage(GROUP, ALICE, '/help'), world.secret, { isBase64Encoded: true }),
    );

    expect([bad.statusCode, notUpdate.statusCode, huge.statusCode]).toEqual([400, 400, 400]);
    expect(base64.statusCode).toBe(200);
    expect(world.replies()).toHaveLength(1);
  });

  it('ignores a command from another chat: 200, no reply, no Lightsail call, logged', async () => {
    const result = await world.post(chatMessage({ id: 777, type: 'private' }, BOB, '/keep web_1'));

    expect(result.statusCode).toBe(200);
    nothingCalled();
    expect(world.logs).toContainEqual(expect.objectContaining({ msg: 'update ignored', chatId: '777' }));
  });

  it('ignores a channel post: 200, no reply, no Lightsail call, logged', async () => {
    const result = await world.post({
      update_id: 42,
      ...channelPost({ id: -100999, title: 'News' }, '/status'),
    });

    expect(result.statusCode).toBe(200);
    nothingCalled();
    expect(world.logs).toContainEqual(
      expect.objectContaining({ msg: 'update ignored', what: 'channel_post' }),
    );
  });

  it('refuses a group member who is not an administrator, without a Lightsail call', async () => {
    await world.say('/hold hot_1', BOB);

    expect(world.replies()[0]?.text).toBe('Only the administrators of this group can command the guard.');
    expect(world.lightsail.stats().total).toBe(0);
    expect(world.telegram.methods).toEqual(['getChatAdministrators', 'sendMessage']);
  });

  it("obeys a group's administrator", async () => {
    await world.say('/hold hot_1', ALICE);

    expect(world.lightsail.instance('us-east-1', 'hot_1')?.tags['lightsail-guard:hold']).toBeDefined();
  });

  it('obeys only TELEGRAM_ADMIN_IDS when set, without asking Telegram for the administrators', async () => {
    world.handler = world.coldHandler({ TELEGRAM_ADMIN_IDS: String(BOB.id) });

    await world.say('/hold hot_1', ALICE);
    await world.say('/hold hot_1', BOB);

    expect(world.replies()[0]?.text).toContain('Only the administrators');
    expect(world.lightsail.instance('us-east-1', 'hot_1')?.tags['lightsail-guard:hold']).toBeDefined();
    expect(world.telegram.methods).not.toContain('getChatAdministrators');
  });

  it('in a private chat, obeys the person the chat is with', async () => {
    world.handler = world.coldHandler({ TELEGRAM_CHAT_ID: String(ALICE.id) });

    await world.post(chatMessage({ id: ALICE.id, type: 'private' }, ALICE, '/hold hot_1'));

    expect(world.lightsail.instance('us-east-1', 'hot_1')?.tags['lightsail-guard:hold']).toBeDefined();
  });

  it('acts once on an update Telegram delivers twice', async () => {
    const update = chatMessage(GROUP, ALICE, '/hold hot_1');

    await world.post(update);
    await world.post(update);

    expect(world.replies()).toHaveLength(1);
    expect(world.announcements.received).toHaveLength(1);
  });

  it('does not keep an instance twice when a new container gets the press again', async () => {
    await world.say('/keep web_1');
    const question = world.replies()[0];
    const press = { messageId: question?.messageId ?? 0, data: buttonOf(question) };
    await world.press(press.messageId, press.data);
    const started = world.lightsail.stats().calls.StartInstance;
    world.handler = world.coldHandler();

    await world.press(press.messageId, press.data);

    expect(world.lightsail.stats().calls.StartInstance).toBe(started);
    expect(world.announcements.received).toHaveLength(1);
    expect(world.telegram.callbackAnswers.at(-1)?.text).toBe('Already done.');
  });

  it('refuses a confirmation pressed by someone else, and still lets the asker confirm', async () => {
    await world.say('/keep web_1');
    const question = world.replies()[0];

    await world.press(question?.messageId ?? 0, buttonOf(question), BOB);

    expect(world.telegram.callbackAnswers[0]).toMatchObject({
      text: 'Only the person who asked can confirm this.',
      showAlert: true,
    });
    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('stopped');
    expect(question?.replyMarkup).toBeDefined();
    await world.press(question?.messageId ?? 0, buttonOf(question), ALICE);
    expect(
      world.lightsail.instance('eu-west-2', 'web_1')?.tags['lightsail-guard:keep-running'],
    ).toBeDefined();
  });

  it('refuses a confirmation pressed after it expired and removes its button', async () => {
    const asked = Date.now();
    world.handler = world.coldHandler();
    await world.say('/keep web_1');
    const question = world.replies()[0];
    const data = buttonOf(question);
    const late = new Date(asked + 11 * 60_000);
    const { createTelegramWebhookHandler } = await import('../../src/telegram-webhook.js');
    world.handler = createTelegramWebhookHandler({
      env: { ...world.env, WEBHOOK_URL: `${world.announcements.root}/hook`, REGIONS: 'us-east-1,eu-west-2' },
      now: () => late,
      log: () => {},
    });

    await world.press(question?.messageId ?? 0, data);

    expect(world.telegram.callbackAnswers[0]?.text).toBe('This confirmation has expired: send /keep again.');
    expect(question?.replyMarkup).toBeUndefined();
    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('stopped');
    expect(world.announcements.received).toHaveLength(0);
  });

  it('refuses a forged button', async () => {
    await world.say('/keep web_1');
    const question = world.replies()[0];
    const forged = buttonOf(question).replace(/\.[\w-]{16}$/, '.AAAAAAAAAAAAAAAA');

    await world.press(question?.messageId ?? 0, forged);

    expect(world.lightsail.instance('eu-west-2', 'web_1')?.state).toBe('stopped');
  });

  it('answers a command while a scheduled check is running', async () => {
    const paused = world.lightsail.pause({ op: 'StopInstance' });
    const check = lambdaIn(world).handler({});
    await paused.arrived;

    const result = await world.say('/status');

    expect(result.statusCode).toBe(200);
    expect(world.replies().some((message) => message.text.includes('<b>Status</b>'))).toBe(true);
    paused.release();
    await check.catch(() => undefined);
    expect(world.lightsail.instance('us-east-1', 'hot_1')?.state).toBe('stopped');
  });
});
