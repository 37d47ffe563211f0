/**
 * `node scripts/expect-node.mjs 22`: prints which Node.js and time zone a test pass runs on, so a
 * log says what it proved, and fails unless that major version runs. The `node` dev dependency
 * puts Node 22 first on npm's PATH only when its install script ran (package.json's
 * `allowScripts`); without this check a skipped install would quietly test on the machine's Node.
 */

const [wanted] = process.argv.slice(2);
const major = Number(process.versions.node.split('.')[0]);
const zone = process.env.TZ ?? `unset (${Intl.DateTimeFormat().resolvedOptions().timeZone})`;

console.log(`Testing on Node ${process.version} (${process.execPath}), TZ ${zone}`);
if (wanted !== undefined && major !== Number(wanted)) {
  console.error(
    `Expected Node ${wanted}, got ${process.version}: run npm ci, and check that package.json's allowScripts lets the "node" package install its binary.`,
  );
  process.exit(1);
}
