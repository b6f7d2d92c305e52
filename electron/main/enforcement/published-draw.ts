import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { publishedDraws, publishedDrawSeeds } from '@db/schema';
import { countForShare } from '@shared/inspection/draw';
import { drawAreaCode } from '@shared/inspection/sync-fields';
import { poolText, rosterText, ROSTER_DRAW_ALGORITHM, shortfalls, sortedPool, sortedRoster, type PoolEntry, type RosterEntry } from '@shared/enforcement/roster-draw';
import { checkPublished, verifyRun, type VerifyFailure } from '@shared/enforcement/verify';
import type { DrawRunValue, PublishedDrawCreateValue } from '@shared/enforcement/sync-fields';
import type { PublishedDraw, PublishedDrawSummary } from '@shared/enforcement/wire';
import type { ParsedInput } from '@shared/ipc/contract';
import { AppError, userError } from '@shared/result';
import { getEnterprise, rowsWithFlags } from '../directory/queries';
import { indexFor } from '../directory/index-store';
import { insertEnterpriseChange } from '../directory/enterprise-writes';
import { attribution, requirePermission } from '../session/roles';
import { getSettings } from '../session/settings-queries';
import { recordOps } from '../sync/outbox';
import { byOf, readFields } from './field-rows';
import { readPublishedDraw, toPublishedDraw, writePublishedDraw } from './draw-rows';
import { listInspectors } from './roster';
import type { EnforcementOptions } from './roster';

// 双随机一公开 with the roster, in two steps. Publish: the pool (from the directory) and the
// roster as they stand are fixed into the record with their SHA-256, and so is the SHA-256 of
// a seed kept back on this laptop; the 公示 sheet prints them. Run: the seed is revealed, checked
// against its published hash, and the draw runs over the published pool and roster
// (shared/enforcement/roster-draw.ts), so anyone can re-run it and get the same result.

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The largest pool a published record carries (each enterprise is printed on the 公示 sheet). */
const MAX_POOL = 10_000;

const verifyText: Record<VerifyFailure, { zh: string; en: string }> = {
  ALGORITHM: { zh: '此抽查使用的算法本版本不认识。', en: 'This draw uses an algorithm this version does not know.' },
  SEED_MISMATCH: { zh: '随机种子与公示的种子哈希不一致，不能用它抽取。', en: 'The seed does not match the published seed hash; it cannot be used.' },
  POOL_MISMATCH: { zh: '对象名单与公示的名单哈希不一致。', en: 'The pool does not match its published hash.' },
  ROSTER_MISMATCH: { zh: '执法检查人员名录与公示的名录哈希不一致。', en: 'The roster does not match its published hash.' },
  RESULT_MISMATCH: { zh: '按公示的种子、名单和名录重新抽取，结果与记录不一致。', en: 'Re-running from the published seed, pool and roster gives a different result than recorded.' },
  NO_ELIGIBLE: { zh: '有企业没有足够的可抽取执法检查人员（均需回避或执法证无效）。', en: 'An enterprise has too few eligible inspectors (all conflicted or without a valid certificate).' },
};

export function createPublishedDrawService(db: AppDatabase, opts: EnforcementOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  function get(id: string): PublishedDraw {
    const d = readPublishedDraw(db, id);
    if (!d) throw new AppError('NOT_FOUND', `没有此次公示的抽查 / No published draw ${id}`);
    return d;
  }

  return {
    get,

    list(): PublishedDrawSummary[] {
      return db
        .select()
        .from(publishedDraws)
        .orderBy(desc(publishedDraws.publishedAt))
        .all()
        .map((r) => toPublishedDraw(db, r.id, readFields(r.fields)))
        .filter((d): d is PublishedDraw => d !== null)
        .map((d) => ({ id: d.id, title: d.title, day: d.day, count: d.count, seedHash: d.seedHash, publishedAt: d.publishedAt, publishedBy: d.publishedBy, holdsSeed: d.holdsSeed, poolSize: d.pool.length, rosterSize: d.roster.length, ranAt: d.run?.at ?? null }));
    },

    publish(input: ParsedInput<'enforce:drawPublish'>): PublishedDraw {
      const session = requirePermission(db, 'enforce.manage');
      attribution(db, session);
      const at = now();
      const stamp = at.toISOString();
      const day = input.day ?? stamp.slice(0, 10);
      // Kept in draw order (the order they are hashed in), so the 公示 lists them as hashed.
      const pool: PoolEntry[] = sortedPool(rowsWithFlags(db, indexFor(db).matching(input.filter)).map((r) => ({ enterpriseId: r.id, uscc: r.uscc, name: r.name, divisionCode: r.divisionCode, liaison: r.liaison.trim().slice(0, 40) })));
      if (pool.length === 0) throw userError('RULE_VIOLATION', '筛选结果中没有企业。', 'No enterprise matches the filter.', [{ path: 'filter', message: 'EMPTY' }]);
      if (pool.length > MAX_POOL) throw userError('RULE_VIOLATION', `对象名单有 ${pool.length} 家企业，超过 ${MAX_POOL} 家；请按乡镇或行业缩小范围。`, `The pool has ${pool.length} enterprises, more than ${MAX_POOL}; narrow it by township or industry.`, [{ path: 'filter', message: 'TOO_LARGE' }]);
      const roster: RosterEntry[] = sortedRoster(listInspectors(db).map((i) => ({ inspectorId: i.id, name: i.name, certNo: i.certNo, validFrom: i.validFrom, validTo: i.validTo, unit: i.unit, related: i.related.map((r) => r.enterpriseId).sort() })));
      if (roster.length === 0) throw userError('RULE_VIOLATION', '执法检查人员名录是空的：请先添加持有效执法证的人员。', 'The inspector roster is empty: add inspectors with a valid certificate first.', [{ path: 'roster', message: 'EMPTY' }]);
      // Every enterprise that could be drawn must have enough eligible inspectors, or the draw
      // could stall after its seed is public: refused now, naming them, rather than filled with
      // a conflicted inspector later.
      const short = shortfalls(pool, roster, input.perEnterprise, day);
      if (short.length > 0) {
        const names = short.slice(0, 5).map((s) => `${s.enterprise.name}（${s.eligible}）`).join('、');
        const more = short.length > 5 ? ` 等 ${short.length} 家` : '';
        throw userError(
          'RULE_VIOLATION',
          `以下企业可抽取的执法检查人员不足 ${input.perEnterprise} 人（其余人员需回避或执法证不在有效期内）：${names}${more}。请补充名录人员、减少每家企业的检查人员数，或将这些企业排除在名单外。`,
          `These enterprises have fewer than ${input.perEnterprise} eligible inspectors (the others must recuse or hold no valid certificate): ${short.slice(0, 5).map((s) => `${s.enterprise.name} (${s.eligible})`).join(', ')}${short.length > 5 ? ` and ${short.length - 5} more` : ''}. Add inspectors, draw fewer per enterprise, or leave these enterprises out.`,
          short.map((s) => ({ path: `pool.${s.enterprise.enterpriseId}`, message: 'NO_ELIGIBLE' })),
        );
      }
      const count = input.count ?? countForShare(pool.length, input.sharePct ?? 0);
      // A seed nobody chose: 16 random hex digits, kept back until the draw runs.
      const seed = input.seed ?? `${day}-${randomBytes(8).toString('hex')}`;
      const id = newId();
      const value: PublishedDrawCreateValue = {
        areaCode: drawAreaCode(pool.map((p) => p.divisionCode), getSettings(db).regionCode.slice(0, 6)),
        kind: 'published',
        title: input.title,
        algorithm: ROSTER_DRAW_ALGORITHM,
        filter: input.filter,
        day,
        count: Math.min(count, pool.length),
        perEnterprise: input.perEnterprise,
        seedHash: sha256(seed),
        poolHash: sha256(poolText(pool)),
        rosterHash: sha256(rosterText(roster)),
        pool,
        roster,
        at: stamp,
        by: byOf(session),
      };
      db.transaction((tx) => {
        writePublishedDraw(tx, id, new Map([['$create', value]]));
        tx.insert(publishedDrawSeeds).values({ drawId: id, seed }).run();
        recordOps(tx, [{ entity: 'draw', entityId: id, areaCode: value.areaCode, field: '$create', value }], at);
      });
      return get(id);
    },

    run(input: ParsedInput<'enforce:drawRun'>): PublishedDraw {
      const session = requirePermission(db, 'enforce.manage');
      const profile = attribution(db, session);
      const d = get(input.id);
      if (d.run) throw userError('RULE_VIOLATION', `此次抽查已于 ${d.run.at.slice(0, 10)} 抽取，不能再抽。`, `This draw ran on ${d.run.at.slice(0, 10)}; it cannot run again.`, [{ path: 'id', message: 'ALREADY_RUN' }]);
      const kept = db.select().from(publishedDrawSeeds).where(eq(publishedDrawSeeds.drawId, input.id)).get()?.seed;
      const seed = input.seed ?? kept;
      if (seed === undefined) throw userError('INVALID_INPUT', '本机没有保存此次抽查的随机种子：请输入公示时确定的种子。', 'This laptop does not hold the seed of this draw: type the seed fixed at publication.', [{ path: 'seed', message: 'MISSING' }]);
      const checked = checkPublished(d, seed, sha256);
      if (!checked.ok) throw userError('RULE_VIOLATION', verifyText[checked.reason].zh, verifyText[checked.reason].en, [{ path: 'seed', message: checked.reason }]);
      const at = now();
      const stamp = at.toISOString();
      // The record keeps who was excluded for whom and why, so the reasons are visible with it.
      const value: DrawRunValue = { seed, items: checked.items, exclusions: checked.exclusions, at: stamp, by: byOf(session) };
      db.transaction((tx) => {
        const fields = readFieldsOf(tx, d.id);
        fields.set('run', value);
        writePublishedDraw(tx, d.id, fields);
        recordOps(tx, [{ entity: 'draw', entityId: d.id, areaCode: d.areaCode, field: 'run', value }], at);
        // Each drawn enterprise's history says so, where this laptop holds the enterprise.
        for (const item of checked.items.filter((i) => getEnterprise(tx, i.enterpriseId) !== undefined)) {
          insertEnterpriseChange(tx, {
            enterpriseId: item.enterpriseId,
            at: stamp,
            ...profile,
            action: 'inspection',
            changes: [{ path: `draw.${d.id}`, from: null, to: { title: d.title, seed, inspectors: item.inspectors.map((i) => i.name) } }],
            reason: `双随机抽中 / Drawn for inspection: ${d.title}`,
          });
        }
      });
      return get(d.id);
    },

    verify(id: string): { ok: boolean; reason: VerifyFailure | 'NOT_RUN' | null } {
      const d = get(id);
      if (!d.run) return { ok: false, reason: 'NOT_RUN' };
      const verdict = verifyRun(d, d.run, sha256);
      return verdict.ok ? { ok: true, reason: null } : { ok: false, reason: verdict.reason };
    },
  };
}

function readFieldsOf(db: Pick<AppDatabase, 'select'>, id: string) {
  return readFields(db.select().from(publishedDraws).where(eq(publishedDraws.id, id)).get()?.fields);
}

export type PublishedDrawService = ReturnType<typeof createPublishedDrawService>;
