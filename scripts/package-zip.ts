/**
 * `npm run package`: writes `lightsail-guard-lambda.zip` for people who create the function in the
 * AWS console. Same bundle as `cdk deploy` (infra/bundling.ts); the handler is `index.handler`.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLambda, LAMBDA_HANDLER, LAMBDA_OUTFILE } from '../infra/bundling.js';
import { writeZip } from '../infra/zip.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist-lambda');
const zipPath = join(root, 'lightsail-guard-lambda.zip');

await rm(outdir, { recursive: true, force: true });
const bundle = await bundleLambda(root, outdir);
const data = await readFile(bundle);
await writeFile(zipPath, writeZip([{ name: LAMBDA_OUTFILE, data }]));
const handler = `${basename(LAMBDA_OUTFILE, '.mjs')}.${LAMBDA_HANDLER}`;
console.log(
  `${basename(zipPath)}: ${LAMBDA_OUTFILE} ${data.length} bytes; handler ${handler}, runtime nodejs22.x, arm64`,
);
