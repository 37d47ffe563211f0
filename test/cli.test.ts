import { describe, expect, it } from 'vitest';
import { main } from '../src/cli-main.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {}, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the command line', () => {
  it.each(['check', 'report', 'status'])('prints the help of %s itself for "%s --help"', async (name) => {
    const run = await cli(name, '--help');

    expect(run.code).toBe(0);
    expect(run.out).toMatch(new RegExp(`^Usage: lightsail-guard ${name} \\[options\\]`));
    expect(run.out).not.toContain('Commands:');
  });

  it.each(['find-chat-id', 'test-alert'])(
    'prints the help of %s itself, and lists it in the global help',
    async (name) => {
      const own = await cli(name, '--help');
      const global = await cli('--help');

      expect(own.out).toMatch(new RegExp(`^Usage: lightsail-guard ${name} \\[--json\\]`));
      expect(global.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    },
  );

  it('says in --help that it needs Node.js 22 or newer, and that an older one exits 2', async () => {
    const run = await cli('--help');

    expect(run.out).toContain('Needs Node.js 22 or newer.');
    expect(run.out).toMatch(/^ {2}2 {2}.*or a Node\.js older than 22;$/m);
  });

  it('lines up every command summary after the longest name', async () => {
    const run = await cli('--help');
    const commands = run.out.slice(run.out.indexOf('Commands:'), run.out.indexOf('\n\nOptions'));
    const starts = commands
      .split('\n')
      .slice(1)
      .map((line) => {
        const named = /^ {2}\S+ +/.exec(line);
        return named ? named[0].length : line.length - line.trimStart().length;
      });

    expect(new Set(starts).size).toBe(1);
  });

  it('prints a command’s help for "help <command>" too', async () => {
    const run = await cli('help', 'report');

    expect(run.out).toMatch(/^Usage: lightsail-guard report/);
  });

  it('suggests --dry-run for --dryrun, with no unbalanced quote', async () => {
    const run = await cli('check', '--dryrun');

    expect(run.code).toBe(2);
    expect(run.err).toContain('check has no option --dryrun; did you mean --dry-run?');
    expect(run.err.split("'").length % 2).toBe(1);
  });

  it('says which commands take --dry-run when status is given it', async () => {
    const run = await cli('status', '--dry-run');

    expect(run.code).toBe(2);
    expect(run.err).toContain(
      'status has no option --dry-run; it is for check, report, keep-running, hold, release, set-quota, set-warn, set-action and untag-all',
    );
  });

  it('names an unknown option without a guess when none is close', async () => {
    const run = await cli('status', '--frobnicate');

    expect(run.code).toBe(2);
    expect(run.err).toContain('status has no option --frobnicate\n');
  });

  it.each(['check', 'status', 'find-chat-id', 'test-alert', 'untag-all', 'member-template'])(
    'refuses an argument %s does not take, before reading any setting',
    async (name) => {
      const run = await cli(name, 'web-1');

      expect(run.code).toBe(2);
      expect(run.err).toContain('unexpected argument "web-1"');
    },
  );

  it('names the arguments an instance command needs, and refuses one too many', async () => {
    const missing = await cli('set-quota', 'web-1');
    const extra = await cli('hold', 'web-1', 'web-2');

    expect(missing.code).toBe(2);
    expect(missing.err).toContain('set-quota needs <name> <percent>');
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('unexpected argument "web-2"');
  });

  it('asks for the command first when an option comes before it', async () => {
    const run = await cli('--json', 'status');

    expect(run.code).toBe(2);
    expect(run.err).toContain('put the command first: lightsail-guard <command> --json');
  });
});
