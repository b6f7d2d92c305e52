import pg from 'pg';
import { type PgCluster, type PgClusterOptions, startPgCluster } from '../../lib/pg-cluster';

// A throwaway PostgreSQL cluster for one benchmark scenario (scripts/lib/pg-cluster.ts),
// stopped after it — also when it fails, and when the bench process exits early — and its
// databases made on demand.

export interface BenchCluster {
  cluster: PgCluster;
  /** Creates database `name` and returns its URL. */
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
}

export async function withPgCluster<T>(opts: PgClusterOptions, fn: (c: BenchCluster) => Promise<T>): Promise<T> {
  const cluster = await startPgCluster(opts);
  const stopOnExit = (): void => cluster.stop();
  process.once('exit', stopOnExit);
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  try {
    await admin.connect();
    const urlOf = (name: string): string => cluster.adminUrl.replace(/\/postgres$/, `/${name}`);
    return await fn({
      cluster,
      createDatabase: async (name) => {
        await admin.query(`CREATE DATABASE ${name}`);
        return urlOf(name);
      },
      dropDatabase: async (name) => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    });
  } finally {
    await admin.end().catch(() => undefined);
    process.removeListener('exit', stopOnExit);
    cluster.stop();
  }
}
