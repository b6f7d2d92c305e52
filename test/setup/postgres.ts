import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPgDatabase } from '@server/db/pg/open';
import { startPgCluster } from '../../scripts/lib/pg-cluster';

// The PostgreSQL half of the server and sync suites (vitest.config.ts, project 'postgres'): one
// throwaway cluster for the run (scripts/lib/pg-cluster.ts: initdb + pg_ctl on 127.0.0.1, a free
// port, a temp folder), a template database migrated once, and every test server on a database
// copied from it (test/helpers/test-database.ts). Stopped and deleted after the run.

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export const TEMPLATE_DB = 'census_template';

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPgCluster();
  try {
    const admin = new pg.Client(cluster.adminUrl);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const templateUrl = cluster.adminUrl.replace(/\/postgres$/, `/${TEMPLATE_DB}`);
    const { pool } = await openPgDatabase(templateUrl, { poolSize: 1 });
    await pool.end();
  } catch (e) {
    cluster.stop();
    throw e;
  }
  project.provide('pgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
