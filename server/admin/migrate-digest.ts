import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import type { TableSpec } from './migrate-tables';

// A digest of a table's whole content, read in primary-key order from each side, so that a copy
// is proven row for row and value for value before it is committed: the verify checksum laptops
// use covers each field's version, not its value, and counts say nothing of content. Keys
// compare byte-wise on both sides (SQLite's BINARY collation over UTF-8; COLLATE "C" here), so
// both read the rows in the same order. PostgreSQL is read in key-ordered pages (no cursor
// library needed), SQLite streamed; memory stays at a page.

/** Each copied table's primary key. */
export const KEYS: Readonly<Record<string, readonly string[]>> = {
  users: ['id'],
  assignments: ['user_id', 'area_prefix'],
  devices: ['id'],
  refresh_tokens: ['token_hash'],
  access_tokens: ['token_hash'],
  ops: ['device_id', 'seq'],
  entities: ['entity', 'entity_id'],
  field_state: ['entity', 'entity_id', 'field'],
  conflicts: ['id'],
  attachments: ['sha256'],
  attachment_refs: ['sha256', 'entity', 'entity_id'],
  fork_requests: ['id'],
  form_packs: ['ref'],
};

const PAGE = 5_000;

type Cell = string | number | null;

const line = (row: readonly Cell[]): string => `${JSON.stringify(row)}\n`;

function keysOf(spec: TableSpec): readonly string[] {
  const keys = KEYS[spec.name];
  if (!keys) throw new Error(`no key known for table ${spec.name}`);
  return keys;
}

export function sourceDigest(source: Database.Database, spec: TableSpec): string {
  const hash = createHash('sha256');
  const columns = spec.columns.map(([c]) => `"${c}"`).join(', ');
  const order = keysOf(spec)
    .map((k) => `"${k}"`)
    .join(', ');
  const rows = source.prepare(`SELECT ${columns} FROM "${spec.name}" ORDER BY ${order}`).raw(true);
  for (const row of rows.iterate() as Iterable<Cell[]>) hash.update(line(row));
  return hash.digest('hex');
}

export async function targetDigest(target: pg.ClientBase, spec: TableSpec): Promise<string> {
  const hash = createHash('sha256');
  const keys = keysOf(spec);
  const columns = spec.columns.map(([c]) => c);
  const keyAt = keys.map((k) => columns.indexOf(k));
  const byteWise = (k: string): string => (spec.columns.find(([c]) => c === k)?.[1] === 'text' ? `${k} COLLATE "C"` : k);
  const order = keys.map(byteWise).join(', ');
  const after = `(${order}) > (${keys.map((_, i) => `$${i + 1}`).join(', ')})`;
  let last: Cell[] | null = null;
  for (;;) {
    const result: pg.QueryArrayResult<Cell[]> = await target.query({
      text: `SELECT ${columns.join(', ')} FROM ${spec.name} ${last ? `WHERE ${after}` : ''} ORDER BY ${order} LIMIT ${PAGE}`,
      values: last ? keyAt.map((i) => last?.[i] ?? null) : [],
      rowMode: 'array',
    });
    for (const row of result.rows) hash.update(line(row));
    if (result.rows.length < PAGE) return hash.digest('hex');
    last = result.rows.at(-1) ?? null;
  }
}
