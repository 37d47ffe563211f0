/** The Lambda asset as the stack ships it: its size, and how long `node` takes to import it cold. */

import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleLambda } from '../infra/bundling.js';

export interface AssetFigures {
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly runs: number;
  readonly bareMedianMs: number;
  readonly importMedianMs: number;
  /** Median of the import runs minus median of the bare runs. */
  readonly coldImportMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function timeNode(code: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', AWS_REGION: 'us-east-1' },
    stdio: 'ignore',
  });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`node -e ${code} exited ${run.status}`);
  return elapsed;
}

/**
 * Bundles `src/lambda.ts` with `esbuildOptions` into `outdir`, then times `runs` fresh
 * `node -e "await import(asset)"` against `runs` fresh `node -e "0"`, interleaved (hyperfine-style,
 * after one warm-up of each so the file cache is warm for both).
 */
export async function measureLambdaAsset(root: string, outdir: string, runs: number): Promise<AssetFigures> {
  const asset = await bundleLambda(root, outdir);
  const bytes = statSync(asset).size;
  const gzipBytes = gzipSync(await readFile(asset)).length;
  const importCode = `await import(${JSON.stringify(pathToFileURL(asset).href)});`;
  timeNode('0');
  timeNode(importCode);
  const bare: number[] = [];
  const imported: number[] = [];
  for (let index = 0; index < runs; index++) {
    bare.push(timeNode('0'));
    imported.push(timeNode(importCode));
  }
  const bareMedianMs = median(bare);
  const importMedianMs = median(imported);
  return {
    bytes,
    gzipBytes,
    runs,
    bareMedianMs,
    importMedianMs,
    coldImportMs: importMedianMs - bareMedianMs,
  };
}
