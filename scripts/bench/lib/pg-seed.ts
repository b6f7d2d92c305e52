import pg from 'pg';
import { openPgDatabase } from '@server/db/pg/open';
import { DEFAULT_PARTITION_SIZE } from '@server/store/postgres/partitions';

// A big PostgreSQL server database for the benchmark, fast: every row generated inside the
// database (generate_series), never sent over the wire, as a server that took the pushes would
// hold them. `units` units, each one '$create' (its answers, `createBytes` of text) and then
// edits of four of its fields round-robin over all units (the rest of `opsPerUnit` each), so
// the op log holds units × opsPerUnit ops spread over `devices` devices whose chains are
// consecutive (seq, prev_hash). field_state holds each field's last write (its version the
// op's gseq), entities their area and bucket (bucketOf: the first two hex digits of sha256 of
// the id, as shared/sync/checksum.ts computes it). One area, `scopeArea`, holds exactly
// `scopeUnits` units spread evenly over the log; the others share `otherAreas`.
//
// The op log is loaded partition by partition (ops_p<k>, the names and ranges
// server/store/postgres/partitions.ts creates): each is created, filled and indexed in one
// transaction and then attached, so that on a cluster with wal_level=minimal the rows skip the
// WAL and the indexes are built once instead of row by row. Synthetic: never shown as real data.

export interface PgSeedPlan {
  units: number;
  opsPerUnit: number;
  scopeArea: string;
  scopeUnits: number;
  otherAreas: readonly string[];
  /** Bytes (roughly, UTF-8) of each '$create' value. */
  createBytes: number;
  devices: number;
  /** performance.now() after which no further op chunk is started: the log then holds what fitted. */
  deadline: number;
  log: (message: string) => void;
}

export interface PgSeeded {
  units: number;
  ops: number;
  ms: number;
  /** Where the time went (ms): op log rows, its indexes (attach), entities + field_state. */
  phases: Record<string, number>;
}

const SEED_AT = '2024-02-15T09:30:00.000Z';
const SEED_WALL = Date.parse(SEED_AT);
const FIELDS = ['name', 'address', 'industryCode', 'status'];
const OP_CHUNK = 1_000_000;
const FILLER = '宁夏回族自治区中卫市沙坡头区';

/** SQL of a unit's id from its number `u`. */
const idSql = (u: string): string => `'b' || lpad((${u})::text, 9, '0')`;
/** SQL of the op hash of log number k (0-based op index). */
const hashSql = (k: string): string => `encode(sha256(int8send(${k})), 'hex')`;
const deviceSql = (k: string): string => `'seed-dev-' || lpad(((${k}) % $D)::text, 4, '0')`;

/**
 * The value, device and hlc columns of op index `k` (gseq k + 1). Parameters: $N units, $D
 * devices, $SCOPE_AREA, $STEP (every STEP-th unit is in the scope), $OTHERS text[], $FILLER.
 */
function opColumns(k: string): string {
  const unit = `(CASE WHEN ${k} < $N THEN ${k} ELSE (${k} - $N) % $N END)`;
  const area = `(CASE WHEN ${unit} % $STEP = 0 THEN $SCOPE_AREA ELSE ($OTHERS::text[])[1 + ${unit} % cardinality($OTHERS::text[])] END)`;
  const value = `(CASE WHEN ${k} < $N
      THEN '{"areaCode":"' || ${area} || '","fields":{"611.name":"' || ${idSql(unit)} || ' ' || $FILLER || '"},"kind":"legal","source":"frame"}'
      ELSE '"v' || ${k}::text || '"' END)`;
  const field = `(CASE WHEN ${k} < $N THEN '$create' ELSE ($FIELDS::text[])[1 + ((${k} - $N) / $N) % 4] END)`;
  const hlc = `lpad((${SEED_WALL} + ${k})::text, 13, '0') || '-000000-' || ${deviceSql(k)}`;
  return `${idSql(unit)} AS entity_id, ${field} AS field, ${value} AS value, ${deviceSql(k)} AS device_id, ${hlc} AS hlc`;
}

/** Binds the named $NAMES of `sql` as positional parameters, each cast to its type (numbers bigint). */
function bind(sql: string, named: Record<string, unknown>): { text: string; values: unknown[] } {
  const names = Object.keys(named).sort((a, b) => b.length - a.length);
  const values: unknown[] = [];
  const index = new Map<string, number>();
  const text = sql.replace(new RegExp(`\\$(${names.join('|')})\\b`, 'g'), (_, name: string) => {
    if (!index.has(name)) {
      values.push(named[name]);
      index.set(name, values.length);
    }
    const value = named[name];
    const cast = typeof value === 'number' ? 'bigint' : Array.isArray(value) ? 'text[]' : 'text';
    return `($${index.get(name)}::${cast})`;
  });
  return { text, values };
}

/** Migrates the (empty) database at `url` and seeds it per `plan`. */
export async function seedPgDatabase(url: string, plan: PgSeedPlan): Promise<PgSeeded> {
  const opened = await openPgDatabase(url, { poolSize: 1 });
  await opened.pool.end();
  const started = performance.now();
  const phases = { opRows: 0, opIndexes: 0, state: 0 };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const named = {
    N: plan.units,
    D: plan.devices,
    STEP: Math.max(1, Math.floor(plan.units / plan.scopeUnits)),
    SCOPE_AREA: plan.scopeArea,
    OTHERS: [...plan.otherAreas],
    FIELDS: FIELDS,
    FILLER: FILLER.repeat(Math.max(1, Math.round((plan.createBytes - 120) / (FILLER.length * 3)))),
  };
  const q = async (sql: string, extra: Record<string, unknown> = {}): Promise<void> => {
    const used = Object.fromEntries(Object.entries({ ...named, ...extra }).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
    const { text, values } = bind(sql, used);
    await client.query(text, values);
  };
  try {
    await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
    const total = plan.units * plan.opsPerUnit;
    let loaded = 0;
    // The op log, partition by partition, creates first (all units exist even if time runs out).
    for (let p = 0; loaded < total; p++) {
      const from = Math.max(0, p * DEFAULT_PARTITION_SIZE - 1);
      const to = Math.min(total, (p + 1) * DEFAULT_PARTITION_SIZE - 1);
      if (from >= to || (loaded >= plan.units && performance.now() > plan.deadline)) break;
      await client.query('BEGIN');
      await client.query(`CREATE TABLE ops_p${p} (LIKE ops INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      for (let a = from; a < to; a += OP_CHUNK) {
        if (loaded >= plan.units && performance.now() > plan.deadline) break;
        const b = Math.min(to, a + OP_CHUNK);
        const t = performance.now();
        await q(
          `INSERT INTO ops_p${p} (log_no, device_id, seq, gseq, hash, prev_hash, entity, entity_id, field, value, base_version, hlc,
             user_id, at, app_version, schema_version, received_at, outcome)
           SELECT k + 1, o.device_id, (k / $D + 1)::int, k + 1, ${hashSql('k')}, CASE WHEN k >= $D THEN ${hashSql('k - $D')} ELSE '' END,
             'unit', o.entity_id, o.field, o.value, 0, o.hlc, 'seed-user', $AT, 'bench', 'bench', $AT, 'applied'
           FROM generate_series($A::bigint, $B::bigint - 1) AS k, LATERAL (SELECT ${opColumns('k')}) AS o`,
          { A: a, B: b, AT: SEED_AT },
        );
        loaded = b;
        phases.opRows += performance.now() - t;
        plan.log(`  op log: ${loaded.toLocaleString('en')} of ${total.toLocaleString('en')} ops (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      }
      const t = performance.now();
      await client.query(`ALTER TABLE ops ATTACH PARTITION ops_p${p} FOR VALUES FROM (${p * DEFAULT_PARTITION_SIZE}) TO (${(p + 1) * DEFAULT_PARTITION_SIZE})`);
      await client.query('COMMIT');
      phases.opIndexes += performance.now() - t;
    }
    const edits = Math.max(0, loaded - plan.units);

    const t = performance.now();
    await client.query('BEGIN');
    await client.query('TRUNCATE entities, field_state, device_heads');
    await q(
      `INSERT INTO entities (entity, entity_id, scope_key, bucket, created_gseq)
       SELECT 'unit', ${idSql('u')}, CASE WHEN u % $STEP = 0 THEN $SCOPE_AREA ELSE ($OTHERS::text[])[1 + u % cardinality($OTHERS::text[])] END,
         substr(encode(sha256(convert_to(${idSql('u')}, 'UTF8')), 'hex'), 1, 2), u + 1
       FROM generate_series(0, $N - 1) AS u`,
    );
    // Each field's last write: the '$create' (op u) and, for field f, the last edit round r ≡ f
    // (mod 4) the unit took part in (edits go round-robin over all units: edit j is unit j % N).
    await q(
      `INSERT INTO field_state (entity, entity_id, field, value, version, device_id, user_id, hlc, at)
       SELECT 'unit', o.entity_id, o.field, o.value, k + 1, o.device_id, 'seed-user', o.hlc, $AT
       FROM (
         SELECT u AS k FROM generate_series(0, $N - 1) AS u
         UNION ALL
         SELECT $N + r * $N + u FROM (
           SELECT u, f, last_r - (((last_r - f) % 4) + 4) % 4 AS r
           FROM (SELECT u, CASE WHEN u < $E % $N THEN $E / $N ELSE $E / $N - 1 END AS last_r FROM generate_series(0, $N - 1) AS u) AS l,
             generate_series(0, 3) AS f
         ) AS x WHERE r >= 0
       ) AS keys, LATERAL (SELECT ${opColumns('k')}) AS o`,
      { E: edits, AT: SEED_AT },
    );
    await q(
      `INSERT INTO device_heads (device_id, seq, hash)
       SELECT ${deviceSql('k')}, (k / $D + 1)::int, ${hashSql('k')}
       FROM (SELECT d + $D * (($TOTAL - 1 - d) / $D) AS k FROM generate_series(0, LEAST($D, $TOTAL) - 1) AS d) AS last`,
      { TOTAL: loaded },
    );
    await client.query('COMMIT');
    await q(
      `INSERT INTO users (id, username, name, role, password_hash, created_at, updated_at)
       VALUES ('seed-user', 'seed-user', '种子数据', 'enumerator', '!', $AT, $AT) ON CONFLICT DO NOTHING`,
      { AT: SEED_AT },
    );
    await q(
      `INSERT INTO devices (id, user_id, name, created_at, last_seen_at)
       SELECT device_id, 'seed-user', device_id, $AT, $AT FROM device_heads ON CONFLICT DO NOTHING`,
      { AT: SEED_AT },
    );
    await client.query(`SELECT setval('gseq_seq', ${Math.max(1, loaded)}, ${loaded > 0})`);
    await client.query('ANALYZE');
    phases.state = performance.now() - t;
    return { units: plan.units, ops: loaded, ms: performance.now() - started, phases };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}
