/**
 * The oldest Node.js the CLI runs on. Node 20 is past end of life, and under it the AWS SDK prints
 * a nine-line warning on every run; the Lambda runs Node 22. package.json's `engines` says the
 * same, checked by a test.
 */
export const MINIMUM_NODE_MAJOR = 22;

/**
 * The one line the CLI prints instead of running when `version` (as `process.versions.node` gives
 * it, e.g. `20.20.2`) is older than {@link MINIMUM_NODE_MAJOR}; `undefined` when it is new enough.
 * Kept free of imports, so the binary can run it before anything else loads.
 */
export function nodeTooOld(version: string): string | undefined {
  const major = Number.parseInt(version.replace(/^v/, ''), 10);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return `lightsail-guard needs Node.js ${MINIMUM_NODE_MAJOR} or newer; this is ${version.replace(/^v/, '')}.`;
}
