import { defineConfig } from 'drizzle-kit';

// The bureau server's schema on PostgreSQL (server/db/pg), for a city or province running
// several server processes on one database. The partitioned op log is a hand-written migration.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/pg/schema.ts',
  out: './server/db/pg/migrations',
});
