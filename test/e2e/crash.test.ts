import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { childEnvironment } from '../../sim/environment.js';
import { instanceAt, runInProcess, startWorld, type World } from './harness.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const HOT = ['hot_1', 'hot_2', 'hot_3'] as const;
const REGION = 'eu-west-2';

/** Starts `check` in a child process, as the scheduler or a shell would. */
function startCheck(world: World): ChildProcess {
  return spawn(process.execPath, [cli, 'check'], { env: childEnvironment(world.env), stdio: 'ignore' });
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Stop alerts that reached the chat for `name`, however many messages carried them. */
function stopAlertsFor(world: World, name: string): number {
  return world.telegram.messages.filter((message) =>
    message.text.includes(`<b>Stopped</b> <code>${name}</code>`),
  ).length;
}

/**
 * Each step between the first stop's record and the last write of alert state, as a function that
 * lets the check run up to that step; the process is then killed with SIGKILL.
 */
const STEPS: Record<string, (world: World) => Promise<() => void>> = {
  'after the first stop record is written': async (world) => {
    const gate = world.lightsail.pause({ op: 'TagResource', applyFirst: true, times: 1 });
    await gate.arrived;
    return gate.release;
  },
  'while StopInstance is in flight': async (world) => {
    const gate = world.lightsail.pause({ op: 'StopInstance', times: 1 });
    await gate.arrived;
    return gate.release;
  },
  'after StopInstance took effect, before its answer arrived': async (world) => {
    const gate = world.lightsail.pause({ op: 'StopInstance', applyFirst: true });
    await gate.arrived;
    return gate.release;
  },
  'while the alert is being sent': async (world) => {
    const gate = world.telegram.pause();
    await gate.arrived;
    return gate.release;
  },
  'after Telegram took the alert, before its answer arrived': async (world) => {
    const gate = world.telegram.pause({ deliverFirst: true });
    await gate.arrived;
    return gate.release;
  },
  'while the first record is being cleared': async (world) => {
    const send = world.telegram.pause({ deliverFirst: true });
    await send.arrived;
    const clear = world.lightsail.pause({ op: 'TagResource', times: 1 });
    send.release();
    await clear.arrived;
    return clear.release;
  },
  'after the last record was cleared, before its answer arrived': async (world) => {
    const send = world.telegram.pause({ deliverFirst: true });
    await send.arrived;
    const clears = world.lightsail.pause({ op: 'TagResource', applyFirst: true });
    send.release();
    await clears.arrived;
    // Three records, then three clears: wait until every clear has run.
    while ((world.lightsail.stats().calls.TagResource ?? 0) < 2 * HOT.length) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return clears.release;
  },
};

describe('a check killed with SIGKILL between its stops and its last tag write', () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it.each(Object.keys(STEPS))(
    'announces every stop at least once and at most twice when killed %s',
    async (step) => {
      world = await startWorld([
        ...HOT.map((name) => instanceAt(name, REGION, 0.99)),
        instanceAt('calm_1', REGION, 0.1),
      ]);
      const child = startCheck(world);
      const release = await (STEPS[step] as (world: World) => Promise<() => void>)(world);

      await kill(child);
      release();
      const next = await runInProcess(world, ['check']);
      const after = await runInProcess(world, ['check']);

      expect(next.code).toBe(0);
      expect(after.code).toBe(0);
      for (const name of HOT) {
        expect(world.lightsail.instance(REGION, name)?.state).toBe('stopped');
        expect(stopAlertsFor(world, name)).toBeGreaterThanOrEqual(1);
        expect(stopAlertsFor(world, name)).toBeLessThanOrEqual(2);
        expect(world.lightsail.instance(REGION, name)?.tags['lightsail-guard:stop-unsent']).toBe('');
      }
    },
  );
});
