import { defineConfig } from 'drizzle-kit';

// The bureau server's own schema and migrations, separate from the laptop store's (db/).
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/db/schema/index.ts',
  out: './server/db/migrations',
});
