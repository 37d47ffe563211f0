import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingNames, shellCommands } from './support/markdown.js';

const read = (name: string): string => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
const exists = (name: string): boolean => existsSync(new URL(`../${name}`, import.meta.url));

/** Every English page with its Chinese page: the front page, and each page of docs/ that has one. */
const pairs: { english: string; chinese: string; link: string; back: string }[] = [
  { english: 'README.md', chinese: 'README.zh-CN.md', link: '(README.zh-CN.md)', back: '(README.md)' },
  ...readdirSync(new URL('../docs/zh-CN/', import.meta.url))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({
      english: `docs/${name}`,
      chinese: `docs/zh-CN/${name}`,
      link: `(zh-CN/${name})`,
      back: `(../${name})`,
    })),
];

describe.each(pairs)('$chinese', ({ english, chinese, link, back }) => {
  it(`has every command example of ${english}, in the same order, commands unchanged`, () => {
    expect(shellCommands(read(chinese))).toEqual(shellCommands(read(english)));
  });

  it(`has every settings table row of ${english}: the same variables, setting keys, tags and commands`, () => {
    expect(settingNames(read(chinese))).toEqual(settingNames(read(english)));
  });

  it('links to the other language from each', () => {
    expect(read(english)).toContain(link);
    expect(read(chinese)).toContain(back);
  });
});

describe('the Chinese pages', () => {
  it('cover every page a user reads: the front page and the user guide in docs/', () => {
    const translated = pairs.map((pair) => pair.english);

    expect(translated).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/how-it-decides.md',
        'docs/channels.md',
        'docs/deploy.md',
        'docs/cli.md',
        'docs/configuration.md',
        'docs/costs.md',
      ]),
    );
  });

  it('each translate an English page of the same name', () => {
    for (const { english } of pairs) expect(exists(english), english).toBe(true);
  });

  it('compare what matters: the commands and the rows of the settings, tags and commands tables', () => {
    const english = pairs.map((pair) => read(pair.english)).join('\n');

    expect(shellCommands(english).length).toBeGreaterThan(10);
    expect(settingNames(english)).toEqual(
      expect.arrayContaining([
        '`ALERT_LANGUAGE`',
        '`SNS_TOPIC_ARN`',
        '`alertEmails`',
        '`lightsail-guard:sent-to`',
      ]),
    );
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
