import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'sim/**/*.test.ts', 'infra/**/*.test.ts'],
    // Wire-level tests start local servers and child processes; a shared 2-core machine needs headroom.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
