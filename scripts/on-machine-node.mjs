/**
 * Runs a Node.js script on the machine's own `node`, not the Node 22 that the `node` dev
 * dependency puts first on npm's PATH: `node scripts/on-machine-node.mjs <script> [args...]`.
 * `npm test` uses it to run the end-to-end tests on the oldest Node that `engines` allows too,
 * where that is what the machine (and CI) has.
 *
 * Why not `$npm_node_execpath`: npm sets it to the node running npm, and a nested `npm run` from
 * another script is started by the Node 22 on PATH, so inside `npm test` it names Node 22.
 * The machine's node is the first `node` on PATH outside any node_modules folder.
 */

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, sep } from 'node:path';

function machineNode() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || dir.split(sep).includes('node_modules')) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder: try the next.
    }
  }
  throw new Error('No node on PATH outside node_modules.');
}

const node = machineNode();
const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
const zone = process.env.TZ ?? `unset (${Intl.DateTimeFormat().resolvedOptions().timeZone})`;
console.log(`Testing on the machine's Node ${version} (${node}), TZ ${zone}`);
const run = spawnSync(node, process.argv.slice(2), { stdio: 'inherit' });
process.exit(run.status ?? 1);
