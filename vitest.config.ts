import { defineConfig } from 'vitest/config';
import { aliases } from './vitest.aliases';

// Two projects: every unit test on the embedded stores ('sqlite'), and the server and sync
// suites again with the bureau server on PostgreSQL ('postgres': a throwaway cluster started by
// test/setup/postgres.ts; the suites choose their store through test/helpers/test-database.ts).
// CENSUS_TEST_PG=off runs the first alone, on a machine without PostgreSQL.
const withPostgres = process.env.CENSUS_TEST_PG !== 'off';

const common = {
  environment: 'node' as const,
  pool: 'forks' as const,
  testTimeout: 20_000,
};

export default defineConfig({
  resolve: { alias: aliases },
  test: {
    projects: [
      {
        resolve: { alias: aliases },
        test: { ...common, name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/postgres/**', 'node_modules/**'] },
      },
      ...(withPostgres
        ? [
            {
              resolve: { alias: aliases },
              test: {
                ...common,
                name: 'postgres',
                include: ['test/server/**/*.test.ts', 'test/sync/**/*.test.ts', 'test/postgres/**/*.test.ts', 'test/interference/{server,sync}-*.test.ts', 'test/verification/sync.test.ts', 'test/enforcement/enforcement-sync.test.ts', 'test/liaison/liaison-sync.test.ts'],
                env: { CENSUS_TEST_STORE: 'postgres' },
                globalSetup: ['test/setup/postgres.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
