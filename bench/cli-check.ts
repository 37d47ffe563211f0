/**
 * `npx tsx bench/cli-check.ts`: times `check` through the built binary (`npm run build` first),
 * process start included, for 50 instances at 50 ms per Lightsail call, in one region and spread
 * over five, and prints the calls the simulator saw. The figure the guard issue asks for.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { childEnvironment, simulatedEnvironment } from '../sim/environment.js';
import { startLightsailSimulator } from '../sim/lightsail/index.js';
import { startFakeTelegram } from '../sim/telegram/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const REGIONS = ['us-east-1', 'eu-west-2', 'ap-south-1', 'us-west-2', 'eu-central-1'];

for (const spread of [1, 5]) {
  // One in ten over the threshold, one in ten past a warning level, the rest well under.
  const instances = Array.from({ length: 50 }, (_, index) => {
    const share = index % 10 === 0 ? 0.97 : index % 10 === 1 ? 0.85 : 0.3;
    const region = REGIONS[index % spread] ?? 'us-east-1';
    return { name: `node_${index}`, region, traffic: { inBytes: share * 512e9, outBytes: share * 512e9 } };
  });
  const lightsail = await startLightsailSimulator({
    instances,
    regions: REGIONS.slice(0, spread),
    latencyMs: 50,
  });
  const telegram = await startFakeTelegram();
  const env = childEnvironment(simulatedEnvironment(lightsail, telegram));
  const started = performance.now();
  const exit = await run(process.execPath, [cli, 'check'], { env }).then(
    () => 0,
    (error: { code: number }) => error.code,
  );
  const wallMs = performance.now() - started;
  const bareStarted = performance.now();
  await run(process.execPath, ['-e', '0']);
  const bareMs = performance.now() - bareStarted;
  const stats = lightsail.stats();
  console.log(
    `50 instances in ${spread} region${spread === 1 ? '' : 's'} at 50 ms: check ${wallMs.toFixed(0)} ms ` +
      `(bare node ${bareMs.toFixed(0)} ms), exit ${exit}, ${stats.total} Lightsail calls ${JSON.stringify(stats.calls)}, ` +
      `peak in flight ${stats.peakInFlight}, ${telegram.messages.length} Telegram message(s)`,
  );
  await Promise.all([lightsail.close(), telegram.close()]);
}
