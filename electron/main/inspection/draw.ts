import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { rowsWithFlags } from '../directory/queries';
import { insertEnterpriseChange } from '../directory/enterprise-writes';
import { drawItems, draws } from '@db/schema';
import { EnterpriseFilter } from '@shared/directory/directory';
import { countForShare, DRAW_ALGORITHM, runDraw } from '@shared/inspection/draw';
import { inspectionResults, type DrawItem, type DrawRecord, type DrawSummary } from '@shared/followup/work';
import type { ParsedInput } from '@shared/ipc/contract';
import { AppError } from '@shared/result';
import type { DirectoryOptions } from '../directory/service';
import { indexFor } from '../directory/index-store';
import { requireProfile } from '../registration/service';
import { getSettings } from '../session/settings-queries';
import { recordOps } from '../sync/outbox';
import { drawAreaCode, drawFindingField, type DrawCreateValue, type DrawFindingValue } from '@shared/inspection/sync-fields';

// 双随机一公开: draw enterprises from a filtered list and inspectors from a list with a
// printed seed (shared/inspection/draw.ts), record the draw with the hash of the pool it ran
// over, then record findings and case closure per drawn enterprise. A draw is never edited or
// re-run under the same record: replaying it means running the same seed on the same list.
// Draws sync ('draw', sync-adapter.ts): the run and each finding go into the outbox in the
// transaction that writes them, so the bureau sees every draw of its area, repeats included.

const result = (v: string): DrawItem['result'] => ((inspectionResults as readonly string[]).includes(v) ? (v as DrawItem['result']) : 'pending');

export function poolHash(usccs: readonly string[]): string {
  return createHash('sha256').update([...usccs].sort().join('\n')).digest('hex');
}

export function createDrawService(db: AppDatabase, opts: DirectoryOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  function summary(d: typeof draws.$inferSelect): DrawSummary {
    const drawn = db.select({ n: count() }).from(drawItems).where(eq(drawItems.drawId, d.id)).get()?.n ?? 0;
    const closed = db.select({ n: count() }).from(drawItems).where(and(eq(drawItems.drawId, d.id), eq(drawItems.isClosed, true))).get()?.n ?? 0;
    return { id: d.id, title: d.title, seed: d.seed, createdAt: d.createdAt, createdBy: d.createdBy, poolSize: d.poolSize, poolHash: d.poolHash, drawn, closed };
  }

  function get(id: string): DrawRecord {
    const d = db.select().from(draws).where(eq(draws.id, id)).get();
    if (!d) throw new AppError('NOT_FOUND', `没有此次抽查 / No draw ${id}`);
    const items = db.select().from(drawItems).where(eq(drawItems.drawId, id)).orderBy(asc(drawItems.position)).all();
    return {
      ...summary(d),
      filter: EnterpriseFilter.parse(JSON.parse(d.filter)),
      inspectors: JSON.parse(d.inspectors) as string[],
      inspectorsPerEnterprise: d.inspectorsPerEnterprise,
      algorithm: d.algorithm,
      items: items.map((i) => ({
        enterpriseId: i.enterpriseId,
        uscc: i.uscc,
        name: i.name,
        divisionCode: i.divisionCode,
        inspectors: JSON.parse(i.inspectors) as string[],
        result: result(i.result),
        findings: i.findings,
        isClosed: i.isClosed,
        closedAt: i.closedAt,
        closingNote: i.closingNote,
        updatedAt: i.updatedAt,
      })),
    };
  }

  return {
    get,
    list(): DrawSummary[] {
      return db.select().from(draws).orderBy(desc(draws.createdAt)).all().map(summary);
    },

    run(input: ParsedInput<'draw:run'>): DrawRecord {
      const profile = requireProfile(db);
      const at = now();
      const stamp = at.toISOString();
      const pool = rowsWithFlags(db, indexFor(db).matching(input.filter)).map((r) => ({ id: r.id, uscc: r.uscc, name: r.name, divisionCode: r.divisionCode }));
      if (pool.length === 0) throw new AppError('RULE_VIOLATION', '筛选结果中没有企业 / No enterprise matches the filter', [{ path: 'filter', message: 'EMPTY' }]);
      const count = input.count ?? countForShare(pool.length, input.sharePct ?? 0);
      // A seed nobody chose: the date and 8 random hex digits, printed on the record.
      const seed = input.seed ?? `${stamp.slice(0, 10)}-${randomBytes(4).toString('hex')}`;
      const picks = runDraw({ seed, pool: pool.map((p) => ({ key: p.uscc, item: p })), count, inspectors: input.inspectors, inspectorsPerEnterprise: input.inspectorsPerEnterprise });
      const id = newId();
      const record: Omit<DrawCreateValue, 'areaCode' | 'items'> = {
        title: input.title,
        seed,
        algorithm: DRAW_ALGORITHM,
        filter: input.filter,
        poolSize: pool.length,
        poolHash: poolHash(pool.map((p) => p.uscc)),
        inspectors: [...new Set(input.inspectors)].sort(),
        inspectorsPerEnterprise: input.inspectorsPerEnterprise,
        createdAt: stamp,
        createdBy: profile.userName,
      };
      const items = picks.map((p, position) => ({ enterpriseId: p.item.id, position, uscc: p.item.uscc, name: p.item.name, divisionCode: p.item.divisionCode, inspectors: p.inspectors }));
      const areaCode = drawAreaCode(items.map((i) => i.divisionCode), getSettings(db).regionCode);
      db.transaction((tx) => {
        tx.insert(draws)
          .values({ id, ...record, filter: JSON.stringify(record.filter), inspectors: JSON.stringify(record.inspectors) })
          .run();
        const value: DrawCreateValue = { areaCode, ...record, items };
        recordOps(tx, [{ entity: 'draw', entityId: id, areaCode, field: '$create', value }], at);
        picks.forEach((p, position) => {
          tx.insert(drawItems)
            .values({ drawId: id, enterpriseId: p.item.id, position, uscc: p.item.uscc, name: p.item.name, divisionCode: p.item.divisionCode, inspectors: JSON.stringify(p.inspectors) })
            .run();
          insertEnterpriseChange(tx, {
            enterpriseId: p.item.id,
            at: stamp,
            ...profile,
            action: 'inspection',
            changes: [{ path: `draw.${id}`, from: null, to: { title: input.title, seed, inspectors: p.inspectors } }],
            reason: `双随机抽中 / Drawn for inspection: ${input.title}`,
          });
        });
      });
      return get(id);
    },

    record(input: ParsedInput<'inspection:record'>): DrawRecord {
      const profile = requireProfile(db);
      const at = now();
      const stamp = at.toISOString();
      db.transaction((tx) => {
        const item = tx.select().from(drawItems).where(and(eq(drawItems.drawId, input.drawId), eq(drawItems.enterpriseId, input.enterpriseId))).get();
        if (!item) throw new AppError('NOT_FOUND', `该企业不在此次抽查中 / Enterprise not in draw ${input.drawId}`);
        const next = {
          result: input.result,
          findings: input.findings,
          isClosed: input.isClosed,
          closedAt: input.isClosed ? (item.closedAt ?? stamp) : null,
          closingNote: input.closingNote,
          updatedAt: stamp,
        };
        tx.update(drawItems).set(next).where(and(eq(drawItems.drawId, input.drawId), eq(drawItems.enterpriseId, input.enterpriseId))).run();
        const before = { result: item.result, findings: item.findings, isClosed: item.isClosed, closingNote: item.closingNote };
        const after = { result: next.result, findings: next.findings, isClosed: next.isClosed, closingNote: next.closingNote };
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          const finding: DrawFindingValue = { ...next, by: profile.userName };
          const divisions = tx.select({ code: drawItems.divisionCode }).from(drawItems).where(eq(drawItems.drawId, input.drawId)).all();
          const areaCode = drawAreaCode(divisions.map((d) => d.code), getSettings(tx).regionCode);
          recordOps(tx, [{ entity: 'draw', entityId: input.drawId, areaCode, field: drawFindingField(input.enterpriseId), value: finding }], at);
          insertEnterpriseChange(tx, { enterpriseId: input.enterpriseId, at: stamp, ...profile, action: 'inspection', changes: [{ path: `inspection.${input.drawId}`, from: before, to: after }], reason: null });
        }
      });
      return get(input.drawId);
    },
  };
}

export type DrawService = ReturnType<typeof createDrawService>;
