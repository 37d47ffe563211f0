import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings, SETTING_KEYS, SettingsError } from '../../infra/settings.js';
import { layeredSettings, readSettingsFile, settingsFilePath } from '../../infra/settings-file.js';
import { MISSING_CHAT_ID } from '../../infra/stack.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lightsail-guard-settings-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function settingsFile(name: string, settings: unknown): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, typeof settings === 'string' ? settings : JSON.stringify(settings));
  return path;
}

interface Synthesis {
  readonly code: number;
  readonly stderr: string;
  readonly template: Record<string, unknown> | undefined;
  readonly errors: string[];
}

/**
 * Runs infra/app.ts, the program `cdk synth` and `cdk deploy` run, the way the CDK CLI runs it:
 * context (`-c` and cdk.json) in CDK_CONTEXT_JSON, the output directory in CDK_OUTDIR. Bundling
 * is skipped (the CDK's own switch); the settings are what is tested.
 */
async function synthesize(context: Record<string, unknown>): Promise<Synthesis> {
  const outdir = await mkdtemp(join(scratch, 'out-'));
  const env = {
    ...process.env,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }),
  };
  const done = await run(tsx, ['infra/app.ts'], { cwd: root, env, encoding: 'utf8' }).then(
    (ok) => ({ code: 0, stderr: ok.stderr }),
    (failed: { code: number; stderr: string }) => ({ code: failed.code, stderr: failed.stderr }),
  );
  if (done.code !== 0) return { ...done, template: undefined, errors: [] };
  const template = JSON.parse(await readFile(join(outdir, 'LightsailGuard.template.json'), 'utf8'));
  // The stack's metadata (where its annotations are) is in the file the manifest names.
  const manifest = JSON.parse(await readFile(join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { additionalMetadataFile?: string }>;
  };
  const metadataFile = manifest.artifacts.LightsailGuard?.additionalMetadataFile ?? '';
  const metadata = JSON.parse(await readFile(join(outdir, metadataFile), 'utf8')) as Record<
    string,
    { type: string; data: unknown }[]
  >;
  const errors = Object.values(metadata)
    .flat()
    .filter((entry) => entry.type === 'aws:cdk:error')
    .map((entry) => String(entry.data));
  return { ...done, template, errors };
}

function guardFunction(template: Record<string, unknown> | undefined) {
  const resources = Object.values(
    (template?.Resources ?? {}) as Record<string, { Type: string; Properties: Record<string, unknown> }>,
  );
  const fn = resources.find(
    (resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Runtime === 'nodejs22.x',
  );
  return fn?.Properties as { MemorySize: number; Environment: { Variables: Record<string, string> } };
}

describe('the deploy settings file', () => {
  it('is read by synthesis: its chat, settings and memory reach the function', async () => {
    const file = await settingsFile('deploy.settings.json', {
      telegramChatId: '-1001234567890',
      quotaPercent: 90,
      prorateNewInstances: false,
      memorySize: 1024,
    });

    const synthesis = await synthesize({ settingsFile: file });

    expect(synthesis.code).toBe(0);
    expect(synthesis.errors).toEqual([]);
    const fn = guardFunction(synthesis.template);
    expect(fn.MemorySize).toBe(1024);
    expect(fn.Environment.Variables).toMatchObject({
      TELEGRAM_CHAT_ID: '-1001234567890',
      QUOTA_PERCENT: '90',
      PRORATE_NEW_INSTANCES: 'false',
    });
  }, 60_000);

  it('gives way to -c for one run, and -c key= clears what it says', async () => {
    const file = await settingsFile('override.json', { telegramChatId: '-1001234567890', quotaPercent: 90 });

    const synthesis = await synthesize({ settingsFile: file, telegramChatId: '42', quotaPercent: '' });

    const variables = guardFunction(synthesis.template).Environment.Variables;
    expect(variables.TELEGRAM_CHAT_ID).toBe('42');
    expect(variables).not.toHaveProperty('QUOTA_PERCENT');
  }, 60_000);

  it('without telegramChatId in the file or -c, synthesis records the error that stops cdk synth and deploy', async () => {
    const file = await settingsFile('no-chat.json', { reportTimeZone: 'Asia/Shanghai' });

    const synthesis = await synthesize({ settingsFile: file });

    expect(synthesis.errors).toEqual([MISSING_CHAT_ID]);
  }, 60_000);

  it('stops synthesis naming the file and the key for a misspelled setting', async () => {
    const file = await settingsFile('typo.json', { telegramChatID: '42' });

    const synthesis = await synthesize({ settingsFile: file });

    expect(synthesis.code).toBe(1);
    expect(synthesis.stderr).toContain(
      `lightsail-guard deploy settings: ${file}: unknown setting "telegramChatID"; did you mean "telegramChatId"?`,
    );
  }, 60_000);
});

describe('readSettingsFile', () => {
  it('reads nothing from a file that is not there, unless it was named with -c settingsFile', () => {
    expect(readSettingsFile(join(scratch, 'absent.json'))).toEqual({});
    expect(() => readSettingsFile(join(scratch, 'absent.json'), true)).toThrow(/does not exist/);
  });

  it.each([
    ['not JSON', '{ telegramChatId: 42 }', /is not valid JSON/],
    ['a list', '["telegramChatId"]', /must hold one JSON object of settings/],
    ['a nested value', '{"regions": ["us-east-1"]}', /regions must be a string, a number or true\/false/],
  ])('refuses %s, naming the file', async (_label, text, message) => {
    const file = await settingsFile(`bad-${_label.replace(/\s/g, '-')}.json`, text);

    expect(() => readSettingsFile(file)).toThrow(SettingsError);
    expect(() => readSettingsFile(file)).toThrow(message);
  });

  it('drops a "$comment" and keeps the settings', async () => {
    const file = await settingsFile('comment.json', { $comment: 'note', reportTime: '07:30' });

    expect(readSettingsFile(file)).toEqual({ reportTime: '07:30' });
  });

  it('is the root deploy.settings.json unless -c settingsFile names another, relative to the working directory', () => {
    expect(settingsFilePath(() => undefined)).toBe(join(root, 'deploy.settings.json'));
    expect(settingsFilePath((key) => (key === 'settingsFile' ? 'eu.json' : undefined), '/work/x')).toBe(
      '/work/x/eu.json',
    );
  });
});

describe('deploy.settings.example.json', () => {
  it('holds valid settings with no chat id, so a copy left unedited cannot deploy', () => {
    const example = readSettingsFile(join(root, 'deploy.settings.example.json'));

    expect(example.telegramChatId).toBe('');
    expect(() => readSettings(layeredSettings(() => undefined, example))).not.toThrow();
  });

  it('names only settings the stack reads, and the deploy docs document every one', async () => {
    const readme = await readFile(join(root, 'docs', 'configuration.md'), 'utf8');
    const asked = new Set<string>();
    readSettings((key) => {
      asked.add(key);
      return undefined;
    });

    expect([...asked].sort()).toEqual([...SETTING_KEYS].sort());
    for (const key of SETTING_KEYS) expect(readme).toContain(`| \`${key}\``);
  });

  it('points its "$comment" at a page and section that exist, where the settings table is', async () => {
    const example = JSON.parse(await readFile(join(root, 'deploy.settings.example.json'), 'utf8'));
    const [, page, anchor] = /([\w./-]+\.md)#([\w-]+)/.exec(String(example.$comment)) ?? [];
    if (page === undefined || anchor === undefined) throw new Error('the $comment names no page#section');
    const text = await readFile(join(root, page), 'utf8');
    // The anchor GitHub makes of a heading: lower case, spaces to hyphens, punctuation dropped.
    const slug = (heading: string): string =>
      heading
        .toLowerCase()
        .replace(/[^\w\s-]/g, '')
        .replace(/\s/g, '-');
    const headings = text.split('\n').filter((line) => line.startsWith('#'));
    const heading = headings.find((line) => slug(line.replace(/^#+\s*/, '')) === anchor);

    expect(heading).toBeDefined();
    const at = text.indexOf(`${heading}\n`);
    const next = text.indexOf('\n#', at + 1);
    expect(text.slice(at, next < 0 ? undefined : next)).toContain('| `telegramChatId`');
  });
});
