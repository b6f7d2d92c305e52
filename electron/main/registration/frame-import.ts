import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import { existingFrameKeys, liveUnitsByUscc } from './frame-queries';
import { buildSearchText } from './units-queries';
import { insertChange, insertUnit } from './unit-writes';
import type { Output, ParsedInput } from '@shared/ipc/contract';
import { lastYearFromFrameRow } from '@shared/registration/frame-columns';
import { assertFrameColumns, checkFrameRows, type CheckedFrameRow } from '@shared/registration/frame-rows';
import { readUploadedTable } from '@shared/node/tables/read-table';
import { diffForms } from './diff';
import { initialForms } from '@shared/registration/initial-forms';
import { deploymentCounty, unitRuleContext } from './rules';
import { evaluateUnit } from '@shared/rules/unit-findings';
import { withComputed } from '@shared/forms/computed';
import { findingColumns } from './unit';
import { preloadItemForHeader } from '@shared/forms/preload';
import { requireProfile, type RegistrationOptions } from './service';
import { recordNewUnits } from './unit-ops';
import type { UnitKind } from '@shared/registration/units';
import { importScope } from '../session/import-scope';
import { packsOf } from '../forms/packs';
import { isWithinScope, outsideScopeMessage, type ImportScope } from '@shared/session/import-scope';
import { mapInChunks, silentReporter, yieldToLoop, type TaskBoard, type TaskReporter } from '../tasks/progress';

// Listing frame (底册) import: the renderer sends the chosen file's bytes; preview
// parses and checks every row and writes nothing; import parses the same bytes again and
// writes, in one transaction, every valid row not already in the store as a 未开始 unit with
// an 'import' trace row. Importing the same file twice adds nothing the second time.

type FrameFile = ParsedInput<'frame:preview'>;

export interface FrameImportOptions extends RegistrationOptions {
  tasks?: TaskBoard;
  /**
   * Runs the import's transaction as one large write (the sync engine's bulkWrite: a larger page
   * cache, the checkpoint deferred until after); without it the commit copies the WAL itself.
   */
  bulkWrite?: <T>(work: () => T) => T;
}

export function createFrameImportService(db: AppDatabase, opts: FrameImportOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const bulkWrite = opts.bulkWrite ?? (<T>(work: () => T): T => work());
  const newId = opts.newId ?? randomUUID;

  /** The board's entry for this import, or one that reports nowhere (tests, no board). */
  const begin = () => opts.tasks?.begin('frameImport') ?? { ...silentReporter, end: () => undefined };

  /** A row outside the account's areas carries the reason as an error, so nothing writes it. */
  const withinScope = (rows: CheckedFrameRow[], scope: ImportScope) =>
    rows.map((r) =>
      r.errors.length > 0 || isWithinScope(r.areaCode, scope)
        ? { ...r, isOutOfScope: false }
        : { ...r, isOutOfScope: true, errors: [{ column: '普查小区代码', ...outsideScopeMessage(scope) }] },
    );

  async function check(file: FrameFile, task: TaskReporter) {
    task.step('read', 0, null);
    const table = await readUploadedTable(file);
    assertFrameColumns(table.headers, file.fileName);
    task.step('check', 0, table.rows.length);
    const county = deploymentCounty(db);
    const checked = checkFrameRows(table, county ? { county } : {});
    task.step('check', table.rows.length, table.rows.length);
    const scope = importScope(db);
    return { table, columns: checked.columns, rows: withinScope(checked.rows, scope), scope };
  }

  /**
   * The rows with whether each is already in the store, and a warning where the store holds
   * the row's USCC in another sub-district (the same unit imported twice, or a unit added in
   * the field that the frame also lists).
   */
  const withPresence = <R extends CheckedFrameRow>(db2: Pick<AppDatabase, 'select'>, rows: R[]) => {
    const existing = existingFrameKeys(db2, rows.map((r) => r.areaCode));
    const byUscc = liveUnitsByUscc(db2, rows.map((r) => r.uscc));
    return rows.map((r) => {
      const isAlreadyPresent = existing.has(r.key);
      const elsewhere = isAlreadyPresent ? undefined : byUscc.get(r.uscc)?.find((u) => u.areaCode !== r.areaCode);
      if (!elsewhere || r.errors.length > 0) return { ...r, isAlreadyPresent };
      const warning = {
        column: '统一社会信用代码',
        messageZh: `本机已有统一社会信用代码相同的单位：${elsewhere.name}（普查小区 ${elsewhere.areaCode}），请核实是否重复`,
        messageEn: `This computer already holds a unit with this USCC: ${elsewhere.name} (sub-district ${elsewhere.areaCode}); check whether it is a duplicate`,
      };
      return { ...r, isAlreadyPresent, warnings: [...r.warnings, warning] };
    });
  };

  async function previewOf(file: FrameFile, task: TaskReporter): Promise<Output<'frame:preview'>> {
    const { table, columns, rows: checked, scope } = await check(file, task);
    const rows = withPresence(db, checked);
    const fieldAt = new Map([...columns].map(([field, c]) => [c.index, field]));
    return {
      // A column the import does not read may still fill a form item when the unit opens.
      columns: table.headers.map((header, i) => ({ header, field: fieldAt.get(i) ?? preloadItemForHeader(header) })),
      rows: rows.map(({ raw: _raw, industryCode: _industry, key: _key, ...r }) => r),
      counts: {
        total: rows.length,
        valid: rows.filter((r) => r.errors.length === 0).length,
        withErrors: rows.filter((r) => r.errors.length > 0 && !r.isOutOfScope).length,
        alreadyPresent: rows.filter((r) => r.errors.length === 0 && r.isAlreadyPresent).length,
        outOfScope: rows.filter((r) => r.isOutOfScope).length,
      },
      scope,
    };
  }

  return {
    async preview(file: FrameFile): Promise<Output<'frame:preview'>> {
      const task = begin();
      try {
        return await previewOf(file, task);
      } finally {
        task.end();
      }
    },

    async import(file: FrameFile): Promise<Output<'frame:import'>> {
      const profile = requireProfile(db);
      const task = begin();
      try {
        const { rows } = await check(file, task);
        const at = now();
        const stamp = at.toISOString();
        // One context for the whole file (same clock, county and division data); only last
        // year's figures differ by row.
        const baseContext = unitRuleContext(db, at, null);
        // Units come in under the pack in force and record it.
        const pack = packsOf(db).current;
        // The rules run before the transaction, a chunk at a time, so the window stays
        // responsive and the count moves; the writes are then one synchronous transaction, so
        // the existence check and the inserts cannot interleave with another write.
        const candidates = rows.filter((r): r is CheckedFrameRow & { kind: UnitKind; isOutOfScope: boolean } => r.errors.length === 0 && r.kind !== null);
        const prepared = await mapInChunks(
          candidates,
          250,
          (row) => {
            const forms = withComputed(pack, row.kind, initialForms(row.kind, row));
            const lastYear = lastYearFromFrameRow(row.raw);
            return { row, forms, evaluation: evaluateUnit(pack, row.kind, forms, lastYear ? { ...baseContext, lastYear } : baseContext) };
          },
          (done) => task.step('check', done, candidates.length),
        );
        task.step('write', 0, prepared.length);
        // One turn of the loop, so "writing N rows" is seen before the transaction holds it.
        await yieldToLoop();
        let imported = 0;
        let present = 0;
        // The WAL's copy into the store file waits until the result is on its way (sync/wal.ts).
        bulkWrite(() => db.transaction((tx) => {
          const created: string[] = [];
          const presence = new Map(withPresence(tx, candidates).map((r) => [r.rowNo, r.isAlreadyPresent]));
          for (const { row, forms, evaluation } of prepared) {
            if (presence.get(row.rowNo)) {
              present += 1;
              continue;
            }
            const id = newId();
            insertUnit(tx, {
              id,
              areaCode: row.areaCode,
              kind: row.kind,
              status: 'not_started',
              name: row.name,
              uscc: row.uscc,
              address: row.address,
              industryCode: row.industryCode,
              searchText: buildSearchText(row.name, row.uscc, row.address),
              data: JSON.stringify(forms),
              formPack: pack.ref,
              source: 'frame',
              frameRow: JSON.stringify(row.raw),
              ...findingColumns(evaluation),
              createdAt: stamp,
              updatedAt: stamp,
            });
            created.push(id);
            insertChange(tx, {
              unitId: id,
              at: stamp,
              ...profile,
              action: 'import',
              changes: diffForms({}, forms),
              reason: `底册导入 / Imported from the listing frame: ${file.fileName} 第${row.rowNo}行 (row ${row.rowNo})`,
            });
            imported += 1;
          }
          // The new units' '$create' ops, recorded together: one stamp read and write for the file.
          recordNewUnits(tx, created, at);
        }));
        task.step('write', prepared.length, prepared.length);
        return {
          imported,
          skippedErrors: rows.filter((r) => r.errors.length > 0 && !r.isOutOfScope).length,
          skippedPresent: present,
          skippedOutOfScope: rows.filter((r) => r.isOutOfScope).length,
        };
      } finally {
        task.end();
      }
    },
  };
}

export type FrameImportService = ReturnType<typeof createFrameImportService>;
