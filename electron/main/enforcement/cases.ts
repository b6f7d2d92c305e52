import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { drawItems, enforcementCases } from '@db/schema';
import { applyCaseAction, caseRefusalText, type CaseState } from '@shared/enforcement/case-machine';
import { caseFromFields, type CaseRecord } from '@shared/enforcement/records';
import { caseStepField, caseTransferField, type CaseCreateValue, type CaseDocValue, type CaseStepValue, type CaseTransferValue, type CaseViolationsValue, type StepState } from '@shared/enforcement/sync-fields';
import type { ParsedInput } from '@shared/ipc/contract';
import { AppError, userError } from '@shared/result';
import type { JsonValue } from '@shared/sync/protocol';
import { insertEnterpriseChange } from '../directory/enterprise-writes';
import { requireEnterprise } from '../directory/service';
import { getEnterprise } from '../directory/queries';
import { getEvidence } from '../evidence/queries';
import { attribution, requirePermission } from '../session/roles';
import { recordOps } from '../sync/outbox';
import { byOf, fieldsText, readFields } from './field-rows';
import type { EnforcementOptions } from './roster';

// 统计执法 cases: 立案 on an inspected enterprise, then one step at a time as the case machine
// allows (shared/enforcement/case-machine.ts), each step its own synced field with who and when;
// documents are files the evidence engine keeps (attached to the enterprise like a ledger's
// original records) and the case names them; a 移送 is a record per receiving body. Every
// refusal changes nothing.

export function listCases(db: Pick<AppDatabase, 'select'>, enterpriseId?: string): CaseRecord[] {
  const rows = enterpriseId ? db.select().from(enforcementCases).where(eq(enforcementCases.enterpriseId, enterpriseId)).all() : db.select().from(enforcementCases).all();
  return rows
    .map((r) => caseFromFields(r.id, readFields(r.fields)))
    .filter((c): c is CaseRecord => c !== null)
    .sort((a, b) => (a.filedOn < b.filedOn ? 1 : a.filedOn > b.filedOn ? -1 : a.caseNo < b.caseNo ? -1 : 1));
}

const refuse = (reason: keyof typeof caseRefusalText, path = 'action'): AppError => userError('RULE_VIOLATION', caseRefusalText[reason].zh, caseRefusalText[reason].en, [{ path, message: reason }]);

export function createCaseService(db: AppDatabase, opts: EnforcementOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  function get(id: string): CaseRecord {
    const row = db.select().from(enforcementCases).where(eq(enforcementCases.id, id)).get();
    const c = row ? caseFromFields(id, readFields(row.fields)) : null;
    if (!c) throw new AppError('NOT_FOUND', `没有此案件 / No case ${id}`);
    return c;
  }

  /** Writes fields of a case with their ops and the enterprise's change trace, in one transaction. */
  function write(id: string, changes: { field: string; value: JsonValue }[], trace: { enterpriseId: string; path: string; to: unknown; reason: string | null }, at: Date, userName: string, deviceName: string): CaseRecord {
    db.transaction((tx) => {
      const row = tx.select().from(enforcementCases).where(eq(enforcementCases.id, id)).get();
      const fields = readFields(row?.fields);
      for (const c of changes) fields.set(c.field, c.value);
      const created = fields.get('$create') as CaseCreateValue;
      const text = fieldsText(fields);
      if (row) tx.update(enforcementCases).set({ fields: text, updatedAt: at.toISOString() }).where(eq(enforcementCases.id, id)).run();
      else tx.insert(enforcementCases).values({ id, enterpriseId: created.enterpriseId, filedOn: created.filedOn, fields: text, updatedAt: at.toISOString() }).run();
      recordOps(tx, changes.map((c) => ({ entity: 'case' as const, entityId: id, areaCode: created.areaCode, field: c.field, value: c.value })), at);
      // The enterprise's own history shows its case moving too (enterprise page, 变更记录).
      if (getEnterprise(tx, trace.enterpriseId)) {
        insertEnterpriseChange(tx, { enterpriseId: trace.enterpriseId, at: at.toISOString(), userName, deviceName, action: 'inspection', changes: [{ path: trace.path, from: null, to: trace.to }], reason: trace.reason });
      }
    });
    return get(id);
  }

  function session() {
    const s = requirePermission(db, 'enforce.manage');
    return { session: s, ...attribution(db, s) };
  }

  function refuseOther(violations: readonly string[], otherText: string): void {
    if (violations.includes('other') && otherText.trim() === '') {
      throw userError('INVALID_INPUT', '违法类型选了“其他”，须写明具体情形。', 'A violation of type "other" needs its description.', [{ path: 'otherText', message: 'REQUIRED' }]);
    }
  }

  return {
    get,
    list: (input: ParsedInput<'enforce:cases'>): CaseRecord[] => listCases(db, input.enterpriseId).filter((c) => input.year === undefined || c.filedOn.startsWith(String(input.year))),

    open(input: ParsedInput<'enforce:caseOpen'>): CaseRecord {
      const { session: s, userName, deviceName } = session();
      const e = requireEnterprise(db, input.enterpriseId);
      refuseOther(input.violations, input.otherText);
      if (input.drawId !== null && !db.select().from(drawItems).where(eq(drawItems.drawId, input.drawId)).all().some((i) => i.enterpriseId === e.id)) {
        throw userError('INVALID_INPUT', '该企业不在所选的抽查中。', 'The enterprise is not in the chosen draw.', [{ path: 'drawId', message: 'NOT_DRAWN' }]);
      }
      const open = listCases(db, e.id).find((c) => c.state !== 'closed' && c.drawId === input.drawId);
      if (open) throw userError('RULE_VIOLATION', `该企业已有未结案件（${open.caseNo}）。`, `The enterprise already has an open case (${open.caseNo}).`, [{ path: 'enterpriseId', message: 'OPEN_CASE' }]);
      if (listCases(db).some((c) => c.caseNo === input.caseNo)) {
        throw userError('INVALID_INPUT', `立案编号 ${input.caseNo} 已被使用。`, `Case number ${input.caseNo} is taken.`, [{ path: 'caseNo', message: 'DUPLICATE' }]);
      }
      const at = now();
      const value: CaseCreateValue = {
        areaCode: e.divisionCode,
        enterpriseId: e.id,
        enterpriseName: e.name.slice(0, 200),
        uscc: e.uscc,
        drawId: input.drawId,
        caseNo: input.caseNo,
        filedOn: input.filedOn,
        violations: [...new Set(input.violations)],
        otherText: input.violations.includes('other') ? input.otherText : '',
        note: input.note,
        at: at.toISOString(),
        by: byOf(s),
      };
      const id = newId();
      return write(id, [{ field: '$create', value }], { enterpriseId: e.id, path: `case.${id}`, to: { caseNo: value.caseNo, state: 'filed', violations: value.violations }, reason: `统计执法立案 / Case filed: ${value.caseNo}` }, at, userName, deviceName);
    },

    act(input: ParsedInput<'enforce:caseAct'>): CaseRecord {
      const { session: s, userName, deviceName } = session();
      const c = get(input.id);
      const last = c.steps[c.steps.length - 1];
      const step = applyCaseAction(c.state, input.action, { on: input.on, lastOn: last?.on ?? c.filedOn, decision: input.decision });
      if (!step.ok) throw refuse(step.reason, step.reason === 'FINE_WITHOUT_AMOUNT' || step.reason === 'AMOUNT_WITHOUT_FINE' ? 'decision.fineYuan' : step.reason === 'NO_PENALTY' ? 'decision.penalties' : 'action');
      if (input.action === 'decide' && input.decision?.documentNo.trim() === '') {
        throw userError('INVALID_INPUT', '请填写处罚决定书文号。', 'Give the decision document number.', [{ path: 'decision.documentNo', message: 'REQUIRED' }]);
      }
      const at = now();
      const to = step.to as Exclude<CaseState, 'filed'>;
      const decision = input.action === 'decide' && input.decision ? { penalties: [...new Set(input.decision.penalties)], fineYuan: input.decision.fineYuan, documentNo: input.decision.documentNo.trim() } : null;
      const value: CaseStepValue = { on: input.on, note: input.note, decision, at: at.toISOString(), by: byOf(s) };
      return write(c.id, [{ field: caseStepField(to satisfies StepState), value }], { enterpriseId: c.enterpriseId, path: `case.${c.id}.state`, to: { state: to, on: input.on, decision }, reason: input.note || null }, at, userName, deviceName);
    },

    setViolations(input: ParsedInput<'enforce:caseViolations'>): CaseRecord {
      const { session: s, userName, deviceName } = session();
      const c = get(input.id);
      if (c.state === 'closed') throw refuse('CASE_CLOSED');
      refuseOther(input.violations, input.otherText);
      const at = now();
      const value: CaseViolationsValue = { violations: [...new Set(input.violations)], otherText: input.violations.includes('other') ? input.otherText : '', at: at.toISOString(), by: byOf(s) };
      return write(c.id, [{ field: 'violations', value }], { enterpriseId: c.enterpriseId, path: `case.${c.id}.violations`, to: { violations: value.violations, otherText: value.otherText }, reason: null }, at, userName, deviceName);
    },

    addDocument(input: ParsedInput<'enforce:caseDocument'>): CaseRecord {
      const { session: s, userName, deviceName } = session();
      const c = get(input.id);
      const ev = getEvidence(db, input.evidenceId);
      if (!ev || ev.removedAt !== null || ev.enterpriseId !== c.enterpriseId) {
        throw userError('INVALID_INPUT', '该文件不是此案件企业的材料。', "The file is not one of this case's enterprise's records.", [{ path: 'evidenceId', message: 'NOT_FOUND' }]);
      }
      if (c.docs.some((d) => d.evidenceId === ev.id)) return c;
      const at = now();
      const value: CaseDocValue = { evidenceId: ev.id, docType: input.docType, fileName: ev.fileName.slice(0, 255), sha256: ev.sha256, at: at.toISOString(), by: byOf(s) };
      return write(c.id, [{ field: `doc.${ev.id}`, value }], { enterpriseId: c.enterpriseId, path: `case.${c.id}.doc.${ev.id}`, to: { docType: value.docType, fileName: value.fileName }, reason: null }, at, userName, deviceName);
    },

    transfer(input: ParsedInput<'enforce:caseTransfer'>): CaseRecord {
      const { session: s, userName, deviceName } = session();
      const c = get(input.id);
      if (c.transfers.some((t) => t.target === input.target)) {
        throw userError('RULE_VIOLATION', '此案件已向该机关移送过。', 'The case has been transferred to that body already.', [{ path: 'target', message: 'ALREADY_DONE' }]);
      }
      if (input.on < c.filedOn) throw refuse('DATE_BEFORE_PREVIOUS', 'on');
      const at = now();
      const value: CaseTransferValue = { on: input.on, toName: input.toName, documentNo: input.documentNo, note: input.note, at: at.toISOString(), by: byOf(s) };
      return write(c.id, [{ field: caseTransferField(input.target), value }], { enterpriseId: c.enterpriseId, path: `case.${c.id}.transfer.${input.target}`, to: { toName: value.toName, on: value.on, documentNo: value.documentNo }, reason: null }, at, userName, deviceName);
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
