/** The shape every CLI command has, so that `cli-main.ts` can parse, dispatch and explain them alike. */

import type { ParseArgsConfig } from 'node:util';
import type { Config, Environment, TelegramConfig } from '../config.js';
import type { Channel, Fleet, InstanceAdmin } from '../core/ports.js';
import type { RunDeadline } from '../engine/deadline.js';
import type { RunDependencies } from '../engine/types.js';
import type { TelegramBotApi } from '../telegram/bot-api.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What a parsed command line gives a command. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** Arguments after the command's name. */
  readonly positionals: readonly string[];
}

/**
 * What `cli-main.ts` hands a command: the environment `cli.ts` read and the ways to build clients.
 * A command never reads `process.env` or builds an SDK client itself, so tests can give it anything.
 */
export interface CliContext {
  readonly env: Environment;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly fleetFor: (config: Config) => Promise<Fleet>;
  /**
   * With ACCOUNTS: every account a run checks (`only`: `--account`); `undefined` without ACCOUNTS.
   * Absent: only `fleetFor`'s account is checked.
   */
  readonly accountsFor?: (config: Config, only: string | undefined) => Promise<RunDependencies['accounts']>;
  /**
   * Finds, tags, untags, starts and stops instances for the instance commands (`keep-running`, ...);
   * with ACCOUNTS, in every account or in `only` (`--account`).
   */
  readonly adminFor: (config: Config, only?: string) => Promise<InstanceAdmin>;
  /** The read-only Bot API calls of find-chat-id. */
  readonly botApiFor: (
    telegram: Pick<TelegramConfig, 'apiRoot'> & { readonly token: string },
  ) => TelegramBotApi;
  /** Every channel the configuration sets up, their sends ending with the run's alert phase. */
  readonly channelsFor: (config: Pick<Config, 'channels'>, deadline: RunDeadline) => Channel[];
}

export interface CliCommand {
  readonly name: string;
  /** One line for the command list in `--help`. */
  readonly summary: string;
  /** `lightsail-guard <name> --help`. */
  readonly help: string;
  /** The command's own options; `--help` is added to every command. */
  readonly options: OptionSpec;
  /** Runs the command; returns the exit code. Throws `UsageError`/`ConfigError` for exit code 2. */
  run(args: ParsedArgs, ctx: CliContext): Promise<number>;
}
