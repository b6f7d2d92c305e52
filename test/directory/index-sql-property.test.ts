import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexFor, type SortKey, type WorkList } from '@main/directory/index-store';
import { enterpriseStatuses, followUpStages, type EnterpriseFilter } from '@shared/directory/directory';
import { openMemoryStore } from '../helpers/store';

// The in-memory directory index (electron/main/directory/index-store.ts) answers every list,
// filter and statistic; this holds each answer to the same question asked of the store in SQL,
// over random enterprises (ties on every sort key, Chinese names and text, odd stored values),
// then again after random changes underneath (the orders are kept sorted through changes).
//
// Collation the SQL side must use to give the index's orders:
// - names: pinyin order, ICU's zh collation (Intl.Collator('zh-CN')), which no SQLite build here
//   has and better-sqlite3 cannot register; the SQL orders by zh_rank(name), a function giving
//   each name its rank among the run's names under that collator (names it holds equal share a
//   rank), so the order itself is still SQL's;
// - codes and stamps (uscc, division, industry, updated_at) and the id that breaks every tie:
//   BINARY. The index compares UTF-16 code units, BINARY compares UTF-8 bytes; the two agree
//   except between characters above U+FFFF and U+E000–U+FFFF, which no code holds (codes are
//   normalised to half width), so the generated codes stay below U+D800;
// - ytd revenue: numbers, NULL first ascending (SQLite's default), as the index sorts them;
// - descending: the whole ascending order reversed, the id tie-break included.

// GB/T 4754-2017 sections as runs of 2-digit divisions, written out from the standard (the
// index derives them from the shipped industry table).
const SECTIONS: Record<string, [number, number]> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60], H: [61, 62], I: [63, 65], J: [66, 69],
  K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79], O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90], S: [91, 96], T: [97, 97],
};

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const NAME_CHARS = [...'阿爱安白百北长陈成大德东福富国海宏华黄吉金锦李林隆马民宁鹏平泉沙山商盛石泰天王卫文西祥新鑫兴银永张赵中众卓坡头川有限公司', 'A', 'a', 'B', 'b', '1', '2', ' ', '·', '（', '）'];
const TEXT_CHARS = [...NAME_CHARS, ...'0123456789xyz'];
const name = fc.oneof(
  fc.constantFrom('宏达商贸', '中卫市宏达商贸有限公司', '阿拉善运输', '张记面馆', '长城建材', '银川长城', 'zhang', 'Zhang', '', '沙坡头'),
  fc.string({ unit: fc.constantFrom(...NAME_CHARS), maxLength: 6 }),
);
const enterprise = fc.record({
  name,
  uscc: fc.constantFrom('', '91640502000000078X', '91640502000000078A', '916405020000000781', 'X', '9164'),
  address: fc.constantFrom('', '应理南街 8 号', '鼓楼东街1号', 'Road 5'),
  divisionCode: fc.constantFrom('640502100201', '640502001001', '640502100000', '640521100200', '6405021002', '', '64050210020A', '640502100201 '),
  industryCode: fc.constantFrom('5211', '1371', '0111', '9700', '9800', '9690', '4400', '7000', '8390', '13', '', '52a1', '52111'),
  scale: fc.constantFrom('above', 'below', 'odd'),
  status: fc.constantFrom(...enterpriseStatuses, 'no-such-status'),
  stage: fc.constantFrom(null, ...followUpStages, 'odd', ''),
  liaison: fc.constantFrom('', '张伟', '李娜', 'Li', 'li'),
  isOnline: fc.boolean(),
  unitKind: fc.constantFrom('legal', 'establishment', 'individual', 'odd'),
  qualificationKind: fc.constantFrom('none', 'general', 'labour', 'unconfirmed'),
  updatedAt: fc.constantFrom('2024-01-01T00:00:00.000Z', '2024-03-05T08:00:00.000Z', '2024-03-05T08:00:00.001Z', '2025-01-01T00:00:00.000Z'),
  flags: fc.option(
    fc.record({
      near: fc.boolean(),
      reached: fc.boolean(),
      growth: fc.boolean(),
      below: fc.boolean(),
      ytd: fc.option(fc.constantFrom(-5, 0, 1, 1_800, 1_800, 20_000, 20_001), { nil: null }),
    }),
    { nil: null },
  ),
  extraText: fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 4 }),
});
type Enterprise = ValueOf<typeof enterprise>;

const filterParts = {
  query: fc.oneof(
    fc.constantFrom('宏达', '长城 建材', 'ZHANG', '　沙坡头　', '1 2', '有限', '应理', '9164'),
    fc.string({ unit: fc.constantFrom(...TEXT_CHARS, '　'), minLength: 1, maxLength: 3 }),
  ),
  divisionPrefix: fc.constantFrom('64', '640502', '640502100', '640502100201', '640521', '6405021002', '7'),
  industry: fc.constantFrom('C', 'F', 'A', 'T', 'K', 'P', '52', '521', '5211', '13', '1371', '97', '98'),
  scale: fc.constantFrom('above' as const, 'below' as const),
  isOnlineReporter: fc.boolean(),
  liaison: fc.constantFrom('', '张伟', 'Li', '无此人'),
  statuses: fc.subarray([...enterpriseStatuses], { maxLength: 4 }),
  isNearThreshold: fc.boolean(),
  isReached: fc.boolean(),
  unitKinds: fc.subarray(['legal' as const, 'establishment' as const, 'individual' as const], { minLength: 1 }),
  isGrowth: fc.boolean(),
  stages: fc.subarray([...followUpStages, 'none' as const], { maxLength: 4 }),
};
// Up to three conditions at once: more, and almost nothing would match.
const filter: fc.Arbitrary<EnterpriseFilter> = fc
  .subarray(Object.keys(filterParts) as (keyof typeof filterParts)[], { maxLength: 3 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, filterParts[k]])) as Partial<typeof filterParts>))
  .map((f) => f as EnterpriseFilter);
const work: fc.Arbitrary<WorkList | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(undefined),
  fc.constant({ kind: 'exits' as const }),
  fc.record({ kind: fc.constant('candidates' as const), reached: fc.boolean(), near: fc.boolean(), growth: fc.boolean(), followed: fc.boolean() }),
);
const sortKey = fc.constantFrom<SortKey>('name', 'uscc', 'divisionCode', 'industryCode', 'ytdRevenue', 'updatedAt', 'candidate');
const question = fc.record({ filter, work, sort: sortKey, direction: fc.constantFrom('asc' as const, 'desc' as const), offset: fc.nat(12), limit: fc.integer({ min: 1, max: 15 }) });

/** A change underneath the index: an edit of one enterprise, a deletion, or a new one. */
const change = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), to: enterprise }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), to: enterprise }),
);

function sqlWhere(f: EnterpriseFilter, w: WorkList | undefined): { where: string; params: unknown[] } {
  const parts = ['e.deleted_at IS NULL'];
  const params: unknown[] = [];
  const digits = (col: string, n: number) => `(length(${col}) = ${n} AND ${col} NOT GLOB '*[^0-9]*')`;
  if (w?.kind === 'candidates') {
    parts.push(`((? AND coalesce(f.is_reached, 0)) OR (? AND coalesce(f.is_near_threshold, 0)) OR (? AND coalesce(f.is_growth, 0)) OR (? AND e.stage IS NOT NULL))`);
    params.push(w.reached ? 1 : 0, w.near ? 1 : 0, w.growth ? 1 : 0, w.followed ? 1 : 0);
  } else if (w?.kind === 'exits') {
    parts.push(`(e.scale = 'above' AND (e.status <> 'active' OR coalesce(f.is_below_threshold, 0)))`);
  }
  if (f.divisionPrefix) {
    parts.push(`(${digits('e.division_code', 12)} AND substr(e.division_code, 1, ?) = ?)`);
    params.push(f.divisionPrefix.length, f.divisionPrefix);
  }
  if (f.industry) {
    const section = SECTIONS[f.industry];
    if (section) {
      parts.push(`(${digits('e.industry_code', 4)} AND CAST(substr(e.industry_code, 1, 2) AS INTEGER) BETWEEN ? AND ?)`);
      params.push(...section);
    } else {
      parts.push(`(${digits('e.industry_code', 4)} AND substr(e.industry_code, 1, ?) = ?)`);
      params.push(f.industry.length, f.industry);
    }
  }
  if (f.scale) {
    parts.push(f.scale === 'above' ? `e.scale = 'above'` : `e.scale <> 'above'`);
  }
  if (f.isNearThreshold !== undefined) parts.push(`coalesce(f.is_near_threshold, 0) = ${f.isNearThreshold ? 1 : 0}`);
  if (f.isReached !== undefined) parts.push(`coalesce(f.is_reached, 0) = ${f.isReached ? 1 : 0}`);
  // An unknown stored kind reads as a legal unit (the column's default).
  if (f.unitKinds && f.unitKinds.length > 0) {
    parts.push(`(CASE WHEN e.unit_kind IN ('establishment', 'individual') THEN e.unit_kind ELSE 'legal' END) IN (${f.unitKinds.map(() => '?').join(', ')})`);
    params.push(...f.unitKinds);
  }
  if (f.isGrowth !== undefined) parts.push(`coalesce(f.is_growth, 0) = ${f.isGrowth ? 1 : 0}`);
  if (f.isOnlineReporter !== undefined) parts.push(`e.is_online_reporter = ${f.isOnlineReporter ? 1 : 0}`);
  if (f.liaison !== undefined) {
    parts.push('e.liaison = ?');
    params.push(f.liaison);
  }
  if (f.statuses && f.statuses.length > 0) {
    parts.push(`e.status IN (${f.statuses.map(() => '?').join(', ')})`);
    params.push(...f.statuses);
  }
  if (f.stages && f.stages.length > 0) {
    const named = f.stages.filter((s) => s !== 'none');
    const alternatives = named.length > 0 ? [`e.stage IN (${named.map(() => '?').join(', ')})`] : [];
    if (f.stages.includes('none')) alternatives.push('e.stage IS NULL');
    parts.push(`(${alternatives.join(' OR ')})`);
    params.push(...named);
  }
  // Every white-space separated term of the query, lower-cased, inside the search text.
  for (const term of (f.query ?? '').toLowerCase().split(/\s+/).filter((t) => t !== '')) {
    parts.push('instr(e.search_text, ?) > 0');
    params.push(term);
  }
  return { where: parts.join(' AND '), params };
}

const ORDER_BY: Record<SortKey, string[]> = {
  name: ['zh_rank(e.name)', 'e.id'],
  uscc: ['e.uscc', 'e.id'],
  divisionCode: ['e.division_code', 'e.id'],
  industryCode: ['e.industry_code', 'e.id'],
  ytdRevenue: ['f.ytd_revenue', 'e.id'],
  updatedAt: ['e.updated_at', 'e.id'],
  candidate: [`coalesce(e.stage IN ('candidate', 'nurturing', 'applied'), 0) DESC`, 'f.ytd_revenue IS NULL', 'f.ytd_revenue DESC', 'zh_rank(e.name)', 'e.id'],
};
const orderBy = (key: SortKey, direction: 'asc' | 'desc') =>
  ORDER_BY[key].map((t) => (direction === 'asc' ? t : t.endsWith(' DESC') ? t.slice(0, -5) : `${t} DESC`)).join(', ');

function directory() {
  const store = openMemoryStore();
  const { sqlite } = store;
  const collator = new Intl.Collator('zh-CN');
  let ranks = new Map<string, number>();
  sqlite.function('zh_rank', { deterministic: true }, (n: unknown) => ranks.get(String(n)) ?? -1);
  const rank = () => {
    const names = (sqlite.prepare('SELECT DISTINCT name FROM enterprises').pluck().all() as string[]).sort(collator.compare);
    ranks = new Map();
    names.forEach((n, i) => ranks.set(n, i > 0 && collator.compare(names[i - 1] as string, n) === 0 ? (ranks.get(names[i - 1] as string) as number) : i));
  };
  const insertEnterprise = sqlite.prepare(
    `INSERT INTO enterprises (id, uscc, name, address, division_code, industry_code, scale, status, stage, liaison, is_online_reporter, unit_kind, qualification_kind, search_text, created_at, updated_at)
     VALUES (@id, @uscc, @name, @address, @divisionCode, @industryCode, @scale, @status, @stage, @liaison, @isOnline, @unitKind, @qualificationKind, @searchText, 'x', @updatedAt)`,
  );
  const updateEnterprise = sqlite.prepare(
    `UPDATE enterprises SET uscc = @uscc, name = @name, address = @address, division_code = @divisionCode, industry_code = @industryCode, scale = @scale,
       status = @status, stage = @stage, liaison = @liaison, is_online_reporter = @isOnline, unit_kind = @unitKind, qualification_kind = @qualificationKind,
       search_text = @searchText, updated_at = @updatedAt
     WHERE id = @id`,
  );
  const deleteFlags = sqlite.prepare('DELETE FROM enterprise_flags WHERE enterprise_id = ?');
  const insertFlags = sqlite.prepare(
    'INSERT INTO enterprise_flags (enterprise_id, is_near_threshold, is_growth, is_below_threshold, ytd_revenue, is_reached) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // The flags' one writer tells the index itself (patchDerived); a raw write marks the row dirty.
  const markDirty = sqlite.prepare('INSERT OR IGNORE INTO enterprise_dirty (id) VALUES (?)');
  let serial = 0;
  const write = (id: string, e: Enterprise, isNew: boolean) => {
    (isNew ? insertEnterprise : updateEnterprise).run({
      id,
      ...e,
      isOnline: e.isOnline ? 1 : 0,
      // Unique while live (enterprises_uscc_live_idx): the generated one, made this row's.
      uscc: `${e.uscc}#${id}`,
      searchText: `${e.name} ${e.uscc} ${e.address} ${e.extraText}`.toLowerCase(),
    });
    deleteFlags.run(id);
    if (e.flags) insertFlags.run(id, e.flags.near ? 1 : 0, e.flags.growth ? 1 : 0, e.flags.below ? 1 : 0, e.flags.ytd, e.flags.reached ? 1 : 0);
    markDirty.run(id);
  };
  return {
    store,
    add(e: Enterprise) {
      serial += 1;
      write(`ent-${String(serial).padStart(4, '0')}`, e, true);
    },
    liveIds: () => sqlite.prepare('SELECT id FROM enterprises WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[],
    edit: (id: string, e: Enterprise) => write(id, e, false),
    remove: (id: string) => sqlite.prepare("UPDATE enterprises SET deleted_at = 'x' WHERE id = ?").run(id),
    /** The question asked of the store: ids in order, and the per-stage counts. */
    sql(q: ValueOf<typeof question>): { ids: string[]; stages: Map<string, number> } {
      rank();
      const { where, params } = sqlWhere(q.filter, q.work);
      const from = 'FROM enterprises e LEFT JOIN enterprise_flags f ON f.enterprise_id = e.id';
      const ids = sqlite.prepare(`SELECT e.id ${from} WHERE ${where} ORDER BY ${orderBy(q.sort, q.direction)}`).pluck().all(...params) as string[];
      const stageRows = sqlite
        .prepare(`SELECT CASE WHEN e.stage IN (${followUpStages.map((s) => `'${s}'`).join(', ')}) THEN e.stage ELSE 'none' END AS k, count(*) AS n ${from} WHERE ${where} GROUP BY k`)
        .all(...params) as { k: string; n: number }[];
      return { ids, stages: new Map(stageRows.map((r) => [r.k, r.n])) };
    },
  };
}

const ALL_KEYS: SortKey[] = ['name', 'uscc', 'divisionCode', 'industryCode', 'ytdRevenue', 'updatedAt', 'candidate'];

function expectSameAnswers(d: ReturnType<typeof directory>, questions: readonly ValueOf<typeof question>[]): void {
  const index = indexFor(d.store.db);
  // Every order unfiltered too: each is then built, and must stay sorted through the changes.
  const everyOrder = ALL_KEYS.map((sort) => ({ filter: {}, work: undefined, sort, direction: 'asc' as const, offset: 0, limit: 1 }));
  for (const q of [...everyOrder, ...questions]) {
    const want = d.sql(q);
    const all = index.page(q.filter, q.sort, q.direction, 0, Number.MAX_SAFE_INTEGER, q.work);
    expect(all.ids).toEqual(want.ids);
    expect(all.total).toBe(want.ids.length);
    const page = index.page(q.filter, q.sort, q.direction, q.offset, q.limit, q.work);
    expect(page).toEqual({ ids: want.ids.slice(q.offset, q.offset + q.limit), total: want.ids.length });
    expect(new Map([...index.stageCounts(q.filter, q.work)].sort())).toEqual(new Map([...want.stages].sort()));
    if (q.work === undefined) {
      const visited: string[] = [];
      index.forEachMatching(q.filter, (e) => visited.push(e.id));
      expect(visited.sort()).toEqual([...want.ids].sort());
      const byName = d.sql({ ...q, sort: 'name', direction: 'asc' }).ids;
      expect(index.matching(q.filter)).toEqual(byName);
    }
  }
}

describe('directory index = the same query in SQL', () => {
  it('filters, orders, pages and counts as SQL does, before and after changes underneath', () => {
    fc.assert(
      fc.property(
        fc.array(enterprise, { maxLength: 30 }),
        fc.array(question, { minLength: 1, maxLength: 4 }),
        fc.array(change, { maxLength: 8 }),
        fc.array(question, { minLength: 1, maxLength: 4 }),
        (rows, before, changes, after) => {
          const d = directory();
          try {
            for (const e of rows) d.add(e);
            expectSameAnswers(d, before);
            for (const c of changes) {
              const live = d.liveIds();
              if (c.kind === 'add') d.add(c.to);
              else if (live.length > 0 && c.kind === 'edit') d.edit(live[c.at % live.length] as string, c.to);
              else if (live.length > 0 && c.kind === 'delete') d.remove(live[c.at % live.length] as string);
            }
            expectSameAnswers(d, after);
          } finally {
            d.store.sqlite.close();
          }
        },
      ),
      { numRuns: 200 },
    );
    // 200 runs, each opening a migrated store: ~17 s alone on a two-core machine, so the default
    // 20 s ran out whenever other test files ran beside it. A budget, not a speed check.
  }, 90_000);
});
