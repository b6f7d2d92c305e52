import type { Language } from '@shared/session/settings';
import { joinList } from '../../lib/format';
import type { ProgressArea, ProgressCounts, ProgressEnumerator, ProgressReport } from '@shared/progress/progress';
import type { ChartGroup } from './progress-options';
import type { ProgressRow } from './progress-table';

// The report's three groupings as table rows and chart groups.

export const levels = ['districts', 'subDistricts', 'enumerators'] as const;
export type Level = (typeof levels)[number];

export function sumCounts(rows: readonly { counts: ProgressCounts }[]): ProgressCounts {
  const out: ProgressCounts = {
    frame: 0,
    added: 0,
    total: 0,
    visited: 0,
    notStarted: 0,
    draft: 0,
    completed: 0,
    submitted: 0,
    returned: 0,
    approved: 0,
    accepted: 0,
    notFound: 0,
    outOfScope: 0,
  };
  for (const r of rows) for (const k of Object.keys(out) as (keyof ProgressCounts)[]) out[k] += r.counts[k];
  return out;
}

function areaRow(a: ProgressArea, districtNames: ReadonlyMap<string, string>, isSub: boolean, language: Language): ProgressRow {
  const name = isSub ? (districtNames.get(a.code.slice(0, 12)) ?? '') : a.name;
  return {
    key: a.code,
    label: isSub ? `${name ? `${name} ` : ''}${a.code.slice(12)}` : a.name || a.code,
    sub: [a.code, joinList(a.enumeratorNames, language)].filter(Boolean).join(' · '),
    counts: a.counts,
    isZero: a.isZeroData,
  };
}

function enumeratorRow(e: ProgressEnumerator, language: Language): ProgressRow {
  return {
    key: e.userId,
    label: e.name,
    sub: joinList(e.areas, language),
    counts: e.counts,
    // 零数据 for a person: assigned 小区 with nothing visited, and nothing visited at all.
    isZero: e.counts.visited === 0,
  };
}

/** Labels for the row of units no one enumerator is responsible for. */
export interface UnattributedLabels {
  label: string;
  sub: string;
}

export const UNATTRIBUTED_KEY = 'unattributed';

/**
 * Rows of a grouping. Per enumerator each unit counts once (main decides whose it is), and the
 * units nobody is responsible for get a row of their own: the rows add up to the report's totals.
 */
export function rowsFor(report: ProgressReport, level: Level, unattributed: UnattributedLabels, language: Language): ProgressRow[] {
  const districtNames = new Map(report.districts.map((d) => [d.code, d.name]));
  switch (level) {
    case 'districts':
      return report.districts.map((a) => areaRow(a, districtNames, false, language));
    case 'subDistricts':
      return report.subDistricts.map((a) => areaRow(a, districtNames, true, language));
    case 'enumerators': {
      const rows = report.enumerators.map((e) => enumeratorRow(e, language));
      if (rows.length === 0 || report.unattributed.total === 0) return rows;
      return [...rows, { key: UNATTRIBUTED_KEY, ...unattributed, counts: report.unattributed, isZero: false }];
    }
  }
}

/** Chart groups: at most `max`, the largest first when there are more (the table has them all). */
export function chartGroups(rows: readonly ProgressRow[], max: number): { groups: ChartGroup[]; isCut: boolean } {
  const sorted = rows.length > max ? [...rows].sort((a, b) => b.counts.total - a.counts.total).slice(0, max) : rows;
  return { groups: sorted.map((r) => ({ label: r.label, counts: r.counts })), isCut: rows.length > max };
}
