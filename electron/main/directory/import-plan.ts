import type { AppDatabase } from '@db/open';
import { fieldsOf, liveByOrgCode, liveByUscc, liveCodelessEstablishments, liveOrgOnlyByOrgCode, type EnterpriseRecord } from './queries';
import { normaliseIdentifier, usccOrgCode } from '@shared/census/identifiers';
import { EnterpriseFields, type DirectoryImportPreview, type ImportRowResult } from '@shared/directory/directory';
import { userError } from '@shared/result';
import { checkEnterpriseFields, enterpriseFieldNotes, type FieldMessage } from './check';
import { headerOf, mapHeaders, primaryFields, readDirectoryCell, type DirectoryField } from './import-columns';
import { identityChanges } from './ops';
import type { Table, TableRow } from '@shared/tables/table';
import { mapInChunks } from '../tasks/progress';
import { isWithinScope, outsideScopeMessage, type ImportScope } from '@shared/session/import-scope';
import { DepartmentName } from '@shared/liaison/sync-fields';
import { departmentAfter, knownAssignments, type KnownAssignment } from '../liaison/import';

// What a directory file would do, row by row, before anything is written: insert a new USCC (or,
// for an enterprise without one, a new 组织机构代码), update a known one (only the cells it carries: a blank cell never clears a stored value), or
// nothing. A row is refused whole only for what identifies it — the USCC, the name and the
// division code; a secondary cell that cannot be read (a 机构类型 that is no code, a phone too
// long) is left out with a warning and the rest of the row is imported, so one odd column in an
// Excel export does not cost the whole directory.

export interface PlannedRow extends ImportRowResult {
  fields: EnterpriseFields | null;
  existing: EnterpriseRecord | undefined;
  /** 包保部门 as the file has it (null: no such cell); the import records an assignment from it (liaison/import.ts). */
  liaisonDepartment: string | null;
}

const blankFields = {
  address: '',
  industryCode: '',
  registrationCategory: '',
  institutionType: '',
  scale: 'below',
  isOnlineReporter: false,
  liaison: '',
  legalRepresentative: '',
  phone: '',
  unitKind: 'legal',
  parentUscc: '',
  qualificationKind: 'none',
  isLocallyRegistered: null,
  hasDevelopmentActivity: false,
  foundedOn: '',
  isNewBuild: false,
  projectInvestment: null,
  isProjectUnderConstruction: false,
  status: 'active',
  statusNote: '',
} as const;

const isPrimary = (column: string) => (primaryFields as readonly string[]).includes(column);

function missingUsccColumn(headers: readonly string[]): Error {
  const found = headers.filter((h) => h.trim() !== '').slice(0, 12);
  return userError(
    'INVALID_INPUT',
    `文件中没有“统一社会信用代码”列（也没有“组织机构代码”列）：名录按它新增或更新企业。文件的第一行是 ${found.length === 0 ? '（空）' : found.map((h) => `“${h}”`).join('、')}。第一行须为列名，可用的列名见导入模板。`,
    `There is no 统一社会信用代码 (USCC) column (nor an organisation code column): the directory adds and updates enterprises by it. The first row holds ${found.length === 0 ? '(nothing)' : found.map((h) => `"${h}"`).join(', ')}. The first row must name the columns; the import template lists the names read.`,
    [{ path: 'headers', message: 'USCC' }],
  );
}

/** A zod issue on a field as a sentence: missing, too long, or malformed. */
function issueMessage(column: string, code: string, maximum: unknown, isMissing: boolean, isNew: boolean): { zh: string; en: string } {
  const header = headerOf(column);
  // EnterpriseFields' identity rules per unit kind (its superRefine); `maximum` carries nothing here.
  if (code === 'custom') return refinementMessage(typeof maximum === 'string' ? maximum : '');
  if (isMissing) return { zh: `缺少必填项“${header}”${isNew ? '（新增企业必须填写）' : ''}`, en: `${header} (${column}) is required${isNew ? ' for a new enterprise' : ''}` };
  if (code === 'too_big' && typeof maximum === 'number') return { zh: `“${header}”过长，最多 ${maximum} 个字`, en: `${header} (${column}) is longer than ${maximum} characters` };
  return { zh: `“${header}”格式不正确`, en: `${header} (${column}) is malformed` };
}

function refinementMessage(message: string): { zh: string; en: string } {
  switch (message) {
    case 'INDIVIDUAL_USCC':
      return { zh: '个体经营户的统一社会信用代码应以92开头', en: 'An individual business’s USCC must begin with 92' };
    case 'PARENT_USCC':
      return { zh: '产业活动单位须填所属法人单位的统一社会信用代码', en: 'An establishment needs its legal unit’s USCC' };
    case 'PARENT_IS_SELF':
      return { zh: '所属法人单位的代码不能是本单位自己的代码', en: 'The legal unit’s USCC cannot be the unit’s own' };
    case 'PARENT_ONLY_ESTABLISHMENT':
      return { zh: '只有产业活动单位填写所属法人单位', en: 'Only an establishment names a legal unit' };
    default:
      return { zh: '缺少统一社会信用代码或组织机构代码（法人单位至少填写一个）', en: 'Neither a USCC nor an organisation code (a legal unit needs one of them)' };
  }
}

interface RowContext {
  mapped: readonly (DirectoryField | null)[];
  uscc: string;
  orgCode: string;
  before: EnterpriseRecord | undefined;
  /** An earlier row of the file for the same enterprise (same USCC, or same org code). */
  sameAs: { rowNo: number; by: 'uscc' | 'orgCode' } | undefined;
  /** Who follows the enterprise now, with their department (shown when the file changes the department). */
  known?: KnownAssignment;
}

export function planRow(row: TableRow, ctx: RowContext): PlannedRow {
  const errors: FieldMessage[] = [];
  const warnings: FieldMessage[] = [];
  const isNew = ctx.before === undefined;
  const leftOut = (column: string, zh: string, en: string) =>
    warnings.push({ column, messageZh: `${zh}；此项未导入${isNew ? '' : '（保留原值）'}`, messageEn: `${en}; this column was left out${isNew ? '' : ' (the stored value stays)'}` });
  const refuse = (column: string, zh: string, en: string) => errors.push({ column, messageZh: zh, messageEn: en });
  // The org code names a row without a USCC: then it is as primary as the USCC.
  const isPrimaryHere = (column: string) => isPrimary(column) || (column === 'orgCode' && ctx.uscc === '');
  const parsed: Record<string, unknown> = {};
  ctx.mapped.forEach((field, col) => {
    if (field === null) return;
    const text = (row.cells[col] ?? '').trim();
    if (text === '') return;
    if (row.lossy.includes(col)) {
      const zh = '该单元格被存成了数字，已丢失位数；请把该列设为文本后重新导出';
      const en = 'The cell was stored as a number and lost digits; format the column as text and export again';
      if (isPrimaryHere(field)) refuse(field, zh, en);
      else leftOut(field, zh, en);
      return;
    }
    if (field === 'uscc' || field === 'orgCode') {
      parsed[field] = field === 'uscc' ? ctx.uscc : ctx.orgCode;
      return;
    }
    const read = readDirectoryCell(field, text);
    if (!read.ok) {
      if (isPrimaryHere(field)) refuse(field, read.reason.zh, read.reason.en);
      else leftOut(field, read.reason.zh, read.reason.en);
      return;
    }
    if (read.note) warnings.push({ column: field, messageZh: read.note.zh, messageEn: read.note.en });
    parsed[field] = read.value;
  });
  // 包保部门 is no enterprise attribute: it goes with the row to the assignment it records.
  let liaisonDepartment: string | null = null;
  if (typeof parsed.liaisonDepartment === 'string') {
    const department = DepartmentName.safeParse(parsed.liaisonDepartment);
    if (department.success) liaisonDepartment = department.data;
    else leftOut('liaisonDepartment', '“包保部门”过长，最多 40 个字', 'liaisonDepartment is longer than 40 characters');
    delete parsed.liaisonDepartment;
  }
  if (ctx.sameAs?.by === 'uscc') refuse('uscc', `与第 ${ctx.sameAs.rowNo} 行统一社会信用代码重复`, `Same USCC as row ${ctx.sameAs.rowNo}`);
  if (ctx.sameAs?.by === 'orgCode') refuse(ctx.uscc === '' ? 'orgCode' : 'uscc', `与第 ${ctx.sameAs.rowNo} 行的组织机构代码相同（同一企业）`, `Same organisation code as row ${ctx.sameAs.rowNo} (the same enterprise)`);

  // Secondary fields the schema or the content checks refuse are dropped (back to the stored or
  // blank value) and checked again; a primary one refuses the row. Dropping a field only goes
  // back to a value that passed before, so a second round settles it (a third is a margin).
  const base = ctx.before ? fieldsOf(ctx.before) : blankFields;
  let fields: EnterpriseFields | null = null;
  for (let round = 0; round < 3 && fields === null; round += 1) {
    const merged: Record<string, unknown> = { ...base, ...parsed };
    const checked = EnterpriseFields.safeParse(merged);
    const problems: FieldMessage[] = checked.success
      ? checkEnterpriseFields(checked.data)
      : checked.error.issues.map((issue) => {
          const column = String(issue.path[0] ?? '');
          const m = issueMessage(column, issue.code, issue.code === 'custom' ? issue.message : 'maximum' in issue ? issue.maximum : undefined, merged[column] === undefined, isNew);
          return { column, messageZh: m.zh, messageEn: m.en };
        });
    const secondary = problems.filter((p) => !isPrimaryHere(p.column) && Object.hasOwn(parsed, p.column));
    errors.push(...problems.filter((p) => !secondary.includes(p)));
    for (const p of secondary) {
      leftOut(p.column, p.messageZh, p.messageEn);
      delete parsed[p.column];
    }
    if (checked.success && problems.length === 0) fields = checked.data;
    if (errors.length > 0 || secondary.length === 0) break;
  }
  if (fields === null && errors.length === 0) refuse('', '此行无法导入', 'This row cannot be imported');
  if (fields) warnings.push(...enterpriseFieldNotes(fields));
  const name = typeof parsed.name === 'string' ? parsed.name : (ctx.before?.name ?? '');
  const result = { rowNo: row.rowNo, uscc: ctx.uscc, orgCode: ctx.orgCode, name, errors, warnings, existing: ctx.before, liaisonDepartment };
  if (errors.length > 0 || fields === null) return { ...result, action: 'error', changes: [], fields: null };
  if (!ctx.before) return { ...result, action: 'insert', changes: [], fields };
  const changes = identityChanges(fieldsOf(ctx.before), fields).map((c) => ({ field: c.path, from: c.from, to: c.to }));
  const department = departmentAfter(ctx.known, fields.liaison, liaisonDepartment);
  if (fields.liaison !== '' && department !== (ctx.known?.department ?? '')) changes.push({ field: 'liaisonDepartment', from: ctx.known?.department ?? '', to: department });
  return { ...result, action: changes.length === 0 ? 'unchanged' : 'update', changes, fields };
}

/** A readable row whose division is outside the account's areas is not imported: the server would refuse it at sync. */
function withinScope(row: PlannedRow, scope: ImportScope): PlannedRow {
  if (row.fields === null || isWithinScope(row.fields.divisionCode, scope)) return row;
  return { ...row, action: 'outOfScope', changes: [], errors: [{ column: 'divisionCode', ...outsideScopeMessage(scope) }], fields: null };
}

/** A row's identity: its USCC, or (without one) its 组织机构代码, or (an 产业活动单位 without either) its 法人单位 and name. */
export interface RowIdentity {
  uscc: string;
  orgCode: string;
  parentUscc?: string;
  name?: string;
}

/**
 * The live enterprise each row names, as the store is now: by USCC; a USCC row may also be an
 * enterprise entered by its org code alone (the org code inside the USCC), which it then updates;
 * a row without a USCC by its org code (entered, or inside another's USCC).
 */
export function existingFinder(db: Pick<AppDatabase, 'select'>, rows: readonly RowIdentity[]): (row: RowIdentity) => EnterpriseRecord | undefined {
  const withUscc = rows.filter((r) => r.uscc !== '');
  const byUscc = liveByUscc(db, withUscc.map((r) => r.uscc));
  const orgOnly = liveOrgOnlyByOrgCode(db, withUscc.map((r) => usccOrgCode(r.uscc)));
  const byOrg = liveByOrgCode(db, rows.filter((r) => r.uscc === '').map((r) => r.orgCode));
  const codeless = rows.filter((r) => r.uscc === '' && r.orgCode === '' && r.parentUscc);
  const byParent = liveCodelessEstablishments(db, codeless.map((r) => r.parentUscc ?? ''));
  return (r) =>
    r.uscc !== ''
      ? (byUscc.get(r.uscc) ?? orgOnly.get(usccOrgCode(r.uscc)))
      : r.orgCode !== ''
        ? byOrg.get(r.orgCode)
        : r.parentUscc
          ? byParent.get(`${r.parentUscc}|${r.name ?? ''}`)
          : undefined;
}

/** Each row's plan against the store as it is now, a chunk at a time; `onRows` hears how many are planned. */
export async function planImport(
  db: Pick<AppDatabase, 'select'>,
  table: Table,
  scope: ImportScope,
  onRows: (done: number, total: number) => void = () => undefined,
): Promise<{ columns: DirectoryImportPreview['columns']; rows: PlannedRow[] }> {
  const mapped = mapHeaders(table.headers);
  const columns = table.headers.map((header, i) => ({ header, field: mapped[i] ?? null }));
  const usccIndex = mapped.indexOf('uscc');
  const orgIndex = mapped.indexOf('orgCode');
  const parentIndex = mapped.indexOf('parentUscc');
  const nameIndex = mapped.indexOf('name');
  if (usccIndex < 0 && orgIndex < 0 && parentIndex < 0) throw missingUsccColumn(table.headers);
  const cellOf = (r: TableRow, i: number) => (i < 0 ? '' : normaliseIdentifier(r.cells[i] ?? ''));
  const identities: RowIdentity[] = table.rows.map((r) => ({
    uscc: cellOf(r, usccIndex),
    orgCode: cellOf(r, orgIndex),
    parentUscc: cellOf(r, parentIndex),
    name: nameIndex < 0 ? '' : (r.cells[nameIndex] ?? '').trim(),
  }));
  const existing = existingFinder(db, identities);
  const known = knownAssignments(db);
  // Rows already seen, by USCC; by org code for rows without one, and inside the USCCs of rows
  // with one (an org-code row and a USCC row holding that org code are the same enterprise).
  const seenUscc = new Map<string, number>();
  const seenOrgOnly = new Map<string, number>();
  const seenEmbedded = new Map<string, number>();
  const total = table.rows.length;
  const rows = await mapInChunks(
    table.rows,
    500,
    (row, i): PlannedRow => {
      const id = identities[i] ?? { uscc: '', orgCode: '' };
      let sameAs: RowContext['sameAs'];
      if (id.uscc !== '') {
        const embedded = usccOrgCode(id.uscc);
        const byUscc = seenUscc.get(id.uscc);
        const byOrg = seenOrgOnly.get(embedded);
        sameAs = byUscc !== undefined ? { rowNo: byUscc, by: 'uscc' } : byOrg !== undefined ? { rowNo: byOrg, by: 'orgCode' } : undefined;
        if (!seenUscc.has(id.uscc)) seenUscc.set(id.uscc, row.rowNo);
        if (!seenEmbedded.has(embedded)) seenEmbedded.set(embedded, row.rowNo);
      } else if (id.orgCode !== '') {
        const first = seenOrgOnly.get(id.orgCode) ?? seenEmbedded.get(id.orgCode);
        sameAs = first !== undefined ? { rowNo: first, by: 'orgCode' } : undefined;
        if (!seenOrgOnly.has(id.orgCode)) seenOrgOnly.set(id.orgCode, row.rowNo);
      }
      const before = existing(id);
      return withinScope(planRow(row, { mapped, ...id, before, sameAs, known: before ? known(before.id, before.liaison) : undefined }), scope);
    },
    (done) => onRows(done, total),
  );
  return { columns, rows };
}
