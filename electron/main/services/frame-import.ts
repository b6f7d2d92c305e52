import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '../../../db/open';
import { existingFrameKeys, liveUnitsByUscc } from '../../../db/queries/frame';
import { buildSearchText, insertChange, insertUnit } from '../../../db/queries/units';
import type { Output, ParsedInput } from '../../../shared/ipc/contract';
import { lastYearFromFrameRow } from './frame-import-columns';
import { assertFrameColumns, checkFrameRows, type CheckedFrameRow } from './frame-import-rows';
import { readUploadedTable } from './frame-import-table';
import { diffForms } from './registration-diff';
import { initialForms } from './registration-forms';
import { deploymentCounty, unitRuleContext } from './registration-rules';
import { evaluateUnit } from '../../../shared/rules/unit-findings';
import { findingColumns } from './registration-unit';
import { requireProfile, type RegistrationOptions } from './registration';
import { recordNewUnits } from '../sync/outbox';

// Listing frame (底册) import (issue 3): the renderer sends the chosen file's bytes; preview
// parses and checks every row and writes nothing; import parses the same bytes again and
// writes, in one transaction, every valid row not already in the store as a 未开始 unit with
// an 'import' trace row. Importing the same file twice adds nothing the second time.

type FrameFile = ParsedInput<'frame:preview'>;

export function createFrameImportService(db: AppDatabase, opts: RegistrationOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  async function check(file: FrameFile) {
    const table = await readUploadedTable(file);
    assertFrameColumns(table.headers, file.fileName);
    const county = deploymentCounty(db);
    const checked = checkFrameRows(table, county ? { county } : {});
    return { table, ...checked };
  }

  /**
   * The rows with whether each is already in the store, and a warning where the store holds
   * the row's USCC in another sub-district (the same unit imported twice, or a unit added in
   * the field that the frame also lists).
   */
  const withPresence = (db2: Pick<AppDatabase, 'select'>, rows: CheckedFrameRow[]) => {
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

  return {
    async preview(file: FrameFile): Promise<Output<'frame:preview'>> {
      const { table, columns, rows: checked } = await check(file);
      const rows = withPresence(db, checked);
      const fieldAt = new Map([...columns].map(([field, c]) => [c.index, field]));
      return {
        columns: table.headers.map((header, i) => ({ header, field: fieldAt.get(i) ?? null })),
        rows: rows.map(({ raw: _raw, industryCode: _industry, key: _key, ...r }) => r),
        counts: {
          total: rows.length,
          valid: rows.filter((r) => r.errors.length === 0).length,
          withErrors: rows.filter((r) => r.errors.length > 0).length,
          alreadyPresent: rows.filter((r) => r.errors.length === 0 && r.isAlreadyPresent).length,
        },
      };
    },

    async import(file: FrameFile): Promise<Output<'frame:import'>> {
      const profile = requireProfile(db);
      const { rows } = await check(file);
      const at = now();
      const stamp = at.toISOString();
      // One context for the whole file (same clock, county and division data); only last
      // year's figures differ by row.
      const baseContext = unitRuleContext(db, at, null);
      let imported = 0;
      let present = 0;
      // Parsing is async (XLSX); the writes below are one synchronous transaction, so the
      // existence check and the inserts cannot interleave with another write.
      db.transaction((tx) => {
        const created: string[] = [];
        for (const row of withPresence(tx, rows)) {
          if (row.errors.length > 0 || row.kind === null) continue;
          if (row.isAlreadyPresent) {
            present += 1;
            continue;
          }
          const kind = row.kind;
          const forms = initialForms(kind, row);
          const lastYear = lastYearFromFrameRow(row.raw);
          const evaluation = evaluateUnit(kind, forms, lastYear ? { ...baseContext, lastYear } : baseContext);
          const id = newId();
          insertUnit(db, {
            id,
            areaCode: row.areaCode,
            kind,
            status: 'not_started',
            name: row.name,
            uscc: row.uscc,
            address: row.address,
            industryCode: row.industryCode,
            searchText: buildSearchText(row.name, row.uscc, row.address),
            data: JSON.stringify(forms),
            source: 'frame',
            frameRow: JSON.stringify(row.raw),
            ...findingColumns(evaluation),
            createdAt: stamp,
            updatedAt: stamp,
          });
          created.push(id);
          insertChange(db, {
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
      });
      return {
        imported,
        skippedErrors: rows.filter((r) => r.errors.length > 0).length,
        skippedPresent: present,
      };
    },
  };
}

export type FrameImportService = ReturnType<typeof createFrameImportService>;
