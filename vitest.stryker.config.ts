import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant of the code it mutates (stryker.config.mjs): the
// core, the engine, the Telegram adapter and the config parser, each tested here over plain data,
// injected fakes or loopback. test/channels.test.ts is the one test outside those folders that
// drives a mutated module: the message `test-alert` sends (src/core/test-alert.ts) is tested
// there, next to the channels that send it. The wire-level, CLI, Lambda, simulator and CDK tests in
// vitest.config.ts take seconds each (child processes, esbuild, cdk synth) and barely touch these
// files, so running them for thousands of mutants would cost hours and kill few more.
export default defineConfig({
  test: {
    include: [
      'test/core/**/*.test.ts',
      'test/engine/**/*.test.ts',
      'test/telegram/**/*.test.ts',
      'test/config*.test.ts',
      'test/channels.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
