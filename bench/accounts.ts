/**
 * Several accounts (ACCOUNTS): 10 accounts (the guard's own and 9 members) x 3 regions x 20
 * running instances against the Lightsail simulator and the STS fake, through the guard's real
 * wiring (`guardAccounts`, `runGuard`). Prints the wall time of a dry-run check, the calls per
 * operation against the bound (the simulator counts every request, retries included), and the
 * share of the Lambda timeout used. `npx tsx bench/accounts.ts [latencyMs]`.
 */

import { performance } from 'node:perf_hooks';
import type { SimAccountOptions, SimInstanceSpec } from '../sim/lightsail/index.js';
import { startLightsailSimulator } from '../sim/lightsail/index.js';
import { startFakeSts } from '../sim/sts/index.js';
import { parseConfig } from '../src/config.js';
import { runDeadline } from '../src/engine/deadline.js';
import { runGuard } from '../src/engine/run.js';
import { guardAccounts, guardFleet, lightsailClients } from '../src/wiring.js';

const ACCOUNTS = 10;
const REGIONS = ['us-east-1', 'eu-west-2', 'ap-south-1'];
const PER_REGION = 20;
/** The stack's default function timeout, seconds. */
const LAMBDA_TIMEOUT_SECONDS = 300;
const latencyMs = Number(process.argv[2] ?? 60);

function instances(account: number): SimInstanceSpec[] {
  return REGIONS.flatMap((region) =>
    Array.from({ length: PER_REGION }, (_, index) => ({
      name: `a${account}-${region}-${index}`,
      region,
      traffic: { inBytes: 1e11, outBytes: 2e11 },
    })),
  );
}

const memberId = (n: number): string => String(100000000000 + n);
const members = Array.from({ length: ACCOUNTS - 1 }, (_, index) => index + 1);
const accounts: Record<string, SimAccountOptions> = Object.fromEntries(
  members.map((n) => [`AKIDMEMBER${n}`, { accountId: memberId(n), instances: instances(n) }]),
);
const lightsail = await startLightsailSimulator({
  instances: instances(0),
  regions: REGIONS,
  accounts,
  latencyMs,
});
const roleOf = (n: number): string => `arn:aws:iam::${memberId(n)}:role/lightsail-guard-member`;
const sts = await startFakeSts({
  roles: Object.fromEntries(
    members.map((n) => [roleOf(n), { accessKeyId: `AKIDMEMBER${n}`, externalId: 'bench-id' }]),
  ),
});
try {
  const env = {
    REGIONS: REGIONS.join(','),
    ACCOUNTS: members.map((n) => `m${n}=${roleOf(n)}`).join(','),
    ACCOUNT_EXTERNAL_ID: 'bench-id',
  };
  const config = parseConfig(env);
  const aws = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDGUARD', secretAccessKey: 'bench' },
    endpoints: { lightsail: lightsail.endpoint, sts: sts.endpoint },
  };
  const clients = lightsailClients(config, aws);
  const fleet = await guardFleet(config, clients, aws);
  const source = await guardAccounts(config, env, clients, aws);
  const start = performance.now();
  const result = await runGuard(
    {
      fleet,
      channels: [],
      now: () => new Date(),
      deadline: runDeadline(LAMBDA_TIMEOUT_SECONDS * 1000),
      ...(source ? { accounts: source } : {}),
    },
    config,
    { command: 'check', dryRun: true },
  );
  const wallMs = performance.now() - start;
  const calls = lightsail.stats().calls;
  const running = ACCOUNTS * REGIONS.length * PER_REGION;
  const bound = {
    GetInstances: ACCOUNTS * REGIONS.length * Math.ceil(PER_REGION / 25),
    GetInstanceMetricData: 2 * running,
    AssumeRole: ACCOUNTS - 1,
    GetCallerIdentity: 1,
  };
  const stsCalls = (action: string): number =>
    sts.requests.filter((request) => request.action === action).length;
  const measured = {
    GetInstances: calls.GetInstances ?? 0,
    GetInstanceMetricData: calls.GetInstanceMetricData ?? 0,
    AssumeRole: stsCalls('AssumeRole'),
    GetCallerIdentity: stsCalls('GetCallerIdentity'),
  };
  console.log(
    JSON.stringify(
      {
        accounts: ACCOUNTS,
        regions: REGIONS.length,
        instances: running,
        latencyMs,
        rows: result.rows.length,
        problems: result.problems,
        wallMs: Math.round(wallMs),
        lambdaTimeoutShare: `${((wallMs / (LAMBDA_TIMEOUT_SECONDS * 1000)) * 100).toFixed(1)}%`,
        calls: measured,
        bound,
        callsEqualBound: JSON.stringify(measured) === JSON.stringify(bound),
        otherLightsailCalls: Object.fromEntries(
          Object.entries(calls).filter(([op]) => op !== 'GetInstances' && op !== 'GetInstanceMetricData'),
        ),
        peakInFlight: lightsail.stats().peakInFlight,
      },
      null,
      2,
    ),
  );
} finally {
  await lightsail.close();
  await sts.close();
}
