import type { AppDatabase } from '@db/open';
import type { AnalysisQuery, AnalysisReport } from '@shared/analysis/analysis';
import { buildReport, type GroupCells } from '@shared/analysis/report';
import { industryByCode } from '@shared/codes/industry';
import { userError } from '@shared/result';
import type { Session } from '@shared/session/roles';
import { divisionNamesOf } from '../divisions/queries';
import { requirePermission } from '../session/roles';
import { getSettings } from '../session/settings-queries';
import { readRollup } from './rollup';
import { rollupTownships } from './rollup-queries';
import { targetsOfYear } from './target-queries';

// The monthly/quarterly economic analysis for the account at this laptop: the bureau sees the
// district and may look at any township; township staff see their township (the sync scope
// keeps other townships' ledgers off their laptop anyway, and a 位次 among one is no ranking).
// Figures come from the rollup (rollup.ts), brought up to date first.

export interface AnalysisArea {
  /** Whole district (bureau, leadership). */
  isDistrict: boolean;
  /** The townships the account holds when not the whole district. */
  townships: string[];
}

export function areaOf(session: Session): AnalysisArea {
  if (session.role === 'admin' || session.role === 'leader') return { isDistrict: true, townships: [] };
  if (session.scope.some((p) => p.length < 9)) return { isDistrict: true, townships: [] };
  return { isDistrict: false, townships: [...new Set(session.scope.map((p) => p.slice(0, 9)))].sort() };
}

const divisionName = (code: string): string => industryByCode(code)?.name ?? (code === '' ? '行业未填' : code);

export function analysisReport(db: AppDatabase, q: AnalysisQuery): AnalysisReport {
  const session = requirePermission(db, 'reports.export');
  const area = areaOf(session);
  if (q.township !== undefined && !area.isDistrict && !area.townships.includes(q.township)) {
    throw userError('FORBIDDEN', '本账号只能查看本乡镇的经济运行分析', 'This account sees its own township only');
  }
  const picked = q.township ?? (area.isDistrict ? null : area.townships.length === 1 ? (area.townships[0] ?? null) : null);
  const years = [q.year, q.year - 1];
  const all: GroupCells[] = readRollup(db, years, picked);
  const groups = !area.isDistrict && picked === null ? all.filter((g) => area.townships.includes(g.township)) : all;
  const choices = area.isDistrict ? rollupTownships(db, years) : area.townships;
  const names = divisionNamesOf(db, choices.filter((c) => c !== ''));
  const townshipName = (code: string): string => names.get(code) ?? (code === '' ? '区划未填' : code);
  const regionCode = getSettings(db).regionCode;
  const targets = new Map<string, number | null>();
  for (const t of targetsOfYear(db, q.year)) targets.set(`${t.areaCode}|${t.profession}.${t.indicator}`, t.targetTenths);
  const areaCode = picked ?? (area.isDistrict ? regionCode : '');
  const areaName = picked !== null ? townshipName(picked) : area.isDistrict ? (divisionNamesOf(db, regionCode ? [regionCode] : []).get(regionCode) ?? '全区') : '本辖区';
  return buildReport({
    year: q.year,
    period: q.period,
    area: { code: areaCode, name: areaName, isDistrict: area.isDistrict && picked === null },
    townships: choices.map((code) => ({ code, name: townshipName(code) })),
    groups,
    townshipName,
    divisionName,
    targetOf: (code, line) => targets.get(`${code}|${line}`) ?? null,
  });
}
