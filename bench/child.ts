/** Bundles the one-configuration entry point like the Lambda asset and runs it in fresh `node` processes. */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../infra/bundling.js';
import { type Job, type JobResult, RESULT_PREFIX } from './job.js';

/**
 * Bundles `bench/one-run.ts` with the Lambda's own esbuild options, so the child runs what
 * Lambda would run (minified, SDK bundled) under plain `node`, without a TypeScript loader
 * adding to its RSS.
 */
export async function bundleChild(root: string, outdir: string): Promise<string> {
  await build({ ...esbuildOptions('bench/one-run.ts', outdir), absWorkingDir: root, logLevel: 'error' });
  return join(outdir, 'index.mjs');
}

/** The environment of a child: fake credentials, the simulator as every region's endpoint, nothing from ~/.aws. */
export function childEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    NODE_NO_WARNINGS: '1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCHNOTREAL',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-not-real',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_LIGHTSAIL: endpoint,
  };
}

/**
 * Runs one job and returns its result line. Asynchronous, so the simulator in this process keeps
 * answering while the child runs. A child that outlives `timeoutMs` is killed: the loop is bounded.
 */
export function runChild(
  script: string,
  job: Job,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  nodeArgs: readonly string[] = [],
): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, JSON.stringify(job)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
      if (line === undefined) {
        reject(new Error(`child exited ${code ?? signal} without a result: ${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as JobResult);
    });
  });
}
