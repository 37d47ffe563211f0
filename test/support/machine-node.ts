import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, sep } from 'node:path';

/**
 * The machine's own `node` (Node 20 on this project's CI), not the Node 22 that the `node` dev
 * dependency puts first on npm's PATH: the first `node` on PATH outside any node_modules folder.
 * `process.execPath` will not do: inside `npm test` it is that Node 22.
 */
export function machineNode(): { readonly path: string; readonly version: string } {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || dir.split(sep).includes('node_modules')) continue;
    const path = join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    try {
      accessSync(path, constants.X_OK);
    } catch {
      continue;
    }
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
    return { path, version };
  }
  throw new Error('No node on PATH outside node_modules.');
}
