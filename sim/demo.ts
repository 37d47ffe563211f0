/**
 * `npm run demo`: the guard against the in-repo Lightsail simulator and a fake Telegram Bot API,
 * both on 127.0.0.1. Runs the real CLI (`status`, `check` twice, `check` when a metric read comes
 * back empty, `report`) and prints what the terminal and Telegram saw. No AWS account, no network.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { htmlToPlain } from '../src/core/html.js';
import { childEnvironment, simulatedEnvironment } from './environment.js';
import { startLightsailSimulator } from './lightsail/index.js';
import { sampleAccount } from './sample-account.js';
import { startFakeTelegram } from './telegram/index.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const lightsail = await startLightsailSimulator({ instances: sampleAccount(new Date()) });
const telegram = await startFakeTelegram();
// The AWS SDK warns on every start under Node 20 that it will soon need Node 22; the demo is no place for it.
const env = childEnvironment(simulatedEnvironment(lightsail, telegram));

const execFileAsync = promisify(execFile);

async function run(title: string, args: string[]): Promise<void> {
  const seen = telegram.messages.length;
  console.log(`\n━━ ${title}\n$ lightsail-guard ${args.join(' ')}\n`);
  // Asynchronous, so that the simulators in this process can answer while the CLI runs.
  const child = await execFileAsync(process.execPath, [cli, ...args], { env, encoding: 'utf8' }).then(
    (done) => ({ ...done, code: 0 }),
    (failed: { stdout: string; stderr: string; code: number }) => failed,
  );
  console.log(child.stdout.trimEnd());
  if (child.stderr.trim()) console.log(child.stderr.trimEnd());
  console.log(`\n(exit code ${child.code})`);
  const received = telegram.messages.slice(seen);
  console.log(`\nTelegram received ${received.length} message${received.length === 1 ? '' : 's'}:`);
  for (const message of received) console.log(`\n${htmlToPlain(message.text).replace(/^/gm, '  │ ')}`);
}

try {
  await run('What the guard sees (sends and stops nothing)', ['status']);
  await run('The scheduled check', ['check']);
  await run('The same check ten minutes later: nothing new, so nothing is sent', ['check']);
  // The real service answers some metric queries with HTTP 200 and no data; the recipe read that as 0%.
  lightsail.injectFault({ kind: 'empty-metric', instanceName: 'web-1' });
  await run("Lightsail answers web-1's metric query with no data: unknown, never 0%", ['check']);
  await run('The daily report', ['report']);
} finally {
  await Promise.all([lightsail.close(), telegram.close()]);
}
