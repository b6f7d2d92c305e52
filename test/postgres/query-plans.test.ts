import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue, Op } from '@shared/sync/protocol';
import { openPostgresStore } from '@server/store/postgres/store';
import type { Scope, ServerStore } from '@server/store/types';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { usccOfSerial } from '../helpers/uscc';
import { Device, pushContextOf, sha256 } from '../server/helpers';
import { capture, describePlan, explain, type Explained, installCapture, isExplainable, opsPartitionsRead, seqScansOfBigTables, uninstallCapture } from './plans';

// The plan of every statement the hot paths of the PostgreSQL store send, over a database big
// enough for the planner's choice to mean something: 20,000 units in 40 普查小区 (250 to 750
// units each) of 4 townships and 2,000 enterprises with evidence, pushed through the store
// itself (signed op chains, one laptop per area), with conflicts, resolutions and moves between
// areas; then 16 form answers per unit in bulk SQL (pushing 320,000 more ops would take minutes):
// ~380,000 fields and ops over five op log partitions; then ANALYZE. Each statement is
// explained as sent, with its own parameters (plans.ts), and a SELECT is run as well.

const TOWNSHIPS = 4;
const DISTRICTS = 2;
const AREAS_PER_DISTRICT = 5;
/** Units in the i-th area: 普查小区 differ in size; 500 on average. */
const unitsIn = (i: number): number => [500, 250, 750, 500][i % 4] ?? 500;
const ENTERPRISES_PER_TOWNSHIP = 500;
const FORM_ANSWERS_PER_UNIT = 16;
/** Log numbers per op log partition: the 450,000 numbers drawn span five, as a province's log spans dozens of the default size. */
const PARTITION_SIZE = 100_000;

const pad = (n: number): string => String(n).padStart(3, '0');
const townshipCode = (t: number): string => `640502${pad(t)}`;
const areaCode = (t: number, d: number, s: number): string => `${townshipCode(t)}${pad(d)}${pad(s)}`;
const unitId = (area: string, u: number): string => `unit-${area.slice(6)}-${String(u).padStart(4, '0')}`;

let db: TestDatabase;
let store: ServerStore;
let admin: pg.Client;
const areas: string[] = [];
const laptops = new Map<string, Device>();
const scopeOf = (...prefixes: string[]): Scope => ({ isAll: false, prefixes });

function laptop(name: string): Device {
  let d = laptops.get(name);
  if (!d) {
    d = new Device('', `laptop-${name}`);
    d.offlineUserId = `u-${name}`;
    laptops.set(name, d);
  }
  return d;
}

async function push(d: Device, ops: Op[]): Promise<void> {
  const result = await store.push(pushContextOf(d), ops);
  if (result.rejected.length > 0 || result.halted) throw new Error(`fill push refused: ${JSON.stringify(result.rejected[0] ?? result.halted)}`);
}

const evidence = (sha: string): JsonValue => ({
  sha256: sha,
  fileName: '营业执照.jpg',
  mimeType: 'image/jpeg',
  size: 1024,
  kind: 'licence',
  note: '',
  figures: [],
  createdAt: '2025-03-15T02:00:00.000Z',
  createdBy: 'u-town',
  removedAt: null,
  removedReason: null,
});

async function fill(): Promise<void> {
  for (let t = 1; t <= TOWNSHIPS; t++) for (let d = 1; d <= DISTRICTS; d++) for (let s = 1; s <= AREAS_PER_DISTRICT; s++) areas.push(areaCode(t, d, s));
  // Units: each area's laptop creates its 500 units with a name and an address.
  await Promise.all(
    areas.map(async (area, i) => {
      const d = laptop(area);
      for (let from = 0; from < unitsIn(i); from += 250) {
        const ops: Op[] = [];
        for (let u = from; u < from + 250; u++) {
          const id = unitId(area, u);
          ops.push(...d.createUnit(id, area), d.op(id, 'address', `某路${u}号`));
        }
        await push(d, ops);
      }
    }),
  );
  // Enterprises of each township's directory, every other one with a licence on file.
  await Promise.all(
    Array.from({ length: TOWNSHIPS }, async (_, i) => {
      const t = i + 1;
      const d = laptop(`town-${t}`);
      const ops: Op[] = [];
      for (let e = 0; e < ENTERPRISES_PER_TOWNSHIP; e++) {
        const id = `ent-${pad(t)}-${String(e).padStart(5, '0')}`;
        ops.push(d.op(id, '$create', { areaCode: `${townshipCode(t)}${pad((e % 3) + 1)}`, uscc: usccOfSerial(t * 100_000 + e), fields: { name: `企业${e}` } }, 0, 'enterprise'));
        if (e % 2 === 0) ops.push(d.op(id, `evidence.ev-${String(e).padStart(7, '0')}`, evidence(sha256(id)), 0, 'enterprise'));
      }
      await push(d, ops);
    }),
  );
  // Races: each township's supervisor edits 25 addresses per area without having seen the
  // area laptop's; resolves 5 of them; moves 10 units to the next area of the district.
  for (let t = 1; t <= TOWNSHIPS; t++) {
    const sup = laptop(`sup-${t}`);
    sup.wallMs += 60_000;
    const edits: Op[] = [];
    for (const area of areas.filter((a) => a.startsWith(townshipCode(t)))) {
      for (let u = 0; u < 25; u++) edits.push(sup.op(unitId(area, u), 'address', `核实地址${u}`, 0));
    }
    const raced = await store.push(pushContextOf(sup), edits);
    const resolves: Op[] = raced.conflicts
      .filter((_, i) => i % 5 === 0)
      .map((c) => {
        const edit = edits.find((op) => op.seq === c.seq);
        return sup.op(edit?.entityId ?? '', '$resolve', { conflictId: c.conflictId, value: '已核实' });
      });
    const moves: Op[] = [];
    for (const area of areas.filter((a) => a.startsWith(townshipCode(t)))) {
      const next = areas.find((a) => a > area && a.slice(0, 12) === area.slice(0, 12));
      if (!next) continue;
      for (let u = 100; u < 110; u++) moves.push(sup.op(unitId(area, u), 'areaCode', next, 0));
    }
    await push(sup, [...resolves, ...moves]);
  }
  // Form answers: 16 more per unit (a unit has dozens on a real first sync), written in bulk
  // SQL as the store writes accepted ops (push-write.ts), by a second laptop per area whose
  // chain is not signed (nothing reads a stored op's hash but a replay of that device). Their
  // numbers are reserved first, ending half way through a partition as the log mostly does, so
  // that the partition later pushes land in holds rows (the numbers skipped are holes, as
  // rolled-back pushes leave); then a second store opens, as another process starting would,
  // and creates the partitions they fall in (partitions.ts).
  const answers = areas.reduce((n, _, i) => n + unitsIn(i), 0) * FORM_ANSWERS_PER_UNIT;
  const top = Number((await admin.query<{ top: string }>("SELECT setval('gseq_seq', $1) AS top", [4.5 * PARTITION_SIZE])).rows[0]?.top);
  await (await openPostgresStore(db.url, { partitionSize: PARTITION_SIZE })).close();
  await admin.query(FORM_ANSWERS, [top - answers, FORM_ANSWERS_PER_UNIT]);
  await admin.query('ANALYZE');
}

const FORM_ANSWERS = `
WITH u AS (SELECT entity_id, scope_key FROM entities WHERE entity = 'unit' AND entity_id LIKE 'unit-%'),
a AS (
  SELECT $1::bigint + row_number() OVER (ORDER BY k, u.entity_id) AS g, 'laptop-form-' || u.scope_key AS device_id, u.entity_id,
    '611.q' || lpad(k::text, 2, '0') AS field, to_jsonb(k * 1000 + length(u.entity_id))::text AS value
  FROM u CROSS JOIN generate_series(1, $2::int) AS k
),
n AS (SELECT a.*, row_number() OVER (PARTITION BY device_id ORDER BY g)::int AS seq FROM a),
o AS (
  INSERT INTO ops (log_no, device_id, seq, gseq, hash, prev_hash, entity, entity_id, field, value, base_version, hlc, user_id, at,
    app_version, schema_version, received_at, outcome)
  SELECT g, device_id, seq, g, encode(sha256(convert_to(device_id || '/' || seq, 'UTF8')), 'hex'),
    CASE WHEN seq = 1 THEN '' ELSE encode(sha256(convert_to(device_id || '/' || (seq - 1), 'UTF8')), 'hex') END,
    'unit', entity_id, field, value, 0, lpad(g::text, 13, '0') || '-000000-' || device_id, 'u-form', '2025-03-01T00:00:00.000Z',
    '1.0.0', '0003_sync', '2025-03-01T00:00:00.000Z', 'applied'
  FROM n RETURNING device_id, seq, hash
),
h AS (INSERT INTO device_heads (device_id, seq, hash) SELECT DISTINCT ON (device_id) device_id, seq, hash FROM o ORDER BY device_id, seq DESC)
INSERT INTO field_state (entity, entity_id, field, value, version, device_id, user_id, hlc, at)
SELECT 'unit', entity_id, field, value, g, device_id, 'u-form', lpad(g::text, 13, '0') || '-000000-' || device_id, '2025-03-01T00:00:00.000Z' FROM n`;

const AREA = areaCode(2, 1, 3);
const SCOPE = scopeOf(AREA);

beforeAll(async () => {
  db = await createTestDatabase();
  store = await openPostgresStore(db.url, { partitionSize: PARTITION_SIZE });
  admin = new pg.Client(db.url);
  await admin.connect();
  await fill();
  installCapture();
}, 300_000);

afterAll(async () => {
  uninstallCapture();
  await admin?.end();
  await store?.close();
  await db?.drop();
});

/**
 * The plans of what `call` sent. SELECTs are run too (EXPLAIN ANALYZE, rolled back: they only
 * read), so that partitions a nested loop never visited show as such; writes are only planned
 * (their numbers are taken by then).
 */
async function plansOf<T>(call: () => Promise<T>): Promise<{ result: T; plans: Explained[] }> {
  const { result, statements } = await capture(call);
  const plans: Explained[] = [];
  for (const s of statements.filter(isExplainable)) plans.push(await explain(admin, s, /^\s*SELECT\b/i.test(s.text)));
  return { result, plans };
}

const show = (plans: readonly Explained[]): string => plans.map((e) => `${e.statement.text.replace(/\s+/g, ' ')}\n${describePlan(e.plan)}`).join('\n\n');

/**
 * No statement reads the op log, field_state or entities whole: no sequential scan of one that
 * ran (a partition pruned at run time never runs) on a table holding rows. A partition created
 * ahead, or the default one, is empty, and the planner rightly scans it rather than its index.
 */
async function expectNoSeqScans(plans: readonly Explained[]): Promise<void> {
  const bad: Explained[] = [];
  for (const e of plans) {
    const scanned = seqScansOfBigTables(e).filter((n) => n['Actual Loops'] === undefined || n['Actual Loops'] > 0);
    for (const table of new Set(scanned.map((n) => n['Relation Name'] ?? ''))) {
      // The name is one of BIG_TABLE's (plans.ts): safe to put in the statement.
      if ((await admin.query(`SELECT 1 FROM ${table} LIMIT 1`)).rows.length > 0) bad.push(e);
    }
  }
  expect(bad.length, `sequential scans of tables holding rows:\n${show(bad)}`).toBe(0);
}

/** The statements that name `fragment` (each hot path's own, found in what it sent). */
function sent(plans: readonly Explained[], fragment: RegExp): Explained[] {
  const found = plans.filter((e) => fragment.test(e.statement.text));
  expect(found.length, `no statement matching ${String(fragment)} among:\n${show(plans)}`).toBeGreaterThan(0);
  return found;
}

/** The scope prefix reaches an index on scope_key as a range (LIKE 'p%' on COLLATE "C"). */
function expectScopeRange(e: Explained, prefix: string): void {
  const ranged = e.nodes.some((n) => (n['Index Cond'] ?? '').includes(`scope_key >= '${prefix}'::text`) && (n['Index Cond'] ?? '').includes('scope_key <'));
  expect(ranged, `scope ${prefix} is not an index range in:\n${show([e])}`).toBe(true);
}

/** The newest number drawn (no push runs between the test's own calls). */
const lastNumber = async (): Promise<number> => Number((await admin.query<{ n: string }>('SELECT last_value AS n FROM gseq_seq')).rows[0]?.n);
/** The op log partitions `e` read are some of `holding` (the others pruned), and at least one. */
function expectOnlyPartitions(e: Explained, holding: ReadonlySet<string>): void {
  const read = opsPartitionsRead(e);
  expect(read.length, show([e])).toBeGreaterThan(0);
  expect(read.filter((p) => !holding.has(p)), `partitions read that hold none of the rows looked up:\n${show([e])}`).toEqual([]);
}

const partitionOf = (n: number): string => `ops_p${Math.floor(n / PARTITION_SIZE)}`;
const allPartitions = async (): Promise<string[]> =>
  (
    await admin.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'ops' ORDER BY 1",
    )
  ).rows.map((r) => r.name);

describe('the plans of the hot paths, on 20,000 units', () => {
  it('the data is as described: units, fields, ops over several partitions, conflicts, moves, evidence', async () => {
    const counts = (
      await admin.query<Record<string, number>>(
        `SELECT (SELECT count(*) FROM entities WHERE entity = 'unit')::int AS units, (SELECT count(*) FROM field_state)::int AS fields,
           (SELECT count(*) FROM ops)::int AS ops, (SELECT count(*) FROM ops_default)::int AS in_default, (SELECT count(*) FROM conflicts)::int AS conflicts,
           (SELECT count(*) FROM entity_moves)::int AS moves, (SELECT count(*) FROM attachment_refs)::int AS refs,
           (SELECT count(*) FROM entities WHERE scope_key LIKE '${AREA}%')::int AS in_area`,
      )
    ).rows[0];
    expect(counts).toMatchObject({ units: 20_000, in_default: 0, moves: 320, refs: 1_000 });
    expect(counts?.fields).toBeGreaterThan(380_000);
    expect(counts?.conflicts).toBe(1_000);
    expect(counts?.in_area).toBeGreaterThanOrEqual(500);
    expect(counts?.in_area).toBeLessThan(520);
    expect(await allPartitions()).toEqual(expect.arrayContaining(['ops_p0', 'ops_p1', 'ops_p2', 'ops_p3', 'ops_p4']));
  });

  it('a pull page of a 500-unit area from the start walks the area, not the log', async () => {
    const { result, plans } = await plansOf(() => store.pull(SCOPE, 0, 2_000));
    expect(result.changes).toHaveLength(2_000);
    await expectNoSeqScans(plans);
    for (const e of sent(plans, /ORDER BY fs\.version LIMIT/)) expectScopeRange(e, AREA);
    // Two areas (1,000 units): the planner may as well walk the version index (and does: ~40,000
    // index entries for a page, against reading the areas' 20,000 fields and sorting them).
    const both = await plansOf(() => store.pull(scopeOf(AREA, areaCode(3, 2, 1)), 0, 2_000));
    expect(both.result.changes).toHaveLength(2_000);
    await expectNoSeqScans(both.plans);
  });

  it('a pull from a recent cursor, and a pull with nothing new, read field_state by version', async () => {
    const d = laptop(AREA);
    const watermark = await lastNumber();
    await push(d, [d.op(unitId(AREA, 7), '611.revenue', 77, 0)]);
    const recent = await plansOf(() => store.pull(SCOPE, watermark, 2_000));
    expect(recent.result.changes.map((c) => c.entityId)).toEqual([unitId(AREA, 7)]);
    await expectNoSeqScans(recent.plans);
    for (const e of sent(recent.plans, /ORDER BY fs\.version LIMIT/)) expect(e.nodes.some((n) => n['Index Name'] === 'field_state_version_idx')).toBe(true);
    const idle = await plansOf(() => store.pull(SCOPE, recent.result.cursor, 2_000));
    expect(idle.result.changes).toEqual([]);
    await expectNoSeqScans(idle.plans);
  });

  it('a snapshot page, first and later, by area, by buckets and by ids, walks the area by its index', async () => {
    const first = await plansOf(() => store.snapshot(SCOPE, { kind: 'area', prefix: AREA }, null, 2_000));
    expect(first.result.changes).toHaveLength(2_000);
    expect(first.result.entityIds?.length).toBeGreaterThanOrEqual(500);
    await expectNoSeqScans(first.plans);
    for (const e of sent(first.plans, /FROM entities e\s+WHERE/)) expectScopeRange(e, AREA);
    const next = first.result.next;
    if (!next) throw new Error('the area fits no single page of 2,000');
    const later = await plansOf(() => store.snapshot(SCOPE, { kind: 'area', prefix: AREA }, next, 2_000));
    expect(later.result.changes[0]?.entityId).not.toBe(first.result.changes[0]?.entityId);
    await expectNoSeqScans(later.plans);
    for (const e of sent(later.plans, /FROM entities e\s+WHERE/)) expectScopeRange(e, AREA);
    const buckets = await plansOf(() => store.snapshot(SCOPE, { kind: 'buckets', buckets: ['00', '7f', 'a3'] }, null, 2_000));
    await expectNoSeqScans(buckets.plans);
    const ids = await plansOf(() => store.snapshot(SCOPE, { kind: 'entities', entityIds: [unitId(AREA, 1), unitId(AREA, 2)] }, null, 2_000));
    expect(new Set(ids.result.changes.map((c) => c.entityId))).toEqual(new Set([unitId(AREA, 1), unitId(AREA, 2)]));
    await expectNoSeqScans(ids.plans);
  });

  it('a checksum, first and after a change (the changed buckets only), reads the area and the version index', async () => {
    const first = await plansOf(() => store.checksum(SCOPE));
    expect(first.result.checksum.count).toBeGreaterThan(500 * 18);
    await expectNoSeqScans(first.plans);
    for (const e of sent(first.plans, /JOIN field_state fs/)) expectScopeRange(e, AREA);
    // Two areas of 250 units: each prefix its own range of the index.
    const [one, two] = [areaCode(1, 1, 2), areaCode(3, 2, 1)];
    const both = await plansOf(() => store.checksum(scopeOf(one, two)));
    await expectNoSeqScans(both.plans);
    for (const e of sent(both.plans, /JOIN field_state fs/)) {
      expectScopeRange(e, one);
      expectScopeRange(e, two);
    }
    const d = laptop(AREA);
    await push(d, [d.op(unitId(AREA, 8), '611.revenue', 88, 0)]);
    const changed = await plansOf(() => store.checksum(SCOPE));
    expect(changed.result.checksum.total).not.toBe(first.result.checksum.total);
    await expectNoSeqScans(changed.plans);
    sent(changed.plans, /UNION SELECT m\.bucket FROM entity_moves/);
  });

  it('listing and counting conflicts reads only the op log partitions that hold their ops', async () => {
    // A race in the area now, so that its conflicts' ops lie in two partitions far apart.
    const sup = laptop('sup-2');
    sup.wallMs += 60_000;
    await push(sup, [sup.op(unitId(AREA, 30), 'address', '复核地址', 0)]);
    const inScope = (
      await admin.query<{ current_gseq: number; incoming_gseq: number; resolved_gseq: number | null }>(
        `SELECT c.current_gseq, c.incoming_gseq, c.resolved_gseq FROM conflicts c JOIN entities e ON e.entity = c.entity AND e.entity_id = c.entity_id
         WHERE e.scope_key LIKE $1`,
        [`${AREA}%`],
      )
    ).rows;
    const holding = new Set(inScope.flatMap((c) => [c.current_gseq, c.incoming_gseq, c.resolved_gseq].filter((g): g is number => g !== null).map((g) => partitionOf(Number(g)))));
    const partitions = await allPartitions();
    expect(partitions.filter((p) => !holding.has(p)).length, 'some partitions hold none of the conflicts').toBeGreaterThan(2);
    const viewers = [
      { scope: SCOPE, onlyUserId: null },
      { scope: SCOPE, onlyUserId: laptop(AREA).userId },
    ];
    for (const viewer of viewers) {
      for (const status of ['open', 'all'] as const) {
        const list = await plansOf(() => store.listConflicts(viewer, { status, after: 0, limit: 100 }));
        expect(list.result.length).toBeGreaterThan(0);
        await expectNoSeqScans(list.plans);
        for (const e of sent(list.plans, /FROM conflicts c/)) expectOnlyPartitions(e, holding);
      }
      const count = await plansOf(() => store.countOpenConflicts(viewer));
      expect(count.result).toBeGreaterThan(0);
      await expectNoSeqScans(count.plans);
      for (const e of sent(count.plans, /FROM conflicts c/)) expectOnlyPartitions(e, holding);
    }
  });

  it("the county check's changed units: the version index, then each unit by key", async () => {
    await store.countyCheck(scopeOf(townshipCode(2)), null);
    const d = laptop(AREA);
    await push(d, [d.op(unitId(AREA, 9), 'name', '某某新名称有限公司', 0)]);
    const { plans } = await plansOf(() => store.countyCheck(scopeOf(townshipCode(2)), null));
    await expectNoSeqScans(plans);
    for (const e of sent(plans, /WHERE version > \$1 AND entity = 'unit'/)) expect(e.nodes.some((n) => n['Index Name'] === 'field_state_version_idx'), show([e])).toBe(true);
  });

  it('lastOp and isAttachmentInScope read one row by key', async () => {
    const head = await plansOf(() => store.lastOp(laptop(AREA).deviceId));
    expect(head.result.seq).toBe(laptop(AREA).seq);
    await expectNoSeqScans(head.plans);
    expect(head.plans.flatMap((e) => e.nodes).some((n) => /^ops/.test(n['Relation Name'] ?? ''))).toBe(false);
    const attached = await plansOf(() => store.isAttachmentInScope(sha256(`ent-002-00010`), scopeOf(townshipCode(2))));
    expect(attached.result).toBe(true);
    await expectNoSeqScans(attached.plans);
    const elsewhere = await plansOf(() => store.isAttachmentInScope(sha256(`ent-002-00010`), scopeOf(townshipCode(3))));
    expect(elsewhere.result).toBe(false);
    await expectNoSeqScans(elsewhere.plans);
  });

  it("a push group's locks, reads and writes: by key, never a scan of the log or the state", async () => {
    const d = laptop(AREA);
    const other = areaCode(2, 1, 4);
    const [open] = (await store.listConflicts({ scope: SCOPE, onlyUserId: null }, { status: 'open', after: 0, limit: 1 })) ?? [];
    if (!open) throw new Error('no open conflict in the area');
    const replayed = d.createUnit('unit-plan-0001', AREA);
    await push(d, replayed);
    const ops = [
      ...replayed,
      d.op(unitId(AREA, 40), 'address', '新地址', 0),
      d.op(unitId(AREA, 41), '611.q03', 3, 0),
      d.op(open.entityId, '$resolve', { conflictId: open.id, value: '定稿' }),
      d.op(unitId(AREA, 42), 'areaCode', other, 0),
      ...d.createUnit('unit-plan-0002', AREA),
      d.op('unit-plan-none', 'name', '从未创建'),
    ];
    const { result, plans } = await plansOf(() => store.push(pushContextOf(d), ops));
    // Never created: it reads as a unit outside the pusher's areas would (push.test.ts).
    expect(result.rejected.map((r) => r.code)).toEqual(['OUT_OF_SCOPE']);
    await expectNoSeqScans(plans);
    for (const pattern of [/INSERT INTO device_heads/, /INSERT INTO entities/, /JOIN field_state fs/, /FROM ops WHERE device_id/, /JOIN ops o ON/, /FROM conflicts WHERE id/]) sent(plans, pattern);
  });

  it('the checks see a missing index: dropped in a transaction rolled back, the same statements scan', async () => {
    const snapshot = await plansOf(() => store.snapshot(SCOPE, { kind: 'area', prefix: AREA }, null, 2_000));
    const [byArea] = sent(snapshot.plans, /FROM entities e\s+WHERE/);
    const checksum = await plansOf(() => store.checksum(SCOPE));
    const [byVersion] = sent(checksum.plans, /max\(version\)/);
    if (!byArea || !byVersion) throw new Error('statements not sent');
    const without = async (index: string, e: Explained): Promise<Explained> => {
      await admin.query('BEGIN');
      try {
        await admin.query(`DROP INDEX ${index}`);
        return await explain(admin, e.statement);
      } finally {
        await admin.query('ROLLBACK');
      }
    };
    expect(seqScansOfBigTables(byArea)).toEqual([]);
    expect(seqScansOfBigTables(await without('entities_scope_idx', byArea)).map((n) => n['Relation Name'])).toEqual(['entities']);
    expect(seqScansOfBigTables(byVersion)).toEqual([]);
    expect(seqScansOfBigTables(await without('field_state_version_idx', byVersion)).map((n) => n['Relation Name'])).toEqual(['field_state']);
  });
});
