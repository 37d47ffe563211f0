import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant of the code it mutates (stryker.config.mjs): the
// core, the engine, the Telegram adapter (with the chat commands) and the config parser, each
// tested here over plain data, injected fakes or loopback. Two folders outside those drive mutated
// modules too: test/channels/ (the message `test-alert` sends, src/core/test-alert.ts, is tested
// next to the channels that send it, and the titles every channel shows) and
// test/telegram-commands/ (src/telegram/commands/ and src/core/chat-commands.ts, over the fake
// Bot API and the simulator on loopback). The wire-level, CLI, Lambda, simulator and CDK tests in
// vitest.config.ts take seconds each (child processes, esbuild, cdk synth) and barely touch these
// files, so running them for thousands of mutants would cost hours and kill few more.
export default defineConfig({
  test: {
    include: [
      'test/core/**/*.test.ts',
      'test/engine/**/*.test.ts',
      'test/telegram/**/*.test.ts',
      'test/config*.test.ts',
      'test/channels/**/*.test.ts',
      'test/telegram-commands/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
