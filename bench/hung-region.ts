/**
 * How long a stop in a healthy region waits for its alert when another region hangs: the Lambda
 * handler, with `getRemainingTimeInMillis` starting at `--timeout` seconds (default 300, the stack's
 * timeout), one region whose metric reads never answer, and one instance to stop elsewhere.
 * Prints when the stop happened, when its alert arrived, and when the invocation returned.
 *
 *   npx tsx bench/hung-region.ts --timeout 300
 */

import { parseArgs } from 'node:util';
import { simulatedAws, simulatedEnvironment } from '../sim/environment.js';
import { startLightsailSimulator } from '../sim/lightsail/index.js';
import { startFakeTelegram } from '../sim/telegram/index.js';
import { createHandler } from '../src/lambda.js';

const { values } = parseArgs({ options: { timeout: { type: 'string', default: '300' } } });
const timeoutMs = Number(values.timeout) * 1000;
const GB = 1e9;
const lightsail = await startLightsailSimulator({
  regions: ['us-east-1', 'ap-south-1'],
  instances: [
    {
      name: 'hot',
      region: 'us-east-1',
      gbPerMonthAllocated: 1024,
      traffic: { inBytes: 0, outBytes: 1000 * GB },
    },
    {
      name: 'stuck',
      region: 'ap-south-1',
      gbPerMonthAllocated: 1024,
      traffic: { inBytes: 0, outBytes: 10 * GB },
    },
  ],
});
const telegram = await startFakeTelegram();
lightsail.injectFault({ kind: 'hang', op: 'GetInstanceMetricData', region: 'ap-south-1' });
const handler = createHandler({
  env: simulatedEnvironment(lightsail, telegram),
  aws: simulatedAws(lightsail),
  now: () => new Date(),
  write: () => {},
});

const started = Date.now();
let stoppedAt: number | undefined;
const watch = setInterval(() => {
  if (stoppedAt === undefined && lightsail.instance('us-east-1', 'hot')?.state === 'stopped')
    stoppedAt = Date.now();
}, 50);
const outcome = await handler(
  {},
  { getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started) },
).then(
  () => 'succeeded',
  (error: Error) => `failed (${error.message})`,
);
const returnedAt = Date.now();
clearInterval(watch);
const alertAt = telegram.messages[0]?.at.getTime();
const s = (at: number | undefined): string =>
  at === undefined ? 'never' : `${((at - started) / 1000).toFixed(1)} s`;
process.stdout.write(
  `timeout ${timeoutMs / 1000} s: stopped at ${s(stoppedAt)}, alert at ${s(alertAt)}, returned at ${s(returnedAt)}; invocation ${outcome}\n`,
);
await Promise.all([lightsail.close(), telegram.close()]);
