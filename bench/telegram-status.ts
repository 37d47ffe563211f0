/**
 * `npx tsx bench/telegram-status.ts`: the time from a Function URL event carrying `/status` to the
 * reply, over 50 instances in three regions of the Lightsail simulator, with the fake Bot API, all on
 * 127.0.0.1. Cold: the first invocation of a freshly built handler (configuration, the fleet and
 * its SDK clients built, the first Lightsail connections opened; the module import is measured
 * apart). Warm: the next invocations of the same handler. No network latency is simulated unless
 * `LATENCY_MS` is set (added to every Lightsail answer).
 */
import { performance } from 'node:perf_hooks';
import { simulatedEnvironment } from '../sim/environment.js';
import { startLightsailSimulator } from '../sim/lightsail/index.js';
import { trafficAt } from '../sim/sample-account.js';
import { chatMessage, functionUrlEvent, startFakeTelegram } from '../sim/telegram/index.js';

const INSTANCES = 50;
const REGIONS = ['us-east-1', 'eu-west-2', 'ap-south-1'];
const latencyMs = Number(process.env.LATENCY_MS ?? 0);

const instances = Array.from({ length: INSTANCES }, (_, index) => ({
  name: `web-${index + 1}`,
  region: REGIONS[index % REGIONS.length] ?? 'us-east-1',
  gbPerMonthAllocated: 1024,
  traffic: trafficAt((index % 10) / 10, 1024),
}));
const lightsail = await startLightsailSimulator({ instances, regions: REGIONS, latencyMs });
const telegram = await startFakeTelegram();
const env: Record<string, string> = {
  ...simulatedEnvironment(lightsail, telegram),
  REGIONS: REGIONS.join(','),
};
Object.assign(process.env, env);

try {
  const importStarted = performance.now();
  const { createTelegramWebhookHandler } = await import('../src/telegram-webhook.js');
  const { webhookSecret } = await import('../src/telegram/commands/secret.js');
  const importMs = performance.now() - importStarted;
  const secret = webhookSecret(telegram.token);
  const chatId = env.TELEGRAM_CHAT_ID ?? '';
  const chat = { id: Number(chatId), type: 'supergroup' as const };
  const from = { id: 1, first_name: 'Bench' };
  telegram.setAdministrators(chatId, [from.id]);

  const timeOne = async (handler: ReturnType<typeof createTelegramWebhookHandler>): Promise<number> => {
    const replies = telegram.messages.length;
    const started = performance.now();
    const result = await handler(functionUrlEvent(chatMessage(chat, from, '/status'), secret));
    const ms = performance.now() - started;
    if (result.statusCode !== 200 || telegram.messages.length === replies) throw new Error('no reply');
    return ms;
  };

  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < 5; round++) {
    const handler = createTelegramWebhookHandler({ env, log: () => {} });
    cold.push(await timeOne(handler));
    for (let i = 0; i < 4; i++) warm.push(await timeOne(handler));
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const calls = lightsail.stats().calls;
  console.log(
    `/status over ${INSTANCES} instances in ${REGIONS.length} regions, simulator latency ${latencyMs} ms`,
  );
  console.log(`module import (once per cold start): ${importMs.toFixed(0)} ms`);
  console.log(
    `cold (first invocation of a new handler): median ${median(cold).toFixed(0)} ms of ${cold.map((ms) => ms.toFixed(0)).join(', ')}`,
  );
  console.log(
    `warm (later invocations): median ${median(warm).toFixed(0)} ms, max ${Math.max(...warm).toFixed(0)} ms`,
  );
  console.log(
    `Lightsail calls per /status: ${(lightsail.stats().total / (cold.length + warm.length)).toFixed(0)} (${JSON.stringify(calls)})`,
  );
} finally {
  await Promise.all([lightsail.close(), telegram.close()]);
}
