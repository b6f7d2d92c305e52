import { defineConfig } from 'vitest/config';
import { aliases } from './vitest.aliases';

// Browser tests drive Debian's chromium through the loopback harness; one file at a time
// keeps two cores from thrashing.
export default defineConfig({
  resolve: { alias: aliases },
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
