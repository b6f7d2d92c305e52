import type { AppDatabase } from '@db/open';
import { rowsWithFlags, toEnterpriseRow } from '../directory/queries';
import { followUpSummaries } from './queries';
import { followUpStages } from '@shared/directory/directory';
import type { CandidatePage, ExitPage, ExitRow } from '@shared/followup/work';
import { materialsFor } from '@shared/followup/materials';
import { localDate } from './service';
import type { ParsedInput } from '@shared/ipc/contract';
import { annualise } from '@shared/ledger/arithmetic';
import { ruleFor } from './thresholds';
import { indexFor } from '../directory/index-store';

// The work lists over the directory: 入规纳统 candidates (达标, 准规模, 成长型, or already
// followed) and 退库 candidates (规上 enterprises that closed, moved, or fell below threshold).
// Selected and ordered by the in-memory directory index; only the page's rows are read.

function inOrder<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
}

function materialCounts(checklist: readonly { key: string }[], provided: ReadonlySet<string> | undefined): { materialsDone: number; materialsTotal: number } {
  return { materialsDone: checklist.filter((c) => provided?.has(c.key) ?? false).length, materialsTotal: checklist.length };
}

const monthOf = (asOf: string | null): number => (asOf ? Number(asOf.slice(5, 7)) : 0);

export function listCandidates(db: AppDatabase, q: ParsedInput<'candidates:list'>, now: Date = new Date()): CandidatePage {
  const work = { kind: 'candidates' as const, reached: q.kinds.includes('reached'), near: q.kinds.includes('near'), growth: q.kinds.includes('growth'), followed: q.kinds.includes('followed') };
  const index = indexFor(db);
  const { ids, total } = index.page(q, 'candidate', 'asc', q.offset, q.limit, work);
  const byStage = Object.fromEntries([...followUpStages, 'none'].map((s) => [s, 0])) as CandidatePage['byStage'];
  for (const [stage, n] of index.stageCounts(q, work)) if (Object.hasOwn(byStage, stage)) byStage[stage as keyof typeof byStage] = n;
  const { lastNote, provided } = followUpSummaries(db, ids);
  const today = localDate(now);
  return {
    total,
    byStage,
    rows: inOrder(ids, rowsWithFlags(db, ids)).map((r) => {
      const rule = ruleFor(r.industryCode);
      const min = rule?.kind === 'revenue' ? rule.minRevenue : null;
      const month = monthOf(r.flags.flagsAsOf);
      const ytd = r.flags.ytdRevenue;
      const annualised = ytd !== null && month > 0 ? annualise(ytd, month) : null;
      const best = annualised === null ? ytd : Math.max(annualised, ytd ?? 0);
      return {
        ...toEnterpriseRow(r, r.flags),
        thresholdRevenue: min,
        annualisedRevenue: annualised,
        shareOfThreshold: min !== null && best !== null ? best / min : null,
        lastNoteAt: lastNote.get(r.id) ?? null,
        // Against the unit's own checklist (its age, a new build).
        ...materialCounts(materialsFor(r, today), provided.get(r.id)),
      };
    }),
  };
}

/**
 * Why an enterprise should leave the above-size directory. A status reason's detail is the
 * status note (迁往 …, 注销日期 …): the list shows the status in its own column, so repeating
 * it here would say nothing; '' when nobody wrote one (the page asks for it).
 */
export function exitReasons(row: ReturnType<typeof toEnterpriseRow>, statusNote: string): ExitRow['reasons'] {
  const reasons: ExitRow['reasons'] = [];
  if (row.status !== 'active') reasons.push({ code: row.status, detailZh: statusNote, detailEn: statusNote });
  if (row.flags.isBelowThreshold) {
    const rule = ruleFor(row.industryCode);
    const month = monthOf(row.flags.asOf);
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
  const { ids, total } = indexFor(db).page(q, 'divisionCode', 'asc', q.offset, q.limit, { kind: 'exits' });
  return {
    total,
    rows: inOrder(ids, rowsWithFlags(db, ids)).map((r) => {
      const row = toEnterpriseRow(r, r.flags);
      return { ...row, reasons: exitReasons(row, r.statusNote) };
    }),
  };
}
