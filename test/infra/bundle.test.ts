import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda } from '../../infra/bundling.js';
import { writeZip } from '../../infra/zip.js';
import { synthStack } from './synth.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

// One real synthesis with esbuild bundling (the slow part), shared by the tests below.
let assetDir: string;
let scratch: string;
let assemblyDir: string;

beforeAll(async () => {
  const { app } = synthStack({}, { bundle: true });
  const assembly = app.synth();
  assemblyDir = assembly.directory;
  const assets = (await readdir(assembly.directory)).filter((name) => name.startsWith('asset.'));
  expect(assets).toHaveLength(1);
  assetDir = join(assembly.directory, assets[0] ?? '');
  scratch = await mkdtemp(join(tmpdir(), 'lightsail-guard-bundle-'));
}, 120_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
  await rm(assemblyDir, { recursive: true, force: true });
});

describe('the deployed asset', () => {
  it('is a single self-contained index.mjs', async () => {
    expect(await readdir(assetDir)).toEqual(['index.mjs']);
  });

  it('loads with plain node outside the repository and exports the handler', async () => {
    // Outside the repository no node_modules can be found: anything not bundled would fail here.
    await copyFile(join(assetDir, 'index.mjs'), join(scratch, 'index.mjs'));
    const probe = "const m = await import('./index.mjs'); console.log(typeof m.handler);";

    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], { cwd: scratch });

    expect(stdout.trim()).toBe('function');
  });

  it('is byte for byte what npm run package zips for console users', async () => {
    const packaged = await bundleLambda(root, join(scratch, 'package'));
    const fromScript = await readFile(packaged);

    expect(fromScript.equals(await readFile(join(assetDir, 'index.mjs')))).toBe(true);
  });
});

describe('writeZip', () => {
  it('stores the file so that it inflates back to the same bytes', () => {
    const data = Buffer.from('export const handler = async () => 42;\n'.repeat(50));

    const zip = writeZip([{ name: 'index.mjs', data }]);

    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = zip.readUInt16LE(26);
    const compressedSize = zip.readUInt32LE(18);
    expect(zip.subarray(30, 30 + nameLength).toString()).toBe('index.mjs');
    const body = zip.subarray(30 + nameLength, 30 + nameLength + compressedSize);
    expect(inflateRawSync(body).equals(data)).toBe(true);
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50);
  });
});
