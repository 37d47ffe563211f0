import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatedEnvironment } from '../../sim/environment.js';
import { startLightsailSimulator } from '../../sim/lightsail/index.js';
import { privateMessage, startFakeTelegram } from '../../sim/telegram/index.js';
import { type CliRun, instanceAt, runInProcess, type World } from './harness.js';

/**
 * The newcomer's path in the README, steps 3 to 5, run exactly as written: every line of the
 * ```sh blocks between `<!-- first-hour:start -->` and `<!-- first-hour:end -->`, against the
 * Lightsail simulator and the fake Bot API. What a person types by hand (pasting the token,
 * copying the id find-chat-id printed) the test does the same way.
 */

/** The shell lines of the README's first-hour block, comments and blank lines dropped. */
function firstHourLines(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('<!-- first-hour:start -->');
  const end = readme.indexOf('<!-- first-hour:end -->');
  if (start < 0 || end < start)
    throw new Error('README.md needs <!-- first-hour:start --> ... <!-- first-hour:end -->');
  const blocks = [...readme.slice(start, end).matchAll(/```sh\n([\s\S]*?)```/g)].map(
    (match) => match[1] ?? '',
  );
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const USER = { id: 5_550_001, first_name: 'Newcomer', username: 'proxy_owner' };
const PREFIX = 'npx lightsail-guard ';

describe('the first hour in the README, run as written', () => {
  let world: World;
  const runs: { command: string; run: CliRun }[] = [];

  beforeAll(async () => {
    const lightsail = await startLightsailSimulator({
      regions: ['us-east-1', 'eu-west-2', 'ap-southeast-1'],
      instances: [
        instanceAt('proxy-lon-1', 'eu-west-2', 0.4),
        instanceAt('proxy_sg.2', 'ap-southeast-1', 0.97),
      ],
    });
    // Only the newcomer's private chat exists: a wrong id would fail test-alert.
    const telegram = await startFakeTelegram({ chats: [String(USER.id)] });
    telegram.addUpdate(privateMessage(USER)); // step 2: they pressed Start
    const {
      TELEGRAM_BOT_TOKEN: _token,
      TELEGRAM_CHAT_ID: _chat,
      ...aws
    } = simulatedEnvironment(lightsail, telegram);
    world = {
      lightsail,
      telegram,
      env: aws, // the AWS profile of step 1 and the Bot API root; the Telegram settings come from the README
      close: () => Promise.all([lightsail.close(), telegram.close()]).then(() => undefined),
    };

    const shell: Record<string, string> = {};
    let lastOutput = '';
    for (const line of firstHourLines()) {
      const read = /^read -rs (\w+)$/.exec(line);
      const exported = /^export (\w+)(?:=(.*))?$/.exec(line);
      if (read?.[1] === 'TELEGRAM_BOT_TOKEN') {
        shell.TELEGRAM_BOT_TOKEN = telegram.token; // pasted from @BotFather
      } else if (exported && exported[2] === undefined) {
        expect(shell[exported[1] ?? ''], `${line}: exported before it was set`).toBeDefined();
      } else if (exported?.[1] === 'TELEGRAM_CHAT_ID' && exported[2]?.startsWith('<')) {
        // "<the id find-chat-id printed>": copied from the line find-chat-id printed.
        const copied = /^\s*TELEGRAM_CHAT_ID=(\S+)/m.exec(lastOutput)?.[1];
        expect(copied, 'find-chat-id printed no TELEGRAM_CHAT_ID= line to copy').toBeDefined();
        shell.TELEGRAM_CHAT_ID = copied ?? '';
      } else if (exported?.[1] !== undefined && exported[2] !== undefined) {
        shell[exported[1]] = exported[2];
      } else if (line.startsWith(PREFIX)) {
        const run = await runInProcess(world, line.slice(PREFIX.length).split(/\s+/), shell);
        runs.push({ command: line.slice(PREFIX.length), run });
        lastOutput = run.stdout;
      } else {
        throw new Error(`the README's first hour has a line this test does not know how to run: ${line}`);
      }
    }
  });

  afterAll(async () => {
    await world.close();
  });

  const step = (command: string): CliRun => {
    const found = runs.find((entry) => entry.command === command);
    if (found === undefined) throw new Error(`the README's first hour no longer runs "${command}"`);
    return found.run;
  };

  it('runs find-chat-id, test-alert, check --dry-run and status, in that order', () => {
    expect(runs.map((entry) => entry.command)).toEqual([
      'find-chat-id',
      'test-alert',
      'check --dry-run',
      'status',
    ]);
  });

  it('find-chat-id names the bot and the private chat of the person who pressed Start', () => {
    expect(step('find-chat-id').code).toBe(0);
    expect(step('find-chat-id').stdout).toContain(`TELEGRAM_CHAT_ID=${USER.id}`);
    expect(step('find-chat-id').stdout).toContain('private chat with Newcomer (@proxy_owner)');
  });

  it('test-alert delivers the test message to the copied chat', () => {
    expect(step('test-alert').code).toBe(0);
    expect(world.telegram.messages.map((message) => message.chatId)).toEqual([String(USER.id)]);
    expect(world.telegram.messages[0]?.text).toContain('lightsail-guard test alert');
  });

  it('the dry run names the instance it would stop, and stops and sends nothing', () => {
    expect(step('check --dry-run').code).toBe(0);
    expect(step('check --dry-run').stdout).toContain('Would stop proxy_sg.2 in ap-southeast-1');
    expect(world.lightsail.instance('ap-southeast-1', 'proxy_sg.2')?.state).toBe('running');
    expect(world.lightsail.stats().calls.StopInstance).toBeUndefined();
    expect(world.telegram.messages).toHaveLength(1);
  });

  it('status shows every instance in every region', () => {
    expect(step('status').code).toBe(0);
    expect(step('status').stdout).toMatch(/proxy-lon-1\s+eu-west-2\s+running/);
    expect(step('status').stdout).toMatch(/proxy_sg\.2\s+ap-southeast-1\s+running/);
  });
});
