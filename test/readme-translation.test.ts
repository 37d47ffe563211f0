import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingNames, shellCommands } from './support/markdown.js';

const read = (name: string): string => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');

const english = read('README.md');
const chinese = read('README.zh-CN.md');

describe('README.zh-CN.md', () => {
  it('has every command example of README.md, in the same order, commands unchanged', () => {
    expect(shellCommands(chinese)).toEqual(shellCommands(english));
    expect(shellCommands(english).length).toBeGreaterThan(10);
  });

  it('has every settings table row of README.md: the same variables, setting keys, tags and commands', () => {
    const names = settingNames(english);

    expect(settingNames(chinese)).toEqual(names);
    expect(names).toEqual(
      expect.arrayContaining([
        '`ALERT_LANGUAGE`',
        '`SNS_TOPIC_ARN`',
        '`alertEmails`',
        '`lightsail-guard:sent-to`',
      ]),
    );
  });

  it('links to the other language from each', () => {
    expect(english).toContain('(README.zh-CN.md)');
    expect(chinese).toContain('(README.md)');
  });
});

describe('what the comparison sees', () => {
  it('ignores comments in sh blocks but not a changed command', () => {
    const a = '```sh\nnpm ci   # install\n# a note\nnpm test\n```\n';
    const b = '```sh\nnpm ci   # 安装\nnpm test\n```\n';
    const c = '```sh\nnpm ci\nnpm run test\n```\n';

    expect(shellCommands(a)).toEqual(shellCommands(b));
    expect(shellCommands(a)).not.toEqual(shellCommands(c));
  });

  it('reads the first cell of a table row, escaped pipes included, and nothing from other rows', () => {
    const table = [
      '| Setting | Meaning |',
      '| --- | --- |',
      '| `quotaPercent` | stop threshold |',
      '| `keep-running <name> [--start \\| --clear]` | x |',
      '| Telegram | `TELEGRAM_CHAT_ID` |',
    ].join('\n');

    expect(settingNames(table)).toEqual(['`quotaPercent`', '`keep-running <name> [--start \\| --clear]`']);
  });
});
