import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/{unit,db,ipc,sync,server,cli}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
