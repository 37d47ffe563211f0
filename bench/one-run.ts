/**
 * One configuration in a fresh process, so that its peak RSS is its own: the guard's real check
 * path (`runGuard` over `createLightsailFleet` and `lightsailClientFactory`, as the CLI and the
 * Lambda build them) or the sequential baseline. The orchestrator bundles this file and runs it
 * with plain `node`, as Lambda runs its bundle, and reads one `BENCH_RESULT {json}` line.
 */

import { performance } from 'node:perf_hooks';
import { LightsailClient } from '@aws-sdk/client-lightsail';
import { telegramChannel } from '../src/channels/telegram.js';
import { parseConfig } from '../src/config.js';
import { ENV } from '../src/constants.js';
import type { Notifier } from '../src/core/ports.js';
import { runGuard } from '../src/engine/run.js';
import { lightsailClientFactory } from '../src/lightsail/clients.js';
import { createLightsailFleet } from '../src/lightsail/fleet.js';
import { runBaseline } from './baseline.js';
import { type Job, type JobResult, RESULT_PREFIX } from './job.js';
import { type CommandCounts, countingFactory } from './sdk-counter.js';

const MB = 1024 * 1024;

async function main(job: Job): Promise<JobResult> {
  const counts: CommandCounts = { commands: 0, failed: 0, byOperation: {}, failuresByError: {} };
  const factory =
    job.retryMode === 'standard'
      ? standardFactory(job.maxAttempts)
      : lightsailClientFactory({ maxAttempts: job.maxAttempts, pace: job.pace });
  const clientFor = countingFactory(factory, counts);
  const rssStartMb = process.memoryUsage().rss / MB;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  if (job.mode === 'baseline') {
    const outcome = await runBaseline({
      clientFor,
      regions: job.regions,
      homeRegion: job.homeRegion,
      sample: job.sample ?? Number.POSITIVE_INFINITY,
    });
    const wallMs = performance.now() - start;
    return {
      ...common(counts, wallMs, rssStartMb, cpuStart),
      problems: counts.failed,
      problemSamples: [],
      unknownUsages: 0,
      stopped: outcome.stopped,
      messages: 0,
      baseline: outcome.regions,
    };
  }
  const config = parseConfig({
    [ENV.concurrency]: String(job.concurrency),
    ...(job.regions ? { [ENV.regions]: job.regions.join(',') } : {}),
  });
  const sent: string[] = [];
  // Records instead of sending: the benchmark measures Lightsail, not Telegram.
  const notifier: Notifier = {
    send: async (text) => {
      sent.push(text);
    },
  };
  const fleet = createLightsailFleet({ clientFor, homeRegion: job.homeRegion });
  const result = await runGuard(
    { fleet, channels: [telegramChannel(notifier)], now: () => new Date() },
    config,
    {
      command: 'check',
      dryRun: false,
    },
  );
  const wallMs = performance.now() - start;
  return {
    ...common(counts, wallMs, rssStartMb, cpuStart),
    problems: result.problems.length,
    problemSamples: result.problems.slice(0, 3),
    unknownUsages: result.rows.filter((row) => row.unknownReason !== undefined).length,
    stopped: result.rows.filter((row) => row.action === 'stopped').length,
    messages: sent.length,
  };
}

/** Like `lightsailClientFactory`, but in the standard retry mode: no client-side rate limiter. */
function standardFactory(maxAttempts: number): (region: string) => LightsailClient {
  const clients = new Map<string, LightsailClient>();
  return (region) => {
    const client = clients.get(region) ?? new LightsailClient({ region, maxAttempts, retryMode: 'standard' });
    clients.set(region, client);
    return client;
  };
}

function common(counts: CommandCounts, wallMs: number, rssStartMb: number, cpuStart: NodeJS.CpuUsage) {
  const cpu = process.cpuUsage(cpuStart);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs,
    commands: counts.commands,
    commandsByOperation: counts.byOperation,
    failedCommands: counts.failed,
    failuresByError: counts.failuresByError,
    rssStartMb,
    // maxRSS is in kilobytes: the peak of the whole process, start-up included.
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const result = await main(job);
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
