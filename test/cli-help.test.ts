import { describe, expect, it } from 'vitest';
import { COMMANDS, HELP, main } from '../src/cli-main.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {}, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every `--option` a text names. */
const optionsNamed = (text: string): string[] => [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])];

/**
 * Lines of `text` that continue an entry of a two-column list (an option, a variable, a command,
 * an exit code) but do not start in its description column. An entry is a line indented by two
 * spaces whose description follows two or more spaces; an entry with no description on its line
 * (`--requests-per-second <n>`) continues in the column of the entry before it.
 */
function misaligned(text: string): string[] {
  const wrong: string[] = [];
  let column: number | undefined;
  for (const line of text.split('\n')) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const entry = /^ {2}\S.*?\s{2,}(?=\S)/.exec(line);
    if (indent === 2 && entry) column = entry[0].length;
    else if (indent === 2 && /^ {2}-/.test(line)) continue;
    else if (indent > 2 && column !== undefined) {
      if (indent !== column) wrong.push(line);
    } else column = undefined;
  }
  return wrong;
}

describe('every --help text', () => {
  it.each(COMMANDS.map((command) => [command.name, command] as const))(
    'of %s names only options that command has',
    (_, command) => {
      const known = [...Object.keys(command.options), 'help'].map((name) => `--${name}`);

      expect(optionsNamed(command.help).filter((option) => !known.includes(option))).toEqual([]);
    },
  );

  it('of the CLI names only options some command has, --help and --version', () => {
    const known = new Set(
      [...COMMANDS.flatMap((command) => Object.keys(command.options)), 'help', 'version'].map(
        (name) => `--${name}`,
      ),
    );

    expect(optionsNamed(HELP).filter((option) => !known.has(option))).toEqual([]);
  });

  it.each([['lightsail-guard --help', HELP], ...COMMANDS.map((c) => [`${c.name} --help`, c.help])])(
    'of %s continues each entry in its description column',
    (_, text) => {
      expect(misaligned(text)).toEqual([]);
    },
  );

  it('finds a continuation line one column off (what the check above looks for)', () => {
    const text = '  STOP_AHEAD              stop an instance\n                        next check';

    expect(misaligned(text)).toEqual(['                        next check']);
  });

  it('of status says its --timeout leaves time to print, not to send', async () => {
    const { out } = await cli('status', '--help');
    const timeout = out.slice(out.indexOf('--timeout'), out.indexOf('--quota-percent'));

    expect(timeout).toContain('to print the table');
    expect(timeout).not.toMatch(/send|alert|stop/);
  });

  it('of report says its --dry-run skips sending, not stopping (report never stops)', async () => {
    const { out } = await cli('report', '--help');
    const dryRun = out.slice(out.indexOf('--dry-run'), out.indexOf('--json'));

    expect(dryRun).toContain('do everything except send;');
    expect(dryRun).not.toMatch(/stop/);
  });
});

describe('an option without its value', () => {
  it.each([
    [['check', '--timeout'], 'lightsail-guard: check: --timeout needs a value'],
    [['check', '--timeout', '--json'], 'lightsail-guard: check: --timeout needs a value'],
    [['keep-running', 'web-1', '--region'], 'lightsail-guard: keep-running: --region needs a value'],
    [['status', '--json=yes'], 'lightsail-guard: status: --json takes no value'],
  ])('%j says which option, in words, with exit code 2', async (argv, message) => {
    const run = await cli(...argv);

    expect(run.code).toBe(2);
    expect(run.err.split('\n')[0]).toBe(message);
    expect(run.err).not.toMatch(/argument missing|does not take an argument|ambiguous/);
  });
});
