import path from 'node:path';
import { parseArgs } from 'node:util';
import { attachmentOptionsOf } from './attachments/open';
import { DEFAULT_PORT, serverDbPath, startServer } from './index';
import { defaultPushBodyThreads } from './sync/push-body-pool';
import { checkDatabaseUrl, redactUrl } from '@server/db/pg/open';

// `npm run server -- [--host 127.0.0.1] [--port 8787] [--data ./.data/server] [--min-app-version 1.0.0] [--trust-proxy]
//   [--push-threads N] [--push-budget N] [--database postgres://…]`: --push-threads, threads checking large pushes
//   (default none on two cores, else the cores but two, up to 4); --push-budget, ops in flight shared among the laptops
//   pushing (sync/batch-hint.ts; default 5,000); --database (or CENSUS_DATABASE_URL), the PostgreSQL store instead of the
//   embedded SQLite file in --data
//   [--attachments <folder> | s3://bucket/prefix] [--attachment-locks <folder>] (README "Attachments")

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: String(DEFAULT_PORT) },
    data: { type: 'string', default: './.data/server' },
    'min-app-version': { type: 'string' },
    'trust-proxy': { type: 'boolean', default: false },
    'push-threads': { type: 'string' },
    'push-budget': { type: 'string' },
    database: { type: 'string' },
    attachments: { type: 'string' },
    'attachment-locks': { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be 0–65535, not ${values.port}`);
  process.exit(2);
}
const pushThreads = values['push-threads'] === undefined ? defaultPushBodyThreads() : Number(values['push-threads']);
if (!Number.isInteger(pushThreads) || pushThreads < 0 || pushThreads > 64) {
  console.error(`--push-threads must be 0–64, not ${values['push-threads']}`);
  process.exit(2);
}
const pushBudget = values['push-budget'] === undefined ? undefined : Number(values['push-budget']);
if (pushBudget !== undefined && (!Number.isInteger(pushBudget) || pushBudget < 1 || pushBudget > 1_000_000)) {
  console.error(`--push-budget must be 1–1000000 ops, not ${values['push-budget']}`);
  process.exit(2);
}
const dataDir = path.resolve(values.data);
const database = values.database ?? (process.env.CENSUS_DATABASE_URL || undefined);
if (database !== undefined) {
  try {
    checkDatabaseUrl(database);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
}
let attachments;
try {
  attachments = attachmentOptionsOf(values.attachments, values['attachment-locks']);
} catch (e) {
  console.error(`--attachments: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

try {
  const server = await startServer({
    host: values.host,
    port,
    dataDir,
    minAppVersion: values['min-app-version'] ?? null,
    trustProxy: values['trust-proxy'],
    pushBodyThreads: pushThreads,
    ...(pushBudget !== undefined ? { pushBudgetOps: pushBudget } : {}),
    ...(database !== undefined ? { database } : {}),
    ...(attachments ? { attachments } : {}),
  });
  const store = database === undefined ? serverDbPath(dataDir) : redactUrl(database);
  console.log(`census server listening on ${server.url} (data: ${store}, attachments: ${values.attachments ?? 'under the data folder'})`);
  const stop = (signal: string) => {
    console.log(`${signal}: closing`);
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (e) {
  console.error(`census server could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
