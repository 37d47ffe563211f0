// Mutation testing: `npm run mutate`. Stryker changes the code under test one small edit at a
// time (a `<` for a `<=`, a dropped condition) and runs the tests against each change; a change
// no test notices points at an assertion missing. Reports go to reports/ (git-ignored), the
// sandbox to .stryker-tmp/ (git-ignored). A full run takes long on a small machine: try one file
// with `npx stryker run --mutate src/core/billing-month.ts --concurrency 2`.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The pure core, the engine that drives it, the Telegram adapter (redaction, retries) and the
  // config parser: where a wrong comparison stops an instance too late or leaks a token. The
  // Lightsail adapter and the entry points are exercised by the wire-level tests instead.
  mutate: ['src/core/**/*.ts', 'src/engine/**/*.ts', 'src/telegram/**/*.ts', 'src/config.ts'],
  testRunner: 'vitest',
  // Only the fast tests of those folders: see vitest.stryker.config.ts for why.
  vitest: { configFile: 'vitest.stryker.config.ts' },
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'html'],
  // The console lists surviving mutants and the score; the list of every test is in the report.
  clearTextReporter: { reportTests: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  // Build output, CDK assemblies and benchmark results are not needed in the sandbox.
  ignorePatterns: ['dist', 'dist-lambda', 'cdk.out', '.bench', 'coverage', 'reports', '*.zip'],
  tempDirName: '.stryker-tmp',
  // Stryker rewrites `extends` and `references` of this tsconfig in its sandbox with TypeScript's
  // JavaScript API, which TypeScript 7 no longer has (its package exports only its version). Our
  // tsconfig.json points at nothing outside the folder, so there is nothing to rewrite: name a
  // file that does not exist and the rewrite is skipped. Vitest transpiles without it.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
};
