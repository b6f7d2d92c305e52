import path from 'node:path';
import { serverDbPath } from '../index';
import { openPostgresStore } from '../store/postgres/store';
import { openSqliteStore } from '../store/sqlite/store';
import type { ServerStore } from '../store/types';

// The store a `census` command works on, chosen as the server chooses it: `--database` or
// CENSUS_DATABASE_URL (PostgreSQL), else the embedded file in `--data` (key from CENSUS_SERVER_DB_KEY).

export const storeOptionsHelp = `  --data <folder>   the server's data folder (default ./.data/server); key from CENSUS_SERVER_DB_KEY
  --database <url>  the server's PostgreSQL database (postgres://…; default CENSUS_DATABASE_URL) instead of --data`;

export async function openStoreFor(values: { data: string; database?: string | undefined }): Promise<ServerStore> {
  const database = values.database ?? (process.env.CENSUS_DATABASE_URL || undefined);
  return database === undefined
    ? openSqliteStore(serverDbPath(path.resolve(values.data)), { key: process.env.CENSUS_SERVER_DB_KEY })
    : openPostgresStore(database, { poolSize: 2 });
}
