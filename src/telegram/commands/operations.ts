/**
 * What the chat commands do over the fleet: `/status` and `/report` run the guard as the CLI's
 * `status` and the scheduled report do; `/keep`, `/hold` and `/release` find the instance and make
 * the change through the same owner actions as the CLI (`src/lifecycle/owner-actions.ts`).
 */

import type { Config } from '../../config.js';
import { billingMonthOf, utcDayKey } from '../../core/billing-month.js';
import type { ChatChange } from '../../core/chat-commands.js';
import type { CommandsCatalogue } from '../../core/i18n/commands.js';
import { catalogueFor } from '../../core/i18n/index.js';
import { packBlocks, TELEGRAM_TEXT_LIMIT } from '../../core/pack.js';
import type { Channel, Fleet, InstanceAdmin } from '../../core/ports.js';
import { type ReportModel, reportBlocks } from '../../core/report.js';
import type { Instance } from '../../core/types.js';
import { runGuard } from '../../engine/run.js';
import { describeError } from '../../errors.js';
import {
  afterRelease,
  hold,
  keepRunning,
  type Note,
  type OwnerActionDeps,
  type Refusal,
  release,
} from '../../lifecycle/owner-actions.js';

/** The fleet as both the guard and the instance commands use it (the Lightsail fleet is both). */
export type CommandFleet = Fleet & InstanceAdmin;

export interface OperationsDeps {
  readonly config: Config;
  readonly fleet: () => Promise<CommandFleet>;
  /** The Telegram channel to the configured chat: where `/report` sends the report. */
  readonly chatChannel: Channel | undefined;
  readonly now: () => Date;
  /** Ends every Lightsail call of one command. */
  readonly signal: () => AbortSignal;
}

/** Where an instance of that name is: found once, in several regions, or nowhere. */
export type Located =
  | { readonly found: Instance }
  | { readonly several: readonly string[] }
  | { readonly none: true; readonly unread: readonly string[] };

/** `/status` as HTML messages: the report's line for every monitored instance, or for one. */
export async function statusMessages(
  deps: OperationsDeps,
  catalogue: CommandsCatalogue,
  name: string | undefined,
): Promise<string[]> {
  const { config } = deps;
  if (name !== undefined && config.instances !== undefined && !config.instances.includes(name)) {
    return [catalogue.notMonitored(name)];
  }
  const settings = name === undefined ? config : { ...config, instances: [name] };
  const fleet = await deps.fleet();
  const result = await runGuard({ fleet, channels: [], now: deps.now }, settings, {
    command: 'status',
    dryRun: false,
  });
  if (name !== undefined && result.rows.length === 0 && result.regionErrors.length === 0) {
    return [catalogue.notMonitored(name)];
  }
  const model: ReportModel = {
    generatedAt: result.checkedAt,
    monthKey: result.month.key,
    rows: result.rows,
    regionErrors: result.regionErrors,
    pools: name === undefined ? result.pools : [],
  };
  const context = {
    unit: config.allowance.unit,
    quotaPercent: config.policy.quotaPercent,
    warnPercents: config.policy.warnPercents,
    timeZone: config.timeZone,
  };
  // The report's lines, under a heading of their own instead of the report's summary.
  const [, ...lines] = reportBlocks(model, context, catalogueFor(catalogue.language));
  const blocks = [
    catalogue.statusHeading(result.checkedAt, config.timeZone),
    ...lines.map((line) => line.html),
  ];
  return packBlocks(
    blocks.map((text, ref) => ({ text, ref })),
    TELEGRAM_TEXT_LIMIT,
    '\n',
    { measure: 'chars', body: 'html' },
  ).map((message) => message.text);
}

/** `/report`: the daily report, now, to the chat only. Resolves to the problems of the run. */
export async function sendReport(deps: OperationsDeps): Promise<readonly string[]> {
  if (deps.chatChannel === undefined) return ['Telegram is not configured'];
  const fleet = await deps.fleet();
  const result = await runGuard({ fleet, channels: [deps.chatChannel], now: deps.now }, deps.config, {
    command: 'report',
    dryRun: false,
  });
  return result.problems;
}

/** Finds the instance called `name` (in `region` when given) in the regions the guard watches. */
export async function locate(deps: OperationsDeps, name: string, region?: string): Promise<Located> {
  const fleet = await deps.fleet();
  const signal = deps.signal();
  const regions =
    region !== undefined ? [region] : (deps.config.regions ?? (await fleet.listRegions(signal)));
  const listed = await Promise.allSettled(regions.map((each) => fleet.listInstances(each, signal)));
  const found: Instance[] = [];
  const unread: string[] = [];
  listed.forEach((result, index) => {
    if (result.status === 'fulfilled') found.push(...result.value.filter((one) => one.name === name));
    else unread.push(`${regions[index]}: ${describeError(result.reason)}`);
  });
  const [only] = found;
  if (only !== undefined && found.length === 1) return { found: only };
  if (found.length > 1) return { several: found.map((instance) => instance.region) };
  return { none: true, unread };
}

/**
 * Runs one owner action over the fleet with every call made at once (a refused call throws), and
 * says which notes it made: what the chat is told depends on what was done.
 */
async function act<Result>(
  deps: OperationsDeps,
  action: (owner: OwnerActionDeps) => Promise<Result>,
): Promise<{ readonly result: Result; readonly noted: (kind: Note['kind']) => boolean }> {
  const notes: Note[] = [];
  const fleet = await deps.fleet();
  const result = await action({
    admin: fleet,
    signal: deps.signal(),
    attempt: async (what, call) => {
      try {
        await call();
        return true;
      } catch (error) {
        throw new Error(`could not ${what}: ${describeError(error)}`, { cause: error });
      }
    },
    note: (note) => notes.push(note),
  });
  return { result, noted: (kind) => notes.some((note) => note.kind === kind) };
}

/** `/keep` confirmed: keep it running this month and start it if stopped, as `keep-running --start`. */
export async function keep(
  deps: OperationsDeps,
  instance: Instance,
  by: string,
): Promise<{ readonly change: ChatChange } | Refusal> {
  const month = billingMonthOf(deps.now()).key;
  const { result: refusal, noted } = await act(deps, (owner) =>
    keepRunning(owner, instance, { month, start: true }),
  );
  if (refusal !== undefined) return refusal;
  return {
    change: {
      kind: 'kept',
      name: instance.name,
      region: instance.region,
      month,
      started: noted('started'),
      by,
    },
  };
}

/** `/hold`: as the CLI's `hold`; `undefined` when it was held already. */
export async function holdIt(
  deps: OperationsDeps,
  instance: Instance,
  by: string,
): Promise<ChatChange | undefined> {
  const { noted } = await act(deps, (owner) =>
    hold(owner, instance, { day: utcDayKey(deps.now()), stop: false }),
  );
  if (!noted('held')) return undefined;
  return { kind: 'held', name: instance.name, region: instance.region, by };
}

/** `/release`: as the CLI's `release`; `undefined` when it was not held. */
export async function releaseIt(
  deps: OperationsDeps,
  instance: Instance,
  by: string,
): Promise<ChatChange | undefined> {
  const { noted } = await act(deps, (owner) => release(owner, instance));
  if (!noted('untagged')) return undefined;
  const later = afterRelease(instance);
  return { kind: 'released', name: instance.name, region: instance.region, by, stoppedIn: later?.stoppedIn };
}
