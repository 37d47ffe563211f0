/** Parsing a command line with a command's options, with errors a person can act on. */

import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import type { CliCommand, OptionSpec, ParsedArgs } from './command.js';

/** Edit distance, for "did you mean": small inputs only (option and setting names). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The known option closest to `given` (`--dryrun` → `--dry-run`), if one is close. */
export function closestOption(given: string, known: readonly string[]): string | undefined {
  const bare = given.replace(/^-+/, '').split('=')[0] ?? '';
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const score = editDistance(bare.toLowerCase(), name.toLowerCase());
    if (score <= 2 && (best === undefined || score < best.score)) best = { name, score };
  }
  return best === undefined ? undefined : `--${best.name}`;
}

/** Names a command's options, with `--help`, for parsing. */
function withHelp(options: OptionSpec): OptionSpec {
  return { ...options, help: { type: 'boolean', short: 'h' } };
}

/**
 * Parses `argv` (after the command's name) with the command's options. An unknown option is a
 * `UsageError` that names it and the closest option the command has, instead of Node's own text.
 */
export function parseCommandLine(
  command: CliCommand,
  argv: readonly string[],
  others: readonly CliCommand[],
): ParsedArgs {
  const options = withHelp(command.options);
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    const given = /'(-[^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && given !== undefined) {
      const bare = given.replace(/^-+/, '').split('=')[0] ?? '';
      const elsewhere = others
        .filter((other) => Object.hasOwn(other.options, bare))
        .map((other) => other.name);
      if (elsewhere.length > 0) {
        const last = elsewhere.pop();
        const names = elsewhere.length > 0 ? `${elsewhere.join(', ')} and ${last}` : last;
        throw new UsageError(`${command.name} has no option --${bare}; it is for ${names}`);
      }
      const suggestion = closestOption(given, Object.keys(options));
      throw new UsageError(
        `${command.name} has no option ${given}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      );
    }
    // Node's own texts ("Option '--timeout <value>' argument missing") name the option; say it plainly.
    const option = /'(?:-\w, )?(--[\w-]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
      // "argument is ambiguous": the next word is an option (`--timeout --json`).
      const needs = /argument missing|ambiguous/.test(message);
      throw new UsageError(`${command.name}: ${option} ${needs ? 'needs a value' : 'takes no value'}`);
    }
    throw new UsageError(message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/**
 * The positional arguments a command takes, exactly: `names` name them for the error; `[]` for a
 * command that takes none.
 */
export function positionals(args: ParsedArgs, names: readonly string[], command: string): string[] {
  const given = args.positionals;
  if (given.length < names.length) {
    throw new UsageError(`${command} needs ${names.map((name) => `<${name}>`).join(' ')}`);
  }
  if (given.length > names.length) throw new UsageError(`unexpected argument "${given[names.length]}"`);
  return [...given];
}
