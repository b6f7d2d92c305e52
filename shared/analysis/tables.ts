import { indicatorDef } from '../ledger/indicators';
import { indicatorSet } from '../ledger/indicator-sets';
import { formatIndicatorValue } from '../ledger/indicator-values';
import type { AnalysisLine, AnalysisReport, AnalysisRow, FigureOut } from './analysis';
import { headlineTable } from './headlines';
import { formatTenths } from './targets';

// The analysis as tables: what the page shows, the workbook holds and the print carries — one
// definition, so the file reads back equal to the screen (test/analysis/export.test.ts). Every
// cell has its text (as shown) and its number (as the workbook stores it; null for "—").

export interface Words {
  zh: string;
  en: string;
}

export interface TableCell {
  text: string;
  num: number | null;
}

export interface TableRow {
  key: string;
  label: string;
  isTotal: boolean;
  cells: TableCell[];
  flags: AnalysisRow['flags'];
  /** The 提示 column in both languages (the cell holds the Chinese, as the workbook does). */
  note: Words;
}

export interface AnalysisTable {
  key: string;
  line: string;
  title: Words;
  columns: Words[];
  rows: TableRow[];
}

const NONE: TableCell = { text: '—', num: null };

export const periodWords = (r: Pick<AnalysisReport, 'year' | 'period' | 'to'>): Words =>
  r.period.kind === 'month'
    ? { zh: `${r.year}年${r.period.month}月`, en: `${r.year}-${String(r.period.month).padStart(2, '0')}` }
    : { zh: `${r.year}年第${r.period.quarter}季度`, en: `${r.year} Q${r.period.quarter}` };

/** Units as an English reader writes them (the forms' units are Chinese). */
const unitEn: Record<string, string> = { 千元: 'CNY thousand', 人: 'persons', 平方米: 'm²', 万千瓦时: '10,000 kWh', 千瓦时: 'kWh', 吨: 't', 万立方米: '10,000 m³', 百万千焦: 'GJ', 千克标准煤: 'kgce' };

export function lineWords(line: Pick<AnalysisLine, 'profession' | 'indicator'>): Words {
  const def = indicatorDef(line.indicator);
  const set = indicatorSet(line.profession);
  return { zh: `${set.zh} · ${def.zh}（${def.unit}）`, en: `${set.en} · ${def.en} (${unitEn[def.unit] ?? def.unit})` };
}

function valueCell(line: AnalysisLine, f: FigureOut): TableCell {
  if (f.value === null) return NONE;
  const def = indicatorDef(line.indicator);
  const text = formatIndicatorValue(def, f.value);
  return { text, num: Number(text) };
}

/** Percent to one decimal: 0.1234 → '12.3'. */
export function percentCell(ratio: number | null, isPoints = false): TableCell {
  if (ratio === null || !Number.isFinite(ratio)) return NONE;
  const pct = Math.round((isPoints ? ratio : ratio * 100) * 10) / 10;
  const text = (Object.is(pct, -0) ? 0 : pct).toFixed(1);
  return { text, num: Number(text) };
}

const rankCell = (r: AnalysisRow): TableCell => (r.rank === null ? NONE : { text: r.rank.isTied ? `${r.rank.rank}（并列）` : String(r.rank.rank), num: r.rank.rank });

/** What a row's figures leave out, in words; '' when nothing. */
export function missingText(row: AnalysisRow): Words {
  const zh: string[] = [];
  const en: string[] = [];
  const say = (label: Words, f: FigureOut) => {
    if (f.missingMonths.length === 0) return;
    const n = f.missingEnterprises === null || f.missingEnterprises === 0 ? null : f.missingEnterprises;
    zh.push(`${label.zh}${n === null ? '' : `${n}家`}缺${f.missingMonths.join('、')}月`);
    en.push(`${label.en}${n === null ? '' : ` ${n} enterprise${n === 1 ? '' : 's'}`} missing month ${f.missingMonths.join(', ')}`);
  };
  say({ zh: '本年', en: 'this year' }, row.all.ytd);
  say({ zh: '上年', en: 'last year' }, row.all.ytdLast);
  return zh.length > 0 ? { zh: `缺报：${zh.join('；')}`, en: `Missing: ${en.join('; ')}` } : { zh: '', en: '' };
}

export const flagWords: Record<AnalysisRow['flags'][number], Words> = {
  negative: { zh: '负增长', en: 'Declining' },
  belowTarget: { zh: '低于目标', en: 'Below target' },
};

function noteOf(row: AnalysisRow): Words {
  const missing = missingText(row);
  return {
    zh: [...row.flags.map((f) => flagWords[f].zh), missing.zh].filter((s) => s !== '').join('；'),
    en: [...row.flags.map((f) => flagWords[f].en), missing.en].filter((s) => s !== '').join('; '),
  };
}

export function analysisColumns(periodKind: 'month' | 'quarter', to: number, withRank: boolean): Words[] {
  const period = periodKind === 'month' ? { zh: '本月', en: 'Month' } : { zh: '本季', en: 'Quarter' };
  return [
    period,
    { zh: '去年同期', en: 'Same period last year' },
    { zh: `${period.zh}增速%`, en: `${period.en} growth %` },
    { zh: `1—${to}月累计`, en: `Jan–${to} YTD` },
    { zh: '去年同期累计', en: 'YTD last year' },
    { zh: '累计增速%', en: 'YTD growth %' },
    { zh: '其中规上累计', en: 'Above-scale YTD' },
    { zh: '规上增速%', en: 'Above-scale growth %' },
    { zh: '规上拉动百分点', en: 'Above-scale pull (pts)' },
    { zh: '拉动百分点', en: 'Pull on total (pts)' },
    ...(withRank ? [{ zh: '位次', en: 'Rank' }] : []),
    { zh: '目标增速%', en: 'Target growth %' },
    { zh: '提示', en: 'Notes' },
  ];
}

function rowOf(line: AnalysisLine, r: AnalysisRow, isTotal: boolean, withRank: boolean): TableRow {
  const cells: TableCell[] = [
    valueCell(line, r.all.period),
    valueCell(line, r.all.periodLast),
    percentCell(r.all.periodGrowth),
    valueCell(line, r.all.ytd),
    valueCell(line, r.all.ytdLast),
    percentCell(r.all.ytdGrowth),
    valueCell(line, r.above.ytd),
    percentCell(r.above.ytdGrowth),
    percentCell(r.abovePull, true),
    percentCell(r.pull, true),
    ...(withRank ? [rankCell(r)] : []),
    r.targetTenths === null ? NONE : { text: formatTenths(r.targetTenths).replace('−', '-'), num: r.targetTenths / 10 },
    { text: noteOf(r).zh, num: null },
  ];
  return { key: r.key === '' ? 'total' : r.key, label: isTotal ? `${r.name}合计` : r.name, isTotal, cells, flags: r.flags, note: noteOf(r) };
}

/** Per headline line: by township (the district only) and by industry division. */
export function analysisTables(report: AnalysisReport): AnalysisTable[] {
  const out: AnalysisTable[] = [];
  for (const line of report.lines) {
    const words = lineWords(line);
    if (report.area.isDistrict) {
      out.push({
        key: `${line.key}.township`,
        line: line.key,
        title: { zh: `${words.zh} 分乡镇`, en: `${words.en} by township` },
        columns: [{ zh: '乡镇（街道）', en: 'Township' }, ...analysisColumns(report.period.kind, report.to, true)],
        rows: [rowOf(line, line.total, true, true), ...line.townships.map((t) => rowOf(line, t, false, true))],
      });
    }
    out.push({
      key: `${line.key}.division`,
      line: line.key,
      title: { zh: `${words.zh} 分行业`, en: `${words.en} by industry` },
      columns: [{ zh: '行业大类', en: 'Industry division' }, ...analysisColumns(report.period.kind, report.to, false)],
      rows: [rowOf(line, line.total, true, false), ...line.divisions.map((d) => rowOf(line, d, false, false))],
    });
  }
  return out;
}

export const headlineSource = (): Words => ({ zh: `主要指标 ${headlineTable.version}：${headlineTable.source}`, en: `Headline indicators ${headlineTable.version}` });
