import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { TAGS } from '../../src/constants.js';
import { billingMonthOf } from '../../src/core/billing-month.js';
import type { ChatChange } from '../../src/core/chat-commands.js';
import { commandsEn } from '../../src/core/i18n/commands-en.js';
import { OVERAGE_USD_PER_GB } from '../../src/core/overage.js';
import type { Instance } from '../../src/core/types.js';
import type { LogEvent } from '../../src/engine/types.js';
import type { CommandBot } from '../../src/telegram/commands/bot.js';
import type { CommandFleet } from '../../src/telegram/commands/operations.js';
import { signButton, webhookSecret } from '../../src/telegram/commands/secret.js';
import type { FunctionUrlEvent } from '../../src/telegram/commands/update.js';
import { createWebhookHandler } from '../../src/telegram/commands/webhook.js';
import { anInstance } from '../support/builders.js';

const TOKEN = '123456:TEST-fake-token-not-real_abcdefghijk';
const CHAT = '-1001234';
const ALICE = { id: 42, first_name: 'Alice', username: 'alice' };
const GROUP = { id: Number(CHAT), type: 'supergroup' };

/** A handler over a bot and a fleet that only record what they are asked. */
function setUp(
  options: {
    adminIds?: number[];
    admins?: number[];
    failIn?: string;
    instances?: Instance[];
    now?: Date;
    failTagging?: boolean;
    monitored?: string[];
    getMeFails?: number;
  } = {},
) {
  const sent: { html: string; replyTo: number | undefined }[] = [];
  const answered: { text: string; alert: boolean | undefined }[] = [];
  const logs: LogEvent[] = [];
  const edits: string[] = [];
  const announced: ChatChange[] = [];
  let adminLookups = 0;
  let fleetCalls = 0;
  let getMeFailures = 0;
  const bot = {
    getMe: async () => {
      getMeFailures += 1;
      if (getMeFailures <= (options.getMeFails ?? 0)) throw new Error('getMe failed');
      return { id: 1, username: 'Guard_Bot' };
    },
    sendMessage: async (_chat: string, html: string, opts?: { replyTo?: number }) => {
      sent.push({ html, replyTo: opts?.replyTo });
      return sent.length;
    },
    editMessageText: async (_chat: string, _id: number, html: string) => {
      edits.push(html);
    },
    answerCallbackQuery: async (_id: string, text: string, alert?: boolean) => {
      answered.push({ text, alert });
    },
    getChatAdministrators: async () => {
      adminLookups += 1;
      return options.admins ?? [ALICE.id];
    },
  } as unknown as CommandBot;
  const fleet = {
    listRegions: async () => ['us-east-1', 'eu-west-2', 'ap-south-1'],
    listInstances: async (region: string) => {
      if (region === options.failIn) throw new Error(`throttled in ${region}`);
      return (options.instances ?? []).filter((instance) => instance.region === region);
    },
    tagInstance: async () => {
      if (options.failTagging) throw new Error('AccessDenied');
    },
    untagInstance: async () => {},
    startInstance: async () => {},
  } as unknown as CommandFleet;
  const handler = createWebhookHandler({
    config: {
      regions: ['us-east-1', 'eu-west-2'],
      instances: options.monitored,
      timeZone: 'UTC',
    } as unknown as Config,
    fleet: async () => {
      fleetCalls += 1;
      return fleet;
    },
    chatChannel: undefined,
    now: () => options.now ?? new Date('2026-12-08T00:00:00Z'),
    signal: () => new AbortController().signal,
    token: TOKEN,
    chatId: CHAT,
    adminIds: options.adminIds,
    bot,
    catalogue: commandsEn,
    announce: async (change) => {
      announced.push(change);
    },
    log: (event) => logs.push(event),
  });
  const post = (update: unknown, change: Partial<FunctionUrlEvent> = {}) =>
    handler({
      headers: { 'x-telegram-bot-api-secret-token': webhookSecret(TOKEN) },
      body: JSON.stringify(update),
      requestContext: { http: { method: 'POST' } },
      ...change,
    });
  return {
    post,
    sent,
    answered,
    logs,
    edits,
    announced,
    adminLookups: () => adminLookups,
    fleetCalls: () => fleetCalls,
  };
}

let nextUpdate = 1;
const message = (text: string, chat: object = GROUP, from: object | null = ALICE, more: object = {}) => ({
  update_id: nextUpdate++,
  message: { message_id: 500, chat, text, ...(from === null ? {} : { from }), ...more },
});

describe('the webhook answers the Function URL', () => {
  it('401 "unauthorized" without the secret, and logs the refusal', async () => {
    const world = setUp();

    const result = await world.post(message('/help'), { headers: {} });

    expect(result).toMatchObject({ statusCode: 401, body: 'unauthorized' });
    expect(world.logs).toEqual([expect.objectContaining({ level: 'warn' })]);
  });

  it('405 to anything but POST, and takes a request without a method as a POST', async () => {
    const world = setUp();

    expect(await world.post(message('/help'), { requestContext: { http: { method: 'GET' } } })).toMatchObject(
      {
        statusCode: 405,
        body: 'POST only',
      },
    );
    expect(world.sent).toEqual([]);
    expect(await world.post(message('/help'), { requestContext: {} })).toMatchObject({ statusCode: 200 });
    expect(await world.post(message('/help'), { requestContext: undefined })).toMatchObject({
      statusCode: 200,
    });
    expect(world.sent.map((each) => each.html)).toEqual([commandsEn.help, commandsEn.help]);
  });

  it('400 saying why to a body too large or one that is no update, and logs it', async () => {
    const world = setUp();

    expect(await world.post(undefined, { body: 'x'.repeat(70_000) })).toMatchObject({
      statusCode: 400,
      body: 'body too large',
    });
    expect(await world.post(undefined, { body: '{"message":{}}' })).toMatchObject({
      statusCode: 400,
      body: 'not a Telegram update',
    });
    expect(world.logs.map((each) => each.level)).toEqual(['warn', 'warn']);
  });
});

describe('which updates the webhook acts on', () => {
  it('ignores any other update from its own chat, logging what it was', async () => {
    const world = setUp();

    const result = await world.post({
      update_id: nextUpdate++,
      edited_message: { message_id: 1, chat: GROUP, text: '/help' },
    });

    expect(result.statusCode).toBe(200);
    expect(world.sent).toEqual([]);
    expect(world.logs).toEqual([
      expect.objectContaining({ level: 'info', msg: 'update ignored', what: 'edited_message', chatId: CHAT }),
    ]);
  });

  it('ignores a message from another chat, logging that it was a message and from where', async () => {
    const world = setUp();

    await world.post(message('/help', { id: -100999, type: 'supergroup' }));

    expect(world.sent).toEqual([]);
    expect(world.logs).toEqual([
      expect.objectContaining({ level: 'info', msg: 'update ignored', what: 'message', chatId: '-100999' }),
    ]);
  });

  it('says nothing to talk in a basic group as in a supergroup, but answers plain text in a private chat with the help', async () => {
    const world = setUp();

    await world.post(message('good morning', { id: Number(CHAT), type: 'group' }));
    expect(world.sent).toEqual([]);
    await world.post(message('good morning', { id: Number(CHAT), type: 'private' }));
    expect(world.sent).toEqual([{ html: commandsEn.help, replyTo: 500 }]);
  });

  it('answers a command addressed to it in any case, and ignores one addressed to another bot', async () => {
    const world = setUp();

    await world.post(message('/help@guard_bot'));
    await world.post(message('/hold@other_bot'));

    expect(world.sent).toEqual([{ html: commandsEn.help, replyTo: 500 }]);
  });

  it('asks Telegram for its own name again after a failed attempt', async () => {
    const world = setUp({ getMeFails: 1 });

    expect((await world.post(message('/help@guard_bot'))).statusCode).toBe(200);
    await world.post(message('/help@guard_bot'));

    expect(world.sent).toEqual([{ html: commandsEn.help, replyTo: 500 }]);
  });

  it('remembers the last 1,000 updates: a resent one is acted on once, an older one again', async () => {
    const world = setUp();
    const first = nextUpdate;
    for (let index = 0; index < 1_001; index += 1) await world.post(message('/help'));
    world.sent.length = 0;

    await world.post({ ...message('/help'), update_id: first + 1 });
    expect(world.sent).toEqual([]);
    await world.post({ ...message('/help'), update_id: first });
    expect(world.sent).toHaveLength(1);
  });
});

describe('who may command in a group', () => {
  it('refuses a member of a basic group who is not an administrator', async () => {
    const world = setUp({ admins: [7] });

    await world.post(message('/help', { id: Number(CHAT), type: 'group' }));

    expect(world.sent).toEqual([{ html: commandsEn.adminsOnly, replyTo: 500 }]);
  });

  it('obeys an anonymous administrator, who writes as the group, without asking Telegram', async () => {
    const world = setUp({ admins: [7] });

    await world.post(message('/help', GROUP, null, { sender_chat: { id: Number(CHAT) } }));

    expect(world.sent).toEqual([{ html: commandsEn.help, replyTo: 500 }]);
    expect(world.adminLookups()).toBe(0);
  });

  it('refuses a message on behalf of another chat, and one from nobody when TELEGRAM_ADMIN_IDS is set', async () => {
    const channel = setUp();
    await channel.post(message('/help', GROUP, null, { sender_chat: { id: -100999 } }));
    expect(channel.sent).toEqual([{ html: commandsEn.adminsOnly, replyTo: 500 }]);

    const listed = setUp({ adminIds: [ALICE.id] });
    await listed.post(message('/help', GROUP, null, { sender_chat: { id: Number(CHAT) } }));
    expect(listed.sent).toEqual([{ html: commandsEn.adminsOnly, replyTo: 500 }]);
  });
});

describe('what a command answers', () => {
  it('/hold without a name asks which instance, without a Lightsail call', async () => {
    const world = setUp();

    await world.post(message('/hold'));

    expect(world.sent).toEqual([{ html: commandsEn.needsName('hold'), replyTo: 500 }]);
    expect(world.fleetCalls()).toBe(0);
  });

  it('/release of an unknown name says so, naming a region it could not list and why', async () => {
    const world = setUp({ failIn: 'eu-west-2' });

    await world.post(message('/release web_9'));

    expect(world.sent).toHaveLength(1);
    expect(world.sent[0]?.html).toBe(commandsEn.notFound('web_9', ['eu-west-2: throttled in eu-west-2']));
  });

  it('asks which region when the name is in several, naming them', async () => {
    const world = setUp({
      instances: [anInstance({ name: 'web_1' }), anInstance({ name: 'web_1', region: 'eu-west-2' })],
    });

    await world.post(message('/hold web_1'));

    expect(world.sent).toEqual([
      { html: commandsEn.inSeveral('hold', 'web_1', ['us-east-1', 'eu-west-2']), replyTo: 500 },
    ]);
  });

  it('looks only in the regions REGIONS names, not every region of the account', async () => {
    const world = setUp({ instances: [anInstance({ name: 'web_3', region: 'ap-south-1' })] });

    await world.post(message('/hold web_3'));

    expect(world.sent).toEqual([{ html: commandsEn.notFound('web_3', []), replyTo: 500 }]);
  });

  it('/hold by an anonymous administrator holds the instance and says so, naming them as such', async () => {
    const world = setUp({ instances: [anInstance({ name: 'web_1' })] });

    await world.post(message('/hold web_1', GROUP, null, { sender_chat: { id: Number(CHAT) } }));

    const change = {
      kind: 'held',
      name: 'web_1',
      region: 'us-east-1',
      by: 'an anonymous administrator (id 0)',
    };
    expect(world.announced).toEqual([change]);
    expect(world.sent).toEqual([{ html: commandsEn.change(change as ChatChange), replyTo: 500 }]);
  });

  it('/hold of a held instance and /release of one not held say nothing changed, and announce nothing', async () => {
    const world = setUp({
      instances: [
        anInstance({ name: 'held_1', tags: { [TAGS.hold]: '2026-12-01' } }),
        anInstance({ name: 'free_1' }),
      ],
    });

    await world.post(message('/hold held_1'));
    await world.post(message('/release free_1'));

    expect(world.sent.map((each) => each.html)).toEqual([
      commandsEn.holdAlready('held_1', 'us-east-1'),
      commandsEn.releaseNone('free_1', 'us-east-1'),
    ]);
    expect(world.announced).toEqual([]);
  });

  it('/status of an instance INSTANCES leaves out says it is not monitored, without a Lightsail call', async () => {
    const world = setUp({ monitored: ['web_1'] });

    await world.post(message('/status web_9'));

    expect(world.sent).toEqual([{ html: commandsEn.notMonitored('web_9'), replyTo: 500 }]);
    expect(world.fleetCalls()).toBe(0);
  });

  it('/keep asks with a button that works for ten minutes', async () => {
    const now = new Date('2026-12-08T00:00:00Z');
    const instance = anInstance({ name: 'web_1', state: 'stopped' });
    const world = setUp({ instances: [instance], now });

    await world.post(message('/keep web_1'));

    const question = {
      name: 'web_1',
      region: 'us-east-1',
      state: 'stopped',
      month: billingMonthOf(now).key,
      allowanceGb: instance.allowanceGb,
      pricePerGb: OVERAGE_USD_PER_GB['us-east-1'],
      expiresAt: new Date('2026-12-08T00:10:00Z'),
      by: 'Alice (@alice)',
    };
    expect(world.sent).toEqual([{ html: commandsEn.keepQuestion(question, 'UTC'), replyTo: 500 }]);
  });

  it('/keep of an instance kept this month already says so, without asking', async () => {
    const now = new Date('2026-12-08T00:00:00Z');
    const month = billingMonthOf(now).key;
    const world = setUp({
      instances: [anInstance({ name: 'web_1', tags: { [TAGS.keepRunning]: month } })],
      now,
    });

    await world.post(message('/keep web_1'));

    expect(world.sent).toEqual([{ html: commandsEn.keepAlready('web_1', 'us-east-1', month), replyTo: 500 }]);
  });

  it('/report without Telegram configured says it could not', async () => {
    const world = setUp();

    await world.post(message('/report'));

    expect(world.sent).toEqual([{ html: commandsEn.failed('Telegram is not configured'), replyTo: 500 }]);
  });
});

describe('a button press', () => {
  const EXPIRES = 1_900_000_000;
  const data = signButton(
    { action: 'keep', name: 'web_1', region: 'us-east-1', userId: ALICE.id, expiresAt: EXPIRES },
    TOKEN,
  );
  const press = (callbackData: string, buttonMessage: object = { message_id: 600, chat: GROUP }) => ({
    update_id: nextUpdate++,
    callback_query: {
      id: 'cb',
      from: ALICE,
      data: callbackData,
      message: buttonMessage,
    },
  });

  it('is refused with an alert, without a Lightsail call, when its data is not ours or its message is unknown', async () => {
    const world = setUp();

    await world.post(press('something else'));
    await world.post(press(data, { chat: GROUP }));

    expect(world.answered).toEqual([
      { text: commandsEn.buttonNotYours, alert: true },
      { text: commandsEn.buttonNotYours, alert: true },
    ]);
    expect(world.fleetCalls()).toBe(0);
  });

  it('is refused with an alert, and logged, when its instance is gone', async () => {
    const world = setUp();

    await world.post(press(data));

    expect(world.answered).toEqual([{ text: commandsEn.buttonNotYours, alert: true }]);
    expect(world.logs).toEqual([expect.objectContaining({ level: 'warn', userId: ALICE.id })]);
  });

  const month = billingMonthOf(new Date(EXPIRES * 1000)).key;
  const kept = anInstance({ name: 'web_1', tags: { [TAGS.keepRunning]: month } });
  const other = anInstance({ name: 'web_2' });

  it('still works at the second it expires, finding its instance among others by name', async () => {
    const world = setUp({ instances: [other, kept], now: new Date(EXPIRES * 1000) });

    await world.post(press(data));

    expect(world.answered).toEqual([{ text: commandsEn.buttonDone, alert: undefined }]);
  });

  it('is refused with an alert a second after it expires', async () => {
    const world = setUp({ instances: [other, kept], now: new Date((EXPIRES + 1) * 1000) });

    await world.post(press(data));

    expect(world.answered).toEqual([{ text: commandsEn.buttonExpired, alert: true }]);
  });

  const pressOn = async (instance: Partial<Instance>, more: { failTagging?: boolean } = {}) => {
    const world = setUp({
      instances: [anInstance({ name: 'web_1', ...instance })],
      now: new Date(EXPIRES * 1000),
      ...more,
    });
    await world.post(press(data));
    return world;
  };

  it('keeps and starts a stopped instance, ticks the press, puts the change in place of the question and announces it', async () => {
    const world = await pressOn({ state: 'stopped' });

    const change: ChatChange = {
      kind: 'kept',
      name: 'web_1',
      region: 'us-east-1',
      month,
      started: true,
      by: 'Alice (@alice)',
    };
    expect(world.answered).toEqual([{ text: '✅', alert: undefined }]);
    expect(world.edits).toEqual([commandsEn.change(change)]);
    expect(world.announced).toEqual([change]);
  });

  it('says an instance held since the question must be released first, without a tick or an announcement', async () => {
    const world = await pressOn({ state: 'stopped', tags: { [TAGS.hold]: '2026-12-01' } });

    expect(world.answered).toEqual([{ text: '', alert: undefined }]);
    expect(world.edits).toEqual([commandsEn.keepHeld('web_1', 'us-east-1')]);
    expect(world.announced).toEqual([]);
  });

  it('says an instance that is stopping cannot be started now', async () => {
    const world = await pressOn({ state: 'stopping' });

    expect(world.edits).toEqual([commandsEn.notStartable('web_1', 'us-east-1', 'stopping')]);
    expect(world.announced).toEqual([]);
  });

  it('says what failed when the instance cannot be tagged, and announces nothing', async () => {
    const world = await pressOn({ state: 'stopped' }, { failTagging: true });

    expect(world.answered).toEqual([{ text: '', alert: undefined }]);
    expect(world.edits).toHaveLength(1);
    expect(world.edits[0]).toContain('could not tag');
    expect(world.edits[0]).toContain('AccessDenied');
    expect(world.announced).toEqual([]);
  });
});
