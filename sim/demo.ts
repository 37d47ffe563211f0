/**
 * `npm run demo`: the guard against the in-repo Lightsail simulator, a fake Telegram Bot API and a
 * fake Amazon SNS, all on 127.0.0.1. Runs the real CLI (`find-chat-id`, `test-alert`,
 * `set-action`, `status`, `check` twice, `check` when a metric read comes back empty, the month's
 * last `report`, and the first `check` of the next month) with two channels, Telegram in English
 * and SNS email in Chinese (`ALERT_LANGUAGE=zh-CN,telegram:en`), and prints what the terminal and
 * each channel saw. No AWS account, no network.
 *
 * A deployed guard checks every 10 minutes; the demo runs a few of those checks and moves its clock
 * between them: the simulator's, and the CLI's through a preloaded module (`sim/shifted-clock.mjs`),
 * so the month's end and the new month's restart show without waiting for them. Each move is
 * announced, and none skips a check that would have acted: before the month's end, the demo runs
 * the check that stops web-1, the instance heading past its allowance (`sim/demo-clock.ts`).
 *
 * The simulator's metrics land a minute late, as Lightsail's do, so that pace and stop ahead see
 * what they would see in an account.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { billingMonthOf } from '../src/core/billing-month.js';
import { htmlToPlain } from '../src/core/html.js';
import { checksThatCatch, clockJump } from './demo-clock.js';
import { childEnvironment, SIMULATED_CHAT_ID, simulatedEnvironment } from './environment.js';
import { startLightsailSimulator } from './lightsail/index.js';
import { sampleAccount, trafficAt } from './sample-account.js';
import { startFakeSns, textFor } from './sns/index.js';
import {
  botMembership,
  buttonPress,
  chatMessage,
  functionUrlEvent,
  startFakeTelegram,
} from './telegram/index.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const shiftedClock = pathToFileURL(fileURLToPath(new URL('./shifted-clock.mjs', import.meta.url))).href;

const CHECK_INTERVAL_MINUTES = 10;
/** The simulator's metrics land a minute late, as Lightsail's do. */
const METRIC_DELAY_SECONDS = 60;

/** How far the demo has moved the clock, in ms; the simulator and every later CLI run share it. */
let shiftMs = 0;
const now = (): Date => new Date(Date.now() + shiftMs);
const instances = sampleAccount(new Date());
const lightsail = await startLightsailSimulator({ instances, now, metricDelaySeconds: METRIC_DELAY_SECONDS });
const telegram = await startFakeTelegram();
const TOPIC = 'arn:aws:sns:ap-southeast-1:123456789012:lightsail-guard-alerts';
const sns = await startFakeSns({ topics: [TOPIC] });
// Someone made the bot a member of their alerts group: the update find-chat-id reads.
telegram.addUpdate(
  botMembership({
    bot: { id: 123456, first_name: 'Fake guard bot', username: 'fake_guard_bot' },
    chat: { id: Number(SIMULATED_CHAT_ID), type: 'supergroup', title: 'Proxy alerts' },
    by: { id: 5_550_001, first_name: 'Demo', username: 'demo_owner' },
    status: 'member',
  }),
);
const env = {
  ...childEnvironment(simulatedEnvironment(lightsail, telegram)),
  // Start again on the 1st what the guard stopped (off by default).
  RESTART_ON_NEW_MONTH: 'true',
  // A second channel: email through Amazon SNS, in Chinese as the recipe's readers had it;
  // Telegram stays in English.
  SNS_TOPIC_ARN: TOPIC,
  AWS_ENDPOINT_URL_SNS: sns.endpoint,
  ALERT_LANGUAGE: 'zh-CN,telegram:en',
};

const box = (text: string): string => text.replace(/^/gm, '  │ ');
const count = (n: number): string => `${n} message${n === 1 ? '' : 's'}`;

const execFileAsync = promisify(execFile);

async function run(title: string, args: string[]): Promise<void> {
  const seen = telegram.messages.length;
  const mailed = sns.published.length;
  console.log(`\n━━ ${title}\n$ lightsail-guard ${args.join(' ')}\n`);
  const clock = { LIGHTSAIL_GUARD_DEMO_CLOCK_SHIFT_MS: String(shiftMs) };
  // Asynchronous, so that the simulators in this process can answer while the CLI runs.
  const child = await execFileAsync(process.execPath, ['--import', shiftedClock, cli, ...args], {
    env: { ...env, ...clock },
    encoding: 'utf8',
  }).then(
    (done) => ({ ...done, code: 0 }),
    (failed: { stdout: string; stderr: string; code: number }) => failed,
  );
  console.log(child.stdout.trimEnd());
  if (child.stderr.trim()) console.log(child.stderr.trimEnd());
  console.log(`\n(exit code ${child.code})`);
  const received = telegram.messages.slice(seen);
  console.log(`\nTelegram (English) received ${count(received.length)}:`);
  for (const message of received) console.log(`\n${box(htmlToPlain(message.text))}`);
  const emails = sns.published.slice(mailed);
  console.log(`\nAmazon SNS email (中文) received ${count(emails.length)}:`);
  for (const email of emails)
    console.log(`\n${box(`Subject: ${email.subject ?? ''}\n\n${textFor(email, 'email')}`)}`);
}

/** Moves the demo's clock to `at` (UTC), saying how far and why that skips nothing that matters. */
function moveClockTo(at: Date, why: string): void {
  console.log(`\n${clockJump(now(), at, why)}`);
  shiftMs = at.getTime() - Date.now();
}

const monthStart = billingMonthOf(now()).start.getTime();
if (now().getTime() - monthStart < 25.5 * 3_600_000) {
  console.log(
    '\nNote: a forecast needs a whole day of this month; before 01:30 UTC on the 2nd the demo shows none.',
  );
}

try {
  await run('Which chats can the bot write to? The line to copy', ['find-chat-id']);
  await run('Does an alert arrive there?', ['test-alert']);
  await run('Make test-box notify-only: alerted as usual, never stopped', [
    'set-action',
    'test-box',
    'notify',
  ]);
  await run('What the guard sees (sends and stops nothing)', ['status']);
  const firstCheck = now();
  await run('The scheduled check', ['check']);
  const nextCheck = (checks: number): Date =>
    new Date(firstCheck.getTime() + checks * CHECK_INTERVAL_MINUTES * 60_000);
  moveClockTo(nextCheck(1), 'the next scheduled check (every 10 minutes, CHECK_INTERVAL_MINUTES)');
  await run('The next check, ten minutes later: an alert already sent is not sent again', ['check']);
  // The real service answers some metric queries with HTTP 200 and no data; the recipe read that as 0%.
  lightsail.injectFault({ kind: 'empty-metric', instanceName: 'web-1', times: 2 });
  await run(
    "The same check again, and Lightsail answers web-1's metric query with no data: unknown, never 0%",
    ['check'],
  );

  const month = billingMonthOf(now());
  // web-1 heads past its allowance before the month ends: run the checks that would catch it
  // (the one before it is seen at 95%, where stop ahead may act, then the one that sees 95%).
  const web1 = instances.find((instance) => instance.name === 'web-1');
  const catching = web1
    ? checksThatCatch({
        spec: web1,
        start: firstCheck,
        after: now(),
        monthStart: month.start,
        monthEnd: month.end,
        percent: 95,
        intervalMinutes: CHECK_INTERVAL_MINUTES,
        lagSeconds: METRIC_DELAY_SECONDS,
      })
    : [];
  for (const at of catching) {
    if (lightsail.instance('us-east-1', 'web-1')?.state !== 'running') break;
    moveClockTo(
      at,
      'the checks in between would only warn as web-1 passes its warning levels, so the demo skips them, ' +
        `to the check at which web-1, heading past its allowance, ${at === catching.at(-1) ? 'is seen at 95%' : 'would pass 95% before the next check could see it'}`,
    );
    await run(`The check at ${at.toISOString().slice(11, 16)} UTC: web-1 is close to its threshold`, [
      'check',
    ]);
  }

  moveClockTo(
    new Date(month.end.getTime() - 2 * 60_000),
    'the instances still running move no more data in this sample account, so the checks until then find nothing new',
  );
  await run("The month's last daily report (23:58 UTC): what the guard did, and what the 1st brings", [
    'report',
  ]);

  moveClockTo(new Date(month.end.getTime() + 10 * 60_000), 'the first check of the new month');
  // A new month: every allowance reset, and a little traffic since midnight.
  for (const instance of instances)
    lightsail.setTraffic(
      instance.region,
      instance.name,
      trafficAt(0.001, instance.gbPerMonthAllocated ?? 1024),
    );
  await run(
    'The first check of the next month (00:10 UTC): what the guard stopped starts again; db-backup, stopped by its owner, does not',
    ['check'],
  );
  await chatCommands();
} finally {
  await Promise.all([lightsail.close(), telegram.close(), sns.close()]);
}

/**
 * The chat commands (docs/telegram-commands.md): the webhook function, in this process, answers a
 * `/status` and a `/keep` sent in the alerts group as Telegram would post them to its Function URL.
 */
async function chatCommands(): Promise<void> {
  const { createTelegramWebhookHandler } = await import('../src/telegram-webhook.js');
  const { webhookSecret } = await import('../src/telegram/commands/secret.js');
  const owner = { id: 5_550_001, first_name: 'Demo', username: 'demo_owner' };
  const group = { id: Number(SIMULATED_CHAT_ID), type: 'supergroup' as const, title: 'Proxy alerts' };
  telegram.setAdministrators(SIMULATED_CHAT_ID, [owner.id]);
  // The AWS SDK in this process reads the simulators' endpoints from the environment.
  Object.assign(process.env, env);
  const webhook = createTelegramWebhookHandler({ env, now, log: () => {} });
  const secret = webhookSecret(telegram.token);
  const exchange = async (title: string, update: unknown, shown: string): Promise<void> => {
    const seen = telegram.messages.length;
    const mailed = sns.published.length;
    console.log(`\n━━ ${title}\n${shown}\n`);
    const answer = await webhook(functionUrlEvent(update, secret));
    console.log(`(Function URL answered ${answer.statusCode})`);
    for (const message of telegram.messages.slice(seen)) console.log(`\n${box(htmlToPlain(message.text))}`);
    for (const email of sns.published.slice(mailed))
      console.log(
        `\nAmazon SNS email (中文):\n${box(`Subject: ${email.subject ?? ''}\n\n${textFor(email, 'email')}`)}`,
      );
  };
  await exchange('In the chat: /status', chatMessage(group, owner, '/status'), '@demo_owner: /status');
  await exchange(
    'In the chat: /keep db-backup (asks first)',
    chatMessage(group, owner, '/keep db-backup'),
    '@demo_owner: /keep db-backup',
  );
  const question = telegram.messages.at(-1);
  const data = (question?.replyMarkup as { inline_keyboard: { callback_data: string }[][] } | undefined)
    ?.inline_keyboard[0]?.[0]?.callback_data;
  if (question?.messageId === undefined || data === undefined) return;
  console.log('\n(the question, edited once the button was pressed:)');
  await exchange(
    'The owner presses "Keep it running"',
    buttonPress(group.id, question.messageId, owner, data),
    '@demo_owner presses the button',
  );
  console.log(`\n${box(htmlToPlain(question.text))}`);
}
