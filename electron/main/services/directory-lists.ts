import { and, asc, count, desc, eq, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../../../db/open';
import { enterpriseWhere, rowColumns, toEnterpriseRow } from '../../../db/queries/directory';
import { followUpSummaries } from '../../../db/queries/directory-work';
import { enterprises } from '../../../db/schema';
import { followUpStages, type EnterpriseRow } from '../../../shared/directory';
import { materialKeys, type CandidatePage, type ExitPage, type ExitRow } from '../../../shared/directory-work';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { annualise } from '../../../shared/ledger/arithmetic';
import { ruleFor } from './directory-flags';

// The work lists over the directory (issue 5): 入规纳统 candidates (准规模, 成长型, or already
// followed) and 退库 candidates (规上 enterprises that closed, moved, or fell below threshold).

function candidateWhere(q: ParsedInput<'candidates:list'>): SQL | undefined {
  const kinds: SQL[] = [];
  if (q.kinds.includes('near')) kinds.push(eq(enterprises.isNearThreshold, true));
  if (q.kinds.includes('growth')) kinds.push(eq(enterprises.isGrowth, true));
  if (q.kinds.includes('followed')) kinds.push(isNotNull(enterprises.stage));
  return and(enterpriseWhere(q), or(...kinds));
}

export function listCandidates(db: AppDatabase, q: ParsedInput<'candidates:list'>): CandidatePage {
  const where = candidateWhere(q);
  const rows = db
    .select(rowColumns)
    .from(enterprises)
    .where(where)
    // Open work first (a stage that is not final), then the largest revenue.
    .orderBy(desc(sql`${enterprises.stage} IN ('candidate', 'nurturing', 'applied')`), desc(enterprises.ytdRevenue), asc(enterprises.name), asc(enterprises.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(enterprises).where(where).get()?.n ?? 0;
  const byStage = Object.fromEntries([...followUpStages, 'none'].map((s) => [s, 0])) as CandidatePage['byStage'];
  for (const r of db.select({ stage: enterprises.stage, n: count() }).from(enterprises).where(where).groupBy(enterprises.stage).all()) {
    const key = r.stage ?? 'none';
    if (Object.hasOwn(byStage, key)) byStage[key as keyof typeof byStage] = r.n;
  }
  const { lastNote, provided } = followUpSummaries(db, rows.map((r) => r.id));
  return {
    total,
    byStage,
    rows: rows.map((r) => {
      const rule = ruleFor(r.industryCode);
      const min = rule?.kind === 'revenue' ? rule.minRevenue : null;
      const month = r.flagsAsOf ? Number(r.flagsAsOf.slice(5, 7)) : 0;
      const annualised = r.ytdRevenue !== null && month > 0 ? annualise(r.ytdRevenue, month) : null;
      const best = annualised === null ? r.ytdRevenue : Math.max(annualised, r.ytdRevenue ?? 0);
      return {
        ...toEnterpriseRow(r),
        thresholdRevenue: min,
        annualisedRevenue: annualised,
        shareOfThreshold: min !== null && best !== null ? best / min : null,
        lastNoteAt: lastNote.get(r.id) ?? null,
        materialsDone: provided.get(r.id) ?? 0,
        materialsTotal: materialKeys.length,
      };
    }),
  };
}

const statusReasons: Record<string, { zh: string; en: string }> = {
  suspended: { zh: '停业', en: 'Suspended' },
  closed: { zh: '关闭', en: 'Closed' },
  deregistered: { zh: '注销', en: 'Deregistered' },
  revoked: { zh: '吊销', en: 'Licence revoked' },
  bankrupt: { zh: '破产', en: 'Bankrupt' },
  moved_away: { zh: '迁出', en: 'Moved away' },
  merged: { zh: '被合并', en: 'Merged' },
};

function exitReasons(row: EnterpriseRow & { statusNote: string }): ExitRow['reasons'] {
  const reasons: ExitRow['reasons'] = [];
  const status = statusReasons[row.status];
  if (status) {
    const note = row.statusNote === '' ? '' : `：${row.statusNote}`;
    reasons.push({ code: row.status as ExitRow['reasons'][number]['code'], detailZh: `${status.zh}${note}`, detailEn: `${status.en}${row.statusNote === '' ? '' : `: ${row.statusNote}`}` });
  }
  if (row.flags.isBelowThreshold) {
    const rule = ruleFor(row.industryCode);
    const month = row.flags.asOf ? Number(row.flags.asOf.slice(5, 7)) : 0;
    const annualised = row.flags.ytdRevenue !== null && month > 0 ? annualise(row.flags.ytdRevenue, month) : null;
    reasons.push({
      code: 'below_threshold',
      detailZh: `截至 ${row.flags.asOf ?? ''} 累计营业收入 ${row.flags.ytdRevenue ?? 0} 千元，年化 ${annualised ?? 0} 千元，低于 ${rule?.minRevenue ?? 0} 千元`,
      detailEn: `YTD revenue to ${row.flags.asOf ?? ''}: ${row.flags.ytdRevenue ?? 0}, annualised ${annualised ?? 0}, under ${rule?.minRevenue ?? 0} (thousand yuan)`,
    });
  }
  return reasons;
}

export function listExits(db: AppDatabase, q: ParsedInput<'exits:list'>): ExitPage {
  const where = and(enterpriseWhere(q), eq(enterprises.scale, 'above'), or(ne(enterprises.status, 'active'), eq(enterprises.isBelowThreshold, true)));
  const rows = db
    .select({ ...rowColumns, statusNote: enterprises.statusNote })
    .from(enterprises)
    .where(where)
    .orderBy(asc(enterprises.divisionCode), asc(enterprises.name), asc(enterprises.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  const total = db.select({ n: count() }).from(enterprises).where(where).get()?.n ?? 0;
  return {
    total,
    rows: rows.map((r) => {
      const row = toEnterpriseRow(r);
      return { ...row, reasons: exitReasons({ ...row, statusNote: r.statusNote }) };
    }),
  };
}
