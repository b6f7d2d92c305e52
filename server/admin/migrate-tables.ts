import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';

// The tables `census admin migrate-store` copies from the embedded store (server/db/schema) to
// PostgreSQL (server/db/pg/schema.ts), in an order their references allow, and the bulk copy of
// one table: source rows streamed (better-sqlite3 iterate, raw arrays), gathered into chunks
// bounded in rows and bytes, each chunk one INSERT … SELECT FROM unnest(…) of column arrays.
// While PostgreSQL stores one chunk the next is read, so memory stays at two chunks.
// The tables only PostgreSQL has start as follows: device_heads is derived from the ops
// (migrate-store.ts), login_failures, gseq_claims and entity_moves start empty.

type PgType = 'text' | 'bigint' | 'int';

export interface TableSpec {
  name: string;
  /** Columns by their name in both schemas, with the PostgreSQL array element type. */
  columns: readonly (readonly [string, PgType])[];
}

const t = (name: string, columns: readonly (readonly [string, PgType])[]): TableSpec => ({ name, columns });

/** Every table copied, parents before the tables that reference them; `ops` is copied by its own spec. */
export const TABLES: readonly TableSpec[] = [
  t('users', [['id', 'text'], ['username', 'text'], ['name', 'text'], ['role', 'text'], ['password_hash', 'text'], ['created_at', 'text'], ['updated_at', 'text']]),
  t('assignments', [['user_id', 'text'], ['area_prefix', 'text'], ['created_at', 'text']]),
  t('devices', [['id', 'text'], ['user_id', 'text'], ['name', 'text'], ['app_version', 'text'], ['created_at', 'text'], ['last_seen_at', 'text'], ['revoked_at', 'text']]),
  t('refresh_tokens', [['token_hash', 'text'], ['device_id', 'text'], ['issued_at', 'bigint'], ['used_at', 'bigint'], ['successor_hash', 'text'], ['ended_at', 'bigint'], ['end_reason', 'text']]),
  t('access_tokens', [['token_hash', 'text'], ['device_id', 'text'], ['user_id', 'text'], ['expires_at', 'bigint']]),
  t('ops', [
    ['device_id', 'text'], ['seq', 'int'], ['gseq', 'bigint'], ['hash', 'text'], ['prev_hash', 'text'], ['entity', 'text'], ['entity_id', 'text'],
    ['field', 'text'], ['value', 'text'], ['base_version', 'bigint'], ['hlc', 'text'], ['user_id', 'text'], ['at', 'text'], ['app_version', 'text'],
    ['schema_version', 'text'], ['received_at', 'text'], ['outcome', 'text'], ['reject_code', 'text'], ['reject_message', 'text'], ['conflict_id', 'text'],
  ]),
  t('entities', [['entity', 'text'], ['entity_id', 'text'], ['scope_key', 'text'], ['bucket', 'text'], ['created_gseq', 'bigint']]),
  t('field_state', [['entity', 'text'], ['entity_id', 'text'], ['field', 'text'], ['value', 'text'], ['version', 'bigint'], ['device_id', 'text'], ['user_id', 'text'], ['hlc', 'text'], ['at', 'text']]),
  t('conflicts', [
    ['id', 'text'], ['entity', 'text'], ['entity_id', 'text'], ['field', 'text'], ['scope_key', 'text'], ['status', 'text'], ['winner', 'text'],
    ['current_gseq', 'bigint'], ['incoming_gseq', 'bigint'], ['created_at', 'text'], ['resolved_gseq', 'bigint'],
  ]),
  t('attachments', [['sha256', 'text'], ['size', 'bigint'], ['uploaded_by', 'text'], ['completed_at', 'text']]),
  t('attachment_refs', [['sha256', 'text'], ['entity', 'text'], ['entity_id', 'text']]),
  t('fork_requests', [
    ['id', 'text'], ['user_id', 'text'], ['device_id', 'text'], ['new_device_id', 'text'], ['fork_seq', 'int'], ['pending', 'int'], ['server_seq', 'int'],
    ['requested_at', 'text'], ['status', 'text'], ['decided_by', 'text'], ['decided_at', 'text'], ['completed_at', 'text'],
  ]),
  t('form_packs', [
    ['ref', 'text'], ['pack_id', 'text'], ['version', 'text'], ['hash', 'text'], ['body', 'text'], ['published_by', 'text'], ['published_at', 'text'],
    ['current_since', 'text'], ['current_seq', 'int'],
  ]),
];

/** Tables whose rows make a target "not empty" (every table copied). */
export const COPIED_TABLE_NAMES: readonly string[] = TABLES.map((s) => s.name);

export interface ChunkLimits {
  rows: number;
  /** Approximate bytes of text values in one chunk. */
  bytes: number;
}

/** 5,000 rows or 16 MB of values a statement: large enough that round trips do not dominate. */
export const DEFAULT_CHUNK: ChunkLimits = { rows: 5_000, bytes: 16 * 1024 * 1024 };

function insertSql(spec: TableSpec): string {
  const names = spec.columns.map(([c]) => c);
  const arrays = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  if (spec.name === 'ops') {
    // An accepted op's log number is its gseq; a rejected one (gseq NULL) draws a number of its
    // own from gseq_seq, which migrate-store.ts set past every gseq first (never reused, never
    // below a gseq a cursor may already have passed).
    return `INSERT INTO ops (log_no, ${names.join(', ')})
      SELECT coalesce(k.gseq, nextval('gseq_seq')), ${names.map((c) => `k.${c}`).join(', ')} FROM unnest(${arrays}) AS k(${names.join(', ')})`;
  }
  return `INSERT INTO ${spec.name} (${names.join(', ')}) SELECT * FROM unnest(${arrays})`;
}

type Cell = string | number | bigint | null;

/**
 * Copies every row of `spec` from the source connection (inside the caller's read transaction,
 * so all tables come from one snapshot) to the target client (inside the caller's transaction).
 * Returns the rows read.
 */
export async function copyTable(
  source: Database.Database,
  target: pg.ClientBase,
  spec: TableSpec,
  limits: ChunkLimits = DEFAULT_CHUNK,
  onChunk: (rowsSoFar: number) => void = () => undefined,
): Promise<number> {
  const select = source.prepare(`SELECT ${spec.columns.map(([c]) => `"${c}"`).join(', ')} FROM "${spec.name}"`).raw(true);
  const sql = insertSql(spec);
  const width = spec.columns.length;
  let columns: Cell[][] = Array.from({ length: width }, () => []);
  let rows = 0;
  let chunkRows = 0;
  let chunkBytes = 0;
  let inFlight: Promise<unknown> | null = null;

  const flush = async (): Promise<void> => {
    if (chunkRows === 0) return;
    const params = columns;
    columns = Array.from({ length: width }, () => []);
    chunkRows = 0;
    chunkBytes = 0;
    // One statement in flight while the next chunk is read; its failure surfaces at the next await.
    if (inFlight) await inFlight;
    inFlight = target.query(sql, params);
    inFlight.catch(() => undefined);
    onChunk(rows);
  };

  for (const row of select.iterate() as Iterable<Cell[]>) {
    for (let i = 0; i < width; i++) {
      const v = row[i] ?? null;
      (columns[i] as Cell[]).push(v);
      if (typeof v === 'string') chunkBytes += v.length;
    }
    rows += 1;
    chunkRows += 1;
    if (chunkRows >= limits.rows || chunkBytes >= limits.bytes) await flush();
  }
  await flush();
  if (inFlight) await inFlight;
  return rows;
}

export function countRows(source: Database.Database, table: string): number {
  return source.prepare<[], number>(`SELECT count(*) FROM "${table}"`).pluck().get() ?? 0;
}

export async function countTargetRows(target: pg.ClientBase, table: string): Promise<number> {
  return Number((await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
}
