import { randomUUID } from 'node:crypto';
import { format } from 'date-fns';
import ExcelJS from 'exceljs';
import type { AppDatabase } from '@db/open';
import { enterprisesByIds, fieldsOf, readFlags, type EnterpriseRecord } from './queries';
import { columnsOf, enterpriseWriter, updateEnterpriseAtVersion } from './enterprise-writes';
import type { DirectoryImportPreview, DirectoryImportReport, EnterpriseFilter, FileDownload, ImportRowResult } from '@shared/directory/directory';
import type { ParsedInput } from '@shared/ipc/contract';
import { recomputeAllFlags } from '../followup/thresholds';
import { headerOf, measureLabel, qualificationLabel, statusLabel, unitKindLabel, type DirectoryField } from './import-columns';
import { QualificationKind, UnitKind } from '@shared/directory/directory';
import { existingFinder, planImport, type PlannedRow } from './import-plan';
import { createValue, identityChanges, identityOps, recordManyEnterpriseOps, type FieldOp } from './ops';
import { importAssignment, knownAssignments } from '../liaison/import';
import { currentSession } from '../session/roles';
import type { DirectoryOptions } from './service';
import { indexFor } from './index-store';
import { readUploadedTable } from '@shared/node/tables/read-table';
import { requireProfile, type Profile } from '../registration/service';
import { silentReporter, yieldToLoop, type TaskReporter } from '../tasks/progress';
import { xlsxDownload } from '../files/xlsx-download';
import { importScope } from '../session/import-scope';

// Directory import and export. The renderer sends a CSV/XLSX file's bytes; preview
// parses and checks every row and writes nothing; import parses the same bytes again and, in
// ONE transaction, inserts new USCCs (org codes, for enterprises without one) and updates known ones (trace + sync ops + flags each).
// A blank cell never clears a stored value — a partial file (USCC + 包保责任人, say) updates
// only what it carries; rows with errors are skipped whole and reported.

const PREVIEW_ROWS = 2_000;

const actionOrder: Record<ImportRowResult['action'], number> = { error: 0, outOfScope: 1, update: 2, insert: 3, unchanged: 4 };
const strip = ({ fields: _f, existing: _e, liaisonDepartment: _d, ...row }: PlannedRow): ImportRowResult => row;

export function createDirectoryImportService(db: AppDatabase, opts: DirectoryOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  /** The board's entry for this import, or one that reports nowhere (tests, no board). */
  const begin = () => opts.tasks?.begin('directoryImport') ?? { ...silentReporter, end: () => undefined };

  async function plan(file: { fileName: string; contentBase64: string }, task: TaskReporter, scope = importScope(db)) {
    task.step('read', 0, null);
    const table = await readUploadedTable(file);
    return planImport(db, table, scope, (done, total) => task.step('check', done, total));
  }

  return {
    async preview(file: ParsedInput<'directory:importPreview'>): Promise<DirectoryImportPreview> {
      const task = begin();
      try {
        const scope = importScope(db);
        const { columns, rows } = await plan(file, task, scope);
        const counts = { total: rows.length, insert: 0, update: 0, unchanged: 0, error: 0, outOfScope: 0 };
        for (const r of rows) counts[r.action] += 1;
        const sorted = [...rows].sort((a, b) => actionOrder[a.action] - actionOrder[b.action] || a.rowNo - b.rowNo);
        return { columns, rows: sorted.slice(0, PREVIEW_ROWS).map(strip), isTruncated: rows.length > PREVIEW_ROWS, counts, scope };
      } finally {
        task.end();
      }
    },

    async import(input: ParsedInput<'directory:import'>): Promise<DirectoryImportReport> {
      const profile = requireProfile(db);
      const task = begin();
      try {
        return await write(input, profile, task);
      } finally {
        task.end();
      }
    },

    export: exportXlsx,
  };

  async function write(input: ParsedInput<'directory:import'>, profile: Profile, task: TaskReporter): Promise<DirectoryImportReport> {
    const { rows: planned } = await plan(input, task);
    task.step('write', 0, planned.filter((r) => r.fields !== null).length);
  // One turn of the loop, so "writing N rows" is seen before the transaction holds it.
  await yieldToLoop();
    const at = now();
    const stamp = at.toISOString();
    const reason = input.reason && input.reason !== '' ? input.reason : `导入 / Imported from ${input.fileName}`;
    const report: DirectoryImportReport = { inserted: 0, updated: 0, unchanged: 0, outOfScope: 0, errors: [], warnings: [] };
    const writeImport = () =>
      db.transaction((tx) => {
        // Planned again inside the transaction: the store may have changed since the preview.
        const existing = existingFinder(tx, planned);
        const known = knownAssignments(tx);
        const session = currentSession(db);
        const assigner = { by: profile.userName, byUserId: session.userId, at, since: format(at, 'yyyy-MM-dd'), newId };
        const writer = enterpriseWriter(tx);
        const opsOf: { enterpriseId: string; divisionCode: string; ops: FieldOp[] }[] = [];
        for (const row of planned) {
          if (row.action === 'outOfScope') {
            report.outOfScope += 1;
            continue;
          }
          if (row.action === 'error' || row.fields === null) {
            report.errors.push({ rowNo: row.rowNo, uscc: row.uscc, orgCode: row.orgCode, name: row.name, messages: row.errors });
            continue;
          }
          const fields = row.fields;
          // Imported with what could not be read left out: the report names each such cell.
          if (row.warnings.length > 0) report.warnings.push({ rowNo: row.rowNo, uscc: row.uscc, orgCode: row.orgCode, name: row.name, messages: row.warnings });
          const current = existing(row);
          if (!current) {
            const id = newId();
            writer.insert({ id, ...columnsOf(fields), createdAt: stamp, updatedAt: stamp });
            // The first 包保 assignment travels inside the '$create': one op per new enterprise still.
            const assignment = importAssignment(tx, id, undefined, fields.liaison, row.liaisonDepartment, assigner);
            const assigned = assignment ? [{ path: assignment.field, from: null, to: assignment.value }] : [];
            writer.change({ enterpriseId: id, at: stamp, ...profile, action: 'import', changes: [...identityChanges(null, fields), ...assigned], reason });
            opsOf.push({ enterpriseId: id, divisionCode: fields.divisionCode, ops: [{ field: '$create', value: createValue(fields, assignment ? { [assignment.field]: assignment.value } : {}) }] });
            report.inserted += 1;
            continue;
          }
          const before = fieldsOf(current);
          const changes: { path: string; from: unknown; to: unknown }[] = identityChanges(before, fields);
          const ops = identityOps(before, fields);
          const assignment = importAssignment(tx, current.id, known(current.id, current.liaison), fields.liaison, row.liaisonDepartment, assigner);
          if (assignment) {
            changes.push({ path: assignment.field, from: null, to: assignment.value });
            ops.push({ field: assignment.field, value: assignment.value });
          }
          if (changes.length === 0) {
            report.unchanged += 1;
            continue;
          }
          updateEnterpriseAtVersion(tx, current.id, current.version, stamp, columnsOf(fields));
          writer.change({ enterpriseId: current.id, at: stamp, ...profile, action: 'import', changes, reason });
          opsOf.push({ enterpriseId: current.id, divisionCode: fields.divisionCode, ops });
          report.updated += 1;
        }
        recordManyEnterpriseOps(tx, opsOf, at);
        // Flags of every touched enterprise in one pass (an industry, scale or status may have
        // changed; the ledger did not, so the stored revenue summaries still hold).
        if (report.inserted + report.updated > 0) recomputeAllFlags(db);
      });
    try {
      writeImport();
    } catch (e) {
      // The flag pass refreshed the in-memory index inside the transaction that failed.
      indexFor(db).reload();
      throw e;
    }
    return report;
  }

  async function exportXlsx(filter: EnterpriseFilter): Promise<FileDownload> {
    const ids = indexFor(db).page(filter, 'divisionCode', 'asc', 0, Number.MAX_SAFE_INTEGER).ids;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业库');
    const fieldsOrder: DirectoryField[] = ['uscc', 'orgCode', 'name', 'address', 'divisionCode', 'industryCode', 'registrationCategory', 'institutionType', 'scale', 'isOnlineReporter', 'liaison', 'legalRepresentative', 'phone', 'unitKind', 'parentUscc', 'qualificationKind', 'isLocallyRegistered', 'hasDevelopmentActivity', 'foundedOn', 'isNewBuild', 'projectInvestment', 'isProjectUnderConstruction', 'status', 'statusNote'];
    ws.columns = [
      ...fieldsOrder.map((f) => ({ header: headerOf(f), key: f, width: f === 'name' || f === 'address' ? 36 : 16 })),
      { header: '达标', key: 'reached', width: 8 },
      { header: '准规模', key: 'near', width: 8 },
      { header: '成长型', key: 'growth', width: 8 },
      { header: '跟踪阶段', key: 'stage', width: 10 },
      { header: '入规指标', key: 'measure', width: 14 },
      { header: '入规指标累计（千元）', key: 'ytd', width: 16 },
      { header: '截至月份', key: 'asOf', width: 10 },
    ];
    const yn = (b: boolean) => (b ? '是' : '否');
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const byId = enterprisesByIds(db, chunk);
      for (const id of chunk) {
        const r = byId.get(id);
        if (r) addRow(r, readFlags(db, id));
      }
    }
    function addRow(r: EnterpriseRecord, f: ReturnType<typeof readFlags>) {
      ws.addRow({
        ...r,
        scale: r.scale === 'above' ? '规上' : '规下',
        isOnlineReporter: yn(r.isOnlineReporter),
        unitKind: unitKindLabel[UnitKind.catch('legal').parse(r.unitKind)],
        qualificationKind: qualificationLabel[QualificationKind.catch('none').parse(r.qualificationKind)],
        isLocallyRegistered: r.isLocallyRegistered === null ? '' : yn(r.isLocallyRegistered),
        hasDevelopmentActivity: yn(r.hasDevelopmentActivity),
        isNewBuild: yn(r.isNewBuild),
        isProjectUnderConstruction: yn(r.isProjectUnderConstruction),
        status: statusLabel[r.status as keyof typeof statusLabel] ?? r.status,
        reached: yn(f.isReached),
        near: yn(f.isNearThreshold),
        // A missing measure is said so, never exported as a 0 or as the other revenue figure.
        measure: f.isMeasureMissing ? `${measureLabel[f.measure ?? 'mainRevenue']}未填` : f.measure ? measureLabel[f.measure] : '',
        growth: yn(f.isGrowth),
        stage: r.stage ?? '',
        ytd: f.ytdRevenue,
        asOf: f.flagsAsOf ?? '',
      });
    }
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return xlsxDownload(wb, `企业库-${format(now(), 'yyyy-MM-dd')}.xlsx`);
  }
}
