import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import { AppError, userError } from '@shared/result';
import { CENSUS_ANNUAL_YEAR, type Dimension } from '@shared/reconcile/columns';
import { gapTable, groupName, matchUnits, type CensusUnitFacts } from '@shared/reconcile/gap';
import type { AnnualFile, AnnualImport, AnnualImportReport, AnnualPreview, GapNote, GapNoteSave, ReconcileView } from '@shared/reconcile/wire';
import { deploymentCounty } from '../registration/rules';
import { recountFindings, storeFindings } from '../registration/findings';
import { packsOf } from '../forms/packs';
import { divisionNamesOf } from '../divisions/queries';
import { attribution, requirePermission } from '../session/roles';
import { readAnnualFile } from './read-file';
import { annualUnitsOf, censusUnits, importedYears, importsOf, legalUnitIds, notesOf, replaceDataset, saveNote, statedTotals } from './queries';

// 快报衔接: the bureau imports the year's annual/快报 figures, reads the census against them
// (gap table by 专业, 行业大类 and 乡镇; units beyond tolerance; units on one side only) and
// explains each gap.
//
// The dataset is bureau-local, not a sync entity. The 快报 holds every 一套表 unit's confidential
// annual figures for the whole county; the gap table is the bureau's work (验收, the joining-up
// report to the city), and the bureau's laptop is where acceptance sees the units' findings.
// A county-wide sync entity would not reach the supervisors either: the server sends a record
// only to accounts whose scope prefixes its area (server/sync/rules.ts isInScope), and a county
// record ('640502') is under no 普查区 or township prefix, so only county-scope accounts (the
// bureau, who import it) would receive it. Splitting it by area would spread every unit's annual
// figures to laptops that need one unit's; that per-unit figure already travels with the unit
// (the listing frame's 上年营业收入/上年从业人员 columns, synced with it), checked by the same rules.

const PREVIEW_UNITS = 200;
const LISTED_ERRORS = 500;
const LISTED_UNITS = 500;

export interface ReconcileOptions {
  now?: () => Date;
}

export function createReconcileService(db: AppDatabase, opts: ReconcileOptions = {}) {
  const now = opts.now ?? (() => new Date());

  async function plan(file: AnnualFile) {
    return readAnnualFile(file, deploymentCounty(db) ?? null);
  }

  return {
    async preview(file: AnnualFile): Promise<AnnualPreview> {
      requirePermission(db, 'reconcile.manage');
      const read = await plan(file);
      return {
        year: file.year,
        fileName: file.fileName,
        unitCount: read.units.length,
        totalsCount: read.totals.length,
        units: read.units.slice(0, PREVIEW_UNITS),
        errors: read.errors.slice(0, LISTED_ERRORS),
        moreErrors: Math.max(0, read.errors.length - LISTED_ERRORS),
        warnings: read.warnings.slice(0, LISTED_ERRORS),
        replaces: importsOf(db, file.year)[0] ?? null,
        canImport: read.errors.length === 0 && read.units.length > 0,
      };
    },

    async import(input: AnnualImport): Promise<AnnualImportReport> {
      const session = requirePermission(db, 'reconcile.manage');
      const who = attribution(db, session);
      const read = await plan(input);
      if (read.errors.length > 0 || read.units.length === 0) {
        const first = read.errors[0];
        throw userError(
          'INVALID_INPUT',
          `文件有 ${read.errors.length} 处错误，未导入任何数据${first ? `（第 ${first.rowNo} 行 ${first.column}：${first.zh}）` : ''}`,
          `The file has ${read.errors.length} errors; nothing was imported${first ? ` (row ${first.rowNo} ${first.column}: ${first.en})` : ''}`,
        );
      }
      const replaces = importsOf(db, input.year)[0] ?? null;
      if (replaces && !input.replace) {
        throw new AppError('CONFLICT', `${input.year} 年的快报数据已于 ${replaces.at.slice(0, 10)} 由 ${replaces.by} 导入，替换前须确认 / The ${input.year} dataset exists; confirm to replace it`);
      }
      const at = now().toISOString();
      const record = {
        id: randomUUID(),
        year: input.year,
        fileName: input.fileName,
        unitCount: read.units.length,
        totalsCount: read.totals.length,
        replaces: replaces?.id ?? null,
        by: who.userName,
        byUserId: session.userId,
        at,
      };
      db.transaction((tx) =>
        replaceDataset(
          tx,
          record,
          read.units,
          read.totals.map(({ rowNo: _r, ...t }) => t),
        ),
      );
      // The census year's figures feed the units' cross-period rules: their counts change now.
      let recounted = 0;
      if (input.year === CENSUS_ANNUAL_YEAR) {
        const counts = recountFindings(db, legalUnitIds(db), now());
        storeFindings(db, counts);
        recounted = counts.length;
      }
      return { record: { id: record.id, year: record.year, fileName: record.fileName, unitCount: record.unitCount, totalsCount: record.totalsCount, by: record.by, at }, recounted };
    },

    view(year: number): ReconcileView {
      requirePermission(db, 'reconcile.manage');
      return reconcileView(db, year);
    },

    note(input: GapNoteSave): GapNote {
      const session = requirePermission(db, 'reconcile.manage');
      const who = attribution(db, session);
      const note = { text: input.text, by: who.userName, at: now().toISOString() };
      db.transaction((tx) => saveNote(tx, { year: input.year, dimension: input.dimension, code: input.code }, { ...note, byUserId: session.userId }));
      return note;
    },
  };
}

const unitRef = (u: CensusUnitFacts) => ({ id: u.id, name: u.name, areaCode: u.areaCode, uscc: u.uscc, revenue: u.revenue, employees: u.employees });

export function reconcileView(db: AppDatabase, year: number): ReconcileView {
  const history = importsOf(db, year);
  const census = censusUnits(db);
  const annual = annualUnitsOf(db, year);
  const stated = statedTotals(db, year);
  const table = gapTable(census, annual, stated);
  const notes = notesOf(db, year);
  const townships = divisionNamesOf(db, [...new Set(table.rows.filter((r) => r.dimension === 'township').map((r) => r.code))]);
  const statedName = new Map(stated.map((s) => [`${s.dimension}:${s.code}`, s.name]));
  const nameOf = (dimension: Dimension, code: string) => {
    const name = groupName(dimension, code, (c) => townships.get(c));
    const fromFile = statedName.get(`${dimension}:${code}`) ?? '';
    return name.zh === '' && fromFile !== '' ? { zh: fromFile, en: fromFile } : name;
  };
  const pack = packsOf(db).current;
  const tolerances = { revenue: pack.settings.revenueChange, employees: pack.settings.employeesChange };
  const match = matchUnits(census, annual, tolerances);
  const beyond = match.compared.filter((c) => c.revenue.isBeyond || c.employees.isBeyond);
  return {
    year,
    years: importedYears(db),
    dataset: history[0] ?? null,
    history,
    tolerances: { ...tolerances, pack: pack.ref },
    annualSource: table.annualSource,
    rows: table.rows.map((r) => ({ ...r, name: nameOf(r.dimension, r.code), note: notes.get(`${r.dimension}:${r.code}`) ?? null })),
    total: table.total,
    beyond: beyond.map((c) => ({ unit: unitRef(c.census), annualName: c.annual.name, matchedBy: c.matchedBy, revenue: c.revenue, employees: c.employees })),
    matchedCount: match.compared.length,
    annualOnly: match.annualOnly.slice(0, LISTED_UNITS).map((a) => ({ uscc: a.uscc, orgCode: a.orgCode, name: a.name, township: a.township, revenue: a.revenue, employees: a.employees })),
    annualOnlyCount: match.annualOnly.length,
    censusOnly: match.censusOnly.slice(0, LISTED_UNITS).map(unitRef),
    censusOnlyCount: match.censusOnly.length,
  };
}
