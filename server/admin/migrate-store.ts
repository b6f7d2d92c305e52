import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import { describeError, isStoreOpenError } from '@shared/node/sqlite/errors';
import { openServerDatabase } from '@server/db/open';
import { openPgDatabase, PgOpenError, redactUrl } from '@server/db/pg/open';
import { serverDbPath } from '../index';
import { createPartitionKeeper, DEFAULT_PARTITION_SIZE } from '../store/postgres/partitions';
import { openPostgresStore } from '../store/postgres/store';
import { SEQUENCE_VALUE } from '../store/postgres/watermark';
import { openSqliteStore } from '../store/sqlite/store';
import type { ServerStore } from '../store/types';
import { type AttachmentCopyReport, type AttachmentTarget, copyAttachmentFiles, folderAttachmentTarget } from './migrate-attachments';
import { sourceDigest, targetDigest } from './migrate-digest';
import { type ChunkLimits, COPIED_TABLE_NAMES, copyTable, countRows, countTargetRows, DEFAULT_CHUNK, TABLES } from './migrate-tables';
import { compareChecksums, type ScopeChecksumRow } from './migrate-verify';
import { AdminError } from './users';

// `census admin migrate-store`: a district's embedded store (a server data folder) moved into an
// empty PostgreSQL database, in one transaction on the target, so that a failure leaves it
// empty. Everything a running district holds is copied as it is — users with their password
// hashes, assignments, devices, refresh and access tokens (laptops keep their sessions: tokens
// are stored as hashes and checked the same way), every op accepted or rejected, entities,
// field state, conflicts, attachment records and files, fork requests, form packs — so laptops
// continue where they were: their pull cursors are gseqs, kept; their chains continue from each
// device's newest stored op (device_heads). PostgreSQL's own bookkeeping is set up as its store
// expects (server/store/postgres): every op has a log number (an accepted op's gseq; a rejected
// one draws one above every gseq), op-log partitions exist for the numbers used, and gseq_seq
// ends above all of them. entity_moves starts empty: it only tells a verify cache which buckets
// changed since the cache last hashed (checksums.ts), every cache starts empty in a process
// that opens the database after the migration, and one that was open on the empty database
// holds no lines a past move could make stale.
// Before the commit every table's count and content must match the source's; after it both
// stores are opened as servers open them and must answer equal checksums for every scope the
// district's users sync, and for everything, and the source's counts must not have moved since.

export interface MigrateStoreOptions {
  /** The server data folder (holding server.db and attachments/). */
  from: string;
  /** postgres://… of an empty database (created by the DBA; migrated here). */
  to: string;
  /** Where the target server reads attachments; default the source's own folder (shared). */
  attachments?: AttachmentTarget;
  /** CENSUS_SERVER_DB_KEY of an encrypted source. */
  key?: string | undefined;
  chunk?: ChunkLimits;
  partitionSize?: number;
  progress?: (message: string) => void;
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
  /** Every row and value the same, read in key order from both (migrate-digest.ts). */
  isSameContent: boolean;
}

export interface MigrateStoreReport {
  tables: TableCount[];
  deviceHeads: number;
  /** The highest gseq copied, the log numbers drawn for rejected ops, and gseq_seq's value after. */
  log: { maxGseq: number; rejected: number; sequence: number };
  attachments: AttachmentCopyReport;
  checksums: ScopeChecksumRow[];
  /** Tables whose row count in the source changed after the copy (its server still running). */
  sourceChanged: string[];
  /** Every count and every checksum equal. */
  isVerified: boolean;
  /** Seconds: copying the rows, proving their contents, copying the files, the checksums, and all. */
  timings: { rows: number; contents: number; files: number; checksums: number; total: number };
}

/** Tables locked against writers for the whole copy (a server started on the target meanwhile waits). */
const LOCKED = [...COPIED_TABLE_NAMES, 'device_heads'];

function openSource(dir: string, key: string | undefined): Database.Database {
  const st = fs.statSync(dir, { throwIfNoEntry: false });
  if (!st?.isDirectory()) throw new AdminError(`没有该文件夹 / No such folder: ${dir}`);
  const file = serverDbPath(dir);
  if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) === 0) {
    throw new AdminError(`不是服务器数据文件夹（没有 server.db）/ Not a server data folder (no server.db in ${dir})`);
  }
  try {
    return openServerDatabase(file, { key }).sqlite;
  } catch (e) {
    const why = isStoreOpenError(e) ? e.message : describeError(e);
    throw new AdminError(`无法打开源服务器数据库 / Cannot open the source server store ${file}: ${why}`);
  }
}

async function openTarget(url: string): Promise<pg.Pool> {
  try {
    return (await openPgDatabase(url, { poolSize: 2 })).pool;
  } catch (e) {
    if (e instanceof PgOpenError) throw new AdminError(e.message);
    throw new AdminError(`无法打开目标数据库 / Cannot open the target database ${redactUrl(url)}: ${describeError(e)}`);
  }
}

async function nonEmptyTables(q: pg.ClientBase | pg.Pool): Promise<string[]> {
  const sql = LOCKED.map((t) => `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM ${t})`).join(' UNION ALL ');
  return (await q.query<{ t: string }>(sql)).rows.map((r) => r.t);
}

function refuseNonEmpty(tables: string[], url: string): void {
  if (tables.length === 0) return;
  throw new AdminError(
    `目标数据库不是空的（${tables.join(', ')} 已有数据），未做任何改动。请使用新建的空数据库 / The target database ${redactUrl(url)} is not empty (rows in ${tables.join(', ')}); nothing was changed. Migrate into a new, empty database.`,
  );
}

const sequenceValue = async (q: pg.ClientBase | pg.Pool): Promise<number> => Number((await q.query<{ s: string }>(SEQUENCE_VALUE)).rows[0]?.s ?? 0);

type Copied = Omit<MigrateStoreReport, 'checksums' | 'sourceChanged' | 'isVerified' | 'timings'> & { timings: Omit<MigrateStoreReport['timings'], 'checksums' | 'total'> };

interface CopyContext {
  pool: pg.Pool;
  sqlite: Database.Database;
  sourceAttachments: string;
  attachments: AttachmentTarget;
  opts: MigrateStoreOptions;
  progress: (message: string) => void;
}

/** The copy, from one read snapshot of the source into one transaction on the target. */
async function copyAll({ pool, sqlite, sourceAttachments, attachments, opts, progress }: CopyContext): Promise<Copied> {
  const started = Date.now();
  const maxGseq = sqlite.prepare<[], number>('SELECT coalesce(max(gseq), 0) FROM ops').pluck().get() ?? 0;
  const rejected = sqlite.prepare<[], number>('SELECT count(*) FROM ops WHERE gseq IS NULL').pluck().get() ?? 0;
  const sourceCounts = new Map(TABLES.map((s) => [s.name, countRows(sqlite, s.name)]));
  // Numbers start above every gseq and above anything the target's sequence already issued
  // (a sequence is not rolled back with a failed attempt).
  const base = Math.max(maxGseq, await sequenceValue(pool));
  // Partitions for every number the copy uses (created before the copy's lock: creating one
  // locks the op log), so no row lands in ops_default. Like the store's own, they stay.
  await createPartitionKeeper(pool, opts.partitionSize ?? DEFAULT_PARTITION_SIZE, progress).prepare(base + rejected);

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${LOCKED.join(', ')} IN EXCLUSIVE MODE`);
    refuseNonEmpty(await nonEmptyTables(client), opts.to);
    if (base > 0) await client.query("SELECT setval('gseq_seq', $1::bigint, true)", [base]);

    for (const spec of TABLES) {
      const t0 = Date.now();
      let lastReport = t0;
      const rows = await copyTable(sqlite, client, spec, opts.chunk ?? DEFAULT_CHUNK, (n) => {
        if (Date.now() - lastReport < 5_000) return;
        lastReport = Date.now();
        progress(`  ${spec.name}: ${n.toLocaleString('en')} / ${(sourceCounts.get(spec.name) ?? 0).toLocaleString('en')}`);
      });
      if (rows > 0) progress(`${spec.name}: ${rows.toLocaleString('en')} 行 / rows, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    // Each device's newest stored op, accepted or not: the head its next push continues.
    const heads = await client.query('INSERT INTO device_heads (device_id, seq, hash) SELECT DISTINCT ON (device_id) device_id, seq, hash FROM ops ORDER BY device_id, seq DESC');
    const rowsDone = Date.now();

    progress('核对内容 / comparing contents …');
    const counts: TableCount[] = [];
    for (const spec of TABLES) {
      counts.push({
        table: spec.name,
        source: sourceCounts.get(spec.name) ?? 0,
        target: await countTargetRows(client, spec.name),
        isSameContent: sourceDigest(sqlite, spec) === (await targetDigest(client, spec)),
      });
    }
    const unequal = counts.filter((c) => c.source !== c.target || !c.isSameContent);
    if (unequal.length > 0) {
      throw new AdminError(
        `复制结果与源数据不一致，已回滚 / The copy differs from the source, rolled back: ${unequal.map((c) => `${c.table} ${c.source} → ${c.target}${c.isSameContent ? '' : ' (content)'}`).join(', ')}`,
      );
    }
    const inDefault = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM ops_default')).rows[0]?.n ?? 0);
    if (inDefault > 0) throw new AdminError(`${inDefault} 条操作落在默认分区，已回滚 / ${inDefault} ops landed in the default partition; rolled back`);
    const log = { maxGseq, rejected, sequence: await sequenceValue(client) };
    const contentsDone = Date.now();

    // The files last, inside the transaction: a file that cannot be stored rolls the rows back.
    const attachmentReport = await copyAttachmentFiles(sqlite, sourceAttachments, attachments);
    await client.query('COMMIT');
    const seconds = (from: number, to: number) => (to - from) / 1000;
    return {
      tables: counts,
      deviceHeads: heads.rowCount ?? 0,
      log,
      attachments: attachmentReport,
      timings: { rows: seconds(started, rowsDone), contents: seconds(rowsDone, contentsDone), files: seconds(contentsDone, Date.now()) },
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export async function migrateStore(opts: MigrateStoreOptions): Promise<MigrateStoreReport> {
  const started = Date.now();
  const progress = opts.progress ?? (() => undefined);
  const fromDir = path.resolve(opts.from);
  const sourceAttachments = path.join(fromDir, 'attachments');
  const attachments = opts.attachments ?? folderAttachmentTarget(sourceAttachments, sourceAttachments);

  // The target first: a wrong URL or a refused database is reported before the source is opened.
  const pool = await openTarget(opts.to);
  let copied: Copied;
  try {
    refuseNonEmpty(await nonEmptyTables(pool), opts.to);
    const sqlite = openSource(fromDir, opts.key);
    try {
      // One read snapshot of the source for every table (a server still writing to it would
      // make the checksums below differ, and the command fail).
      sqlite.exec('BEGIN');
      try {
        copied = await copyAll({ pool, sqlite, sourceAttachments, attachments, opts, progress });
      } finally {
        sqlite.exec('COMMIT');
      }
    } finally {
      sqlite.close();
    }
  } catch (e) {
    if (e instanceof AdminError) throw e;
    throw new AdminError(`迁移失败，目标数据库未做改动 / The migration failed and the target database was left unchanged: ${describeError(e)}`);
  } finally {
    await pool.end().catch(() => undefined);
  }

  progress('核对校验和 / comparing checksums …');
  const checksumsFrom = Date.now();
  const checksums = await withStores(serverDbPath(fromDir), opts.key, opts.to, compareChecksums);
  // A login, a token refresh or a rejected op on a server still running leaves the checksums
  // alone but is lost to the target all the same: the counts taken again say so.
  const sqlite = openSource(fromDir, opts.key);
  let sourceChanged: string[];
  try {
    sourceChanged = copied.tables.filter((t) => countRows(sqlite, t.table) !== t.source).map((t) => t.table);
  } finally {
    sqlite.close();
  }
  return {
    ...copied,
    checksums,
    sourceChanged,
    isVerified: checksums.every((c) => c.isEqual) && sourceChanged.length === 0,
    timings: { ...copied.timings, checksums: (Date.now() - checksumsFrom) / 1000, total: (Date.now() - started) / 1000 },
  };
}

/** Both stores opened as their servers open them, for the proof; closed after. */
async function withStores<T>(file: string, key: string | undefined, url: string, run: (source: ServerStore, target: ServerStore) => Promise<T>): Promise<T> {
  const source = openSqliteStore(file, { key });
  try {
    const target = await openPostgresStore(url, { poolSize: 2 });
    try {
      return await run(source, target);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
