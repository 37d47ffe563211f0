import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LightsailSimulator, startLightsailSimulator } from './index.js';

const run = promisify(execFile);

/** Builds a client from `{ region }` alone, as the guard's entry points do, and prints what it sees. */
const SCRIPT = `
import { GetInstancesCommand, LightsailClient } from '@aws-sdk/client-lightsail';
const client = new LightsailClient({ region: 'eu-west-2' });
const out = await client.send(new GetInstancesCommand({}));
console.log(JSON.stringify(out.instances.map((i) => i.name)));
`;

let sim: LightsailSimulator;
beforeAll(async () => {
  sim = await startLightsailSimulator({ instances: [{ name: 'london-1', region: 'eu-west-2' }] });
});
afterAll(() => sim.close());

describe('AWS_ENDPOINT_URL_LIGHTSAIL', () => {
  it('points a client created with only a region at the simulator, in a child process', async () => {
    // Only the variables the SDK needs, so that nothing on this machine can send it elsewhere.
    const env = {
      PATH: process.env.PATH ?? '',
      AWS_ENDPOINT_URL_LIGHTSAIL: sim.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
    };

    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', SCRIPT], {
      cwd: process.cwd(),
      env,
      timeout: 20_000,
    });

    expect(JSON.parse(stdout)).toEqual(['london-1']);
    expect(sim.stats().callsByRegion).toEqual({ 'eu-west-2': 1 });
  });
});
