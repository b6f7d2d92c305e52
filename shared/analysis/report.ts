import { indicatorDef, type IndicatorKey } from '../ledger/indicators';
import type { ProfessionId } from '../ledger/indicator-sets';
import { periodMonths, type AnalysisPeriod, type AnalysisReport, type AnalysisRow, type Figures } from './analysis';
import { addCells, emptyCells, flagsOf, groupPeriod, groupYtd, growthOf, pullPoints, rankDescending, type Cells } from './figures';
import { headlineTable, lineKey } from './headlines';

// The analysis report from the rollup's groups (electron/main/analysis/rollup.ts) or from the
// same groups computed straight from the ledger (the tests): pure, so the numbers on a small
// known data set are checked by hand without a store.

/** One group's year of one line: the rollup's key and its cells. */
export interface GroupCells {
  year: number;
  township: string;
  division: string;
  profession: ProfessionId;
  scale: string;
  indicator: IndicatorKey;
  cells: Cells;
}

export interface ReportInput {
  year: number;
  period: AnalysisPeriod;
  area: AnalysisReport['area'];
  townships: AnalysisReport['townships'];
  groups: readonly GroupCells[];
  townshipName(code: string): string;
  divisionName(code: string): string;
  /** Target growth in tenths of a percent for an area (township or district code) and line key. */
  targetOf(areaCode: string, line: string): number | null;
}

interface Pair {
  all: [Cells, Cells];
  above: [Cells, Cells];
}

const newPair = (): Pair => ({ all: [emptyCells(), emptyCells()], above: [emptyCells(), emptyCells()] });

function figuresOf(kind: Parameters<typeof groupYtd>[0], cur: Cells, last: Cells, from: number, to: number): Figures {
  const period = groupPeriod(kind, cur, from, to);
  const periodLast = groupPeriod(kind, last, from, to);
  const ytd = groupYtd(kind, cur, to);
  const ytdLast = groupYtd(kind, last, to);
  return {
    period,
    periodLast,
    periodGrowth: growthOf(period, periodLast),
    ytd,
    ytdLast,
    ytdGrowth: growthOf(ytd, ytdLast),
    reporters: cur.reporters,
    reportersLast: last.reporters,
  };
}

export function buildReport(input: ReportInput): AnalysisReport {
  const [from, to] = periodMonths(input.period);
  const lines: AnalysisReport['lines'] = [];
  for (const line of headlineTable.lines) {
    const key = lineKey(line);
    const def = indicatorDef(line.indicator);
    const total = newPair();
    const townships = new Map<string, Pair>();
    const divisions = new Map<string, Pair>();
    for (const g of input.groups) {
      if (g.profession !== line.profession || g.indicator !== line.indicator) continue;
      const side = g.year === input.year ? 0 : g.year === input.year - 1 ? 1 : null;
      if (side === null) continue;
      const isAbove = g.scale === 'above';
      for (const pair of [total, at(townships, g.township), at(divisions, g.division)]) {
        addCells(pair.all[side], g.cells);
        if (isAbove) addCells(pair.above[side], g.cells);
      }
    }
    const rowOf = (rowKey: string, name: string, p: Pair, whole: Figures | null, targetTenths: number | null): AnalysisRow => {
      const all = figuresOf(def.kind, p.all[0], p.all[1], from, to);
      const above = figuresOf(def.kind, p.above[0], p.above[1], from, to);
      return {
        key: rowKey,
        name,
        all,
        above,
        abovePull: pullPoints(above.ytd, above.ytdLast, all.ytdLast),
        pull: whole ? pullPoints(all.ytd, all.ytdLast, whole.ytdLast) : null,
        rank: null,
        targetTenths,
        flags: flagsOf(all.ytd, all.ytdLast, targetTenths),
      };
    };
    const totalRow = rowOf('', input.area.name, total, null, input.targetOf(input.area.code, key));
    const sortedKeys = (m: Map<string, Pair>) => [...m.keys()].sort();
    const townshipRows = sortedKeys(townships).map((t) => rowOf(t, input.townshipName(t), townships.get(t) ?? newPair(), totalRow.all, input.targetOf(t, key)));
    const ranks = rankDescending(townshipRows.map((r) => r.all.ytdGrowth));
    townshipRows.forEach((r, i) => (r.rank = input.area.isDistrict ? (ranks[i] ?? null) : null));
    const divisionRows = sortedKeys(divisions).map((d) => rowOf(d, input.divisionName(d), divisions.get(d) ?? newPair(), totalRow.all, null));
    const months = Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      value: (total.all[0].monthCount[i] ?? 0) > 0 ? (total.all[0].monthSum[i] ?? 0) : null,
      last: (total.all[1].monthCount[i] ?? 0) > 0 ? (total.all[1].monthSum[i] ?? 0) : null,
      isComplete: (total.all[0].monthCount[i] ?? 0) >= total.all[0].reporters,
      isLastComplete: (total.all[1].monthCount[i] ?? 0) >= total.all[1].reporters,
    }));
    lines.push({ key, profession: line.profession, indicator: line.indicator, total: totalRow, townships: townshipRows, divisions: divisionRows, months });
  }
  return { year: input.year, period: input.period, from, to, area: input.area, townships: input.townships, headlinesVersion: headlineTable.version, lines };
}

function at(m: Map<string, Pair>, key: string): Pair {
  let p = m.get(key);
  if (!p) m.set(key, (p = newPair()));
  return p;
}
