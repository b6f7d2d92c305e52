import type pg from 'pg';
import type { GroupState } from './push-state';

// A push group's writes, in bulk, inside the group's transaction (push.ts): keys as unnest of
// arrays (one statement per table however many rows), and rows carrying values as multi-row
// VALUES with a parameter each: a text[] parameter of 2 KB JSON values is parsed by PostgreSQL's
// array reader about ten times slower than the same values as parameters of their own (2,000
// values: ~700 ms against ~75 ms on the bench machine).

const CHUNK = 2_000;
/** Parameters a statement may carry is 65,535; rows of values go in statements of at most this many. */
const MAX_PARAMS = 30_000;

/** INSERT … VALUES ($1, …), (…) … `tail`, in statements of at most MAX_PARAMS parameters. */
async function insertRows(client: pg.ClientBase, head: string, rows: readonly unknown[][], tail = ''): Promise<void> {
  const width = rows[0]?.length ?? 0;
  if (width === 0) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const tuples = part.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
    await client.query(`${head} VALUES ${tuples.join(', ')} ${tail}`, part.flat());
  }
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

const col = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);

export async function writeGroup(client: pg.ClientBase, state: GroupState, placeholders: readonly [string, string][]): Promise<void> {
  await insertRows(
    client,
    `INSERT INTO ops (log_no, device_id, seq, gseq, hash, prev_hash, entity, entity_id, field, value, base_version, hlc,
       user_id, at, app_version, schema_version, received_at, outcome, reject_code, reject_message, conflict_id)`,
    state.ops.map((r) => [
      r.logNo,
      r.op.deviceId,
      r.op.seq,
      r.gseq,
      r.op.hash,
      r.op.prevHash,
      r.op.entity,
      r.op.entityId,
      r.op.field,
      r.valueJson,
      r.op.baseVersion,
      r.op.hlc,
      r.op.userId,
      r.op.at,
      r.op.appVersion,
      r.op.schemaVersion,
      r.receivedAt,
      r.outcome.outcome,
      r.outcome.rejectCode,
      r.outcome.rejectMessage,
      r.outcome.conflictId,
    ]),
  );

  const created = [...state.newEntities.values()];
  for (const part of chunks(created)) {
    await client.query(
      `UPDATE entities e SET scope_key = k.s, bucket = k.b, created_gseq = k.g
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS k(e, i, s, b, g)
       WHERE e.entity = k.e AND e.entity_id = k.i`,
      [col(part, (r) => r.entity), col(part, (r) => r.entityId), col(part, (r) => r.scopeKey), col(part, (r) => r.bucket), col(part, (r) => r.gseq)],
    );
  }
  // Placeholders of entities that were not created (an edit of an unknown entity, a refused create).
  const unused = placeholders.filter(([e, i]) => !state.newEntities.has(`${e}\u0000${i}`));
  if (unused.length > 0) {
    await client.query(
      `DELETE FROM entities e USING unnest($1::text[], $2::text[]) AS k(e, i)
       WHERE e.entity = k.e AND e.entity_id = k.i AND e.created_gseq = 0`,
      [unused.map((k) => k[0]), unused.map((k) => k[1])],
    );
  }
  if (state.moves.length > 0) {
    const finalKey = new Map<string, { entity: string; entityId: string; key: string }>();
    for (const m of state.moves) finalKey.set(`${m.entity}\u0000${m.entityId}`, { entity: m.entity, entityId: m.entityId, key: m.toKey });
    const moved = [...finalKey.values()];
    await client.query(
      `UPDATE entities e SET scope_key = k.s FROM unnest($1::text[], $2::text[], $3::text[]) AS k(e, i, s)
       WHERE e.entity = k.e AND e.entity_id = k.i`,
      [col(moved, (r) => r.entity), col(moved, (r) => r.entityId), col(moved, (r) => r.key)],
    );
    await client.query(
      `INSERT INTO entity_moves (gseq, entity, entity_id, from_key, to_key, bucket)
       SELECT k.g, k.e, k.i, k.f, k.t, e.bucket FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS k(g, e, i, f, t)
       JOIN entities e ON e.entity = k.e AND e.entity_id = k.i`,
      [col(state.moves, (m) => m.gseq), col(state.moves, (m) => m.entity), col(state.moves, (m) => m.entityId), col(state.moves, (m) => m.fromKey), col(state.moves, (m) => m.toKey)],
    );
  }

  await insertRows(
    client,
    'INSERT INTO field_state (entity, entity_id, field, value, version, device_id, user_id, hlc, at)',
    [...state.fieldWrites.values()].map((w) => [w.entity, w.entityId, w.field, w.valueJson, w.version, w.deviceId, w.userId, w.hlc, w.at]),
    `ON CONFLICT (entity, entity_id, field) DO UPDATE SET value = excluded.value, version = excluded.version,
       device_id = excluded.device_id, user_id = excluded.user_id, hlc = excluded.hlc, at = excluded.at`,
  );

  if (state.newConflicts.length > 0) {
    const c = state.newConflicts;
    await client.query(
      `INSERT INTO conflicts (id, entity, entity_id, field, scope_key, status, winner, current_gseq, incoming_gseq, created_at)
       SELECT k.id, k.e, k.i, k.f, k.s, 'open', k.w, k.cg, k.ig, k.at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[]) AS k(id, e, i, f, s, w, cg, ig, at)`,
      [col(c, (r) => r.id), col(c, (r) => r.entity), col(c, (r) => r.entityId), col(c, (r) => r.field), col(c, (r) => r.scopeKey), col(c, (r) => r.winner),
        col(c, (r) => r.currentGseq), col(c, (r) => r.incomingGseq), col(c, (r) => r.createdAt)],
    );
  }
  if (state.resolved.size > 0) {
    const r = [...state.resolved];
    await client.query(
      `UPDATE conflicts c SET status = 'resolved', resolved_gseq = k.g FROM unnest($1::text[], $2::bigint[]) AS k(id, g) WHERE c.id = k.id`,
      [r.map((x) => x[0]), r.map((x) => x[1])],
    );
  }
  if (state.refs.size > 0) {
    const refs = [...state.refs].map((k) => k.split('\u0000') as [string, string, string]);
    await client.query(
      `INSERT INTO attachment_refs (sha256, entity, entity_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [refs.map((k) => k[0]), refs.map((k) => k[1]), refs.map((k) => k[2])],
    );
  }
  const heads = [...state.heads].filter(([deviceId, head]) => state.ops.some((o) => o.op.deviceId === deviceId && o.op.seq === head.seq));
  if (heads.length > 0) {
    await client.query(
      `UPDATE device_heads d SET seq = k.s, hash = k.h FROM unnest($1::text[], $2::int[], $3::text[]) AS k(d, s, h) WHERE d.device_id = k.d`,
      [heads.map((h) => h[0]), heads.map((h) => h[1].seq), heads.map((h) => h[1].hash)],
    );
  }
}
