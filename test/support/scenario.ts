import { telegramChannel } from '../../src/channels/telegram.js';
import type { Channel, Notifier } from '../../src/core/ports.js';
import type { Instance } from '../../src/core/types.js';
import { type Command, type GuardSettings, type RunResult, runGuard } from '../../src/engine/run.js';
import { anInstance, at, GB, guardSettings } from './builders.js';
import { type InMemoryFleet, inMemoryFleet } from './fleet.js';

/** The fixed clock of engine tests: a Friday in the middle of November 2026. */
export const NOW = at('2026-11-20T10:00:00.000Z');
export const TEN_MINUTES_LATER = at('2026-11-20T10:10:00.000Z');

/** What Lightsail accepts in a tag value: letters, digits, spaces and `_ . : / = + - @`, at most 256. */
export const LIGHTSAIL_TAG_VALUE = /^[\p{L}\p{N} _.:/=+\-@]{0,256}$/u;

/**
 * Two regions: `hot` (97%) must be stopped, `warm` (85%) warned, `calm` (10%) left alone, `off` is
 * stopped and not read, and `far` (50%) lives in the other region.
 */
export function aFleet(): InMemoryFleet {
  const at100 = { allowanceGb: 100 };
  return inMemoryFleet({
    regions: ['us-east-1', 'eu-west-2'],
    instances: [
      anInstance({ name: 'hot', ...at100 }),
      anInstance({ name: 'warm', ...at100 }),
      anInstance({ name: 'calm', ...at100 }),
      anInstance({ name: 'off', state: 'stopped', ...at100 }),
      anInstance({ name: 'far', region: 'eu-west-2', ...at100 }),
    ],
    traffic: {
      hot: { inBytes: 7 * GB, outBytes: 90 * GB },
      warm: { inBytes: 5 * GB, outBytes: 80 * GB },
      calm: { inBytes: 5 * GB, outBytes: 5 * GB },
      off: { inBytes: 50 * GB, outBytes: 50 * GB },
      far: { inBytes: 25 * GB, outBytes: 25 * GB },
    },
  });
}

/**
 * Running instances in us-east-1 at 97% of 100 GB each (7 GB in, 90 GB out), all due a stop at the
 * default 95%; `overrides` apply to every one of them.
 */
export function hotFleet(names: readonly string[], overrides: Partial<Instance> = {}): InMemoryFleet {
  return inMemoryFleet({
    regions: ['us-east-1'],
    instances: names.map((name) => anInstance({ name, allowanceGb: 100, ...overrides })),
    traffic: Object.fromEntries(names.map((name) => [name, { inBytes: 7 * GB, outBytes: 90 * GB }])),
  });
}

/** Runs one command at a fixed time (NOW unless told) with the default settings and any overrides. */
export function run(
  fleet: InMemoryFleet,
  to: Notifier | readonly Channel[] | undefined,
  options: { command?: Command; dryRun?: boolean; settings?: Partial<GuardSettings>; now?: Date } = {},
): Promise<RunResult> {
  // A bare notifier is Telegram, as it always was; channel lists test delivery to several.
  const channels = to === undefined ? [] : 'send' in to ? [telegramChannel(to)] : to;
  return runGuard({ fleet, channels, now: () => options.now ?? NOW }, guardSettings(options.settings), {
    command: options.command ?? 'check',
    dryRun: options.dryRun ?? false,
  });
}
