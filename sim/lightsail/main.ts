/**
 * Runs the simulator by hand: `tsx sim/lightsail/main.ts [port]` (or LIGHTSAIL_SIM_PORT), then point
 * the CLI or the AWS CLI at it with the printed variables. Stops on SIGINT/SIGTERM.
 */

import { startLightsailSimulator } from './index.js';
import type { SimInstanceSpec } from './types.js';

const GB = 1e9;

/** A small fleet spanning the interesting cases: idle, near the allowance, past it, stopped, new. */
function sampleFleet(now: Date): SimInstanceSpec[] {
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const midMonth = new Date(Math.max(thisMonth.getTime(), now.getTime() - 5 * 86_400_000));
  return [
    { name: 'idle-web', region: 'us-east-1', traffic: { inBytes: 2 * GB, outBytes: 8 * GB } },
    { name: 'busy-api', region: 'us-east-1', traffic: { inBytes: 300 * GB, outBytes: 570 * GB } },
    {
      name: 'over-cdn',
      region: 'eu-west-2',
      bundleId: 'small_3_0',
      gbPerMonthAllocated: 3072,
      traffic: { inBytes: 500 * GB, outBytes: 2700 * GB },
    },
    {
      name: 'mumbai-shop',
      region: 'ap-south-1',
      gbPerMonthAllocated: 512,
      state: 'stopped',
      traffic: { inBytes: 100 * GB, outBytes: 420 * GB },
    },
    {
      name: 'fresh-box',
      region: 'ap-south-1',
      createdAt: midMonth,
      traffic: { inBytes: 1 * GB, outBytes: 3 * GB },
    },
  ];
}

function portFromArgs(): number {
  const text = process.argv[2] ?? process.env.LIGHTSAIL_SIM_PORT ?? '0';
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Port must be an integer from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

const sim = await startLightsailSimulator({ port: portFromArgs(), instances: sampleFleet(new Date()) });
console.log(`Lightsail simulator listening on ${sim.endpoint}`);
console.log(`  export AWS_ENDPOINT_URL_LIGHTSAIL=${sim.endpoint}`);
console.log('  export AWS_ACCESS_KEY_ID=AKIDFAKE AWS_SECRET_ACCESS_KEY=fake');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    sim.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
