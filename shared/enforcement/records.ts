import { z } from 'zod';
import { caseStates, PenaltyKind, TransferTarget, ViolationType, type CaseState } from './case-machine';
import {
  CaseCreateValue,
  caseDocFieldPattern,
  caseDocTypes,
  CaseDocValue,
  CaseStepValue,
  CaseTransferValue,
  caseTransferFieldPattern,
  CaseViolationsValue,
  InspectorCardValue,
  InspectorCreateValue,
  relatedFieldPattern,
  RelatedValue,
  stepStates,
  type ByValue,
} from './sync-fields';
import type { Inspector } from './roster';

// A roster entry and a case as the screens show them, folded from their synced fields (the
// same fold runs after a local write and after a pull, so both show the same thing). History is
// every step's field with who and when; values replaced are kept in the op log.

type Fields = ReadonlyMap<string, unknown>;

export function inspectorFromFields(id: string, fields: Fields): Inspector | null {
  const created = InspectorCreateValue.safeParse(fields.get('$create'));
  if (!created.success) return null;
  const card = InspectorCardValue.safeParse(fields.get('card'));
  const c = card.success ? card.data : created.data;
  const related: Inspector['related'] = [];
  for (const [field, value] of fields) {
    const m = relatedFieldPattern.exec(field);
    const r = m ? RelatedValue.safeParse(value) : null;
    if (m?.[1] && r?.success && r.data.removed === null) related.push({ enterpriseId: m[1], enterpriseName: r.data.enterpriseName, reason: r.data.reason, at: r.data.at, by: r.data.by.name });
  }
  related.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    id,
    name: c.name,
    certNo: c.certNo,
    validFrom: c.validFrom,
    validTo: c.validTo,
    unit: c.unit,
    related,
    createdAt: created.data.at,
    createdBy: created.data.by.name,
    updatedAt: c.at,
    updatedBy: c.by.name,
  };
}

const ByWire = z.object({ userId: z.string().nullable(), name: z.string() });

export const CaseStepView = z.object({
  state: z.enum(caseStates),
  on: z.string(),
  note: z.string(),
  decision: z.object({ penalties: z.array(PenaltyKind), fineYuan: z.number().nullable(), documentNo: z.string() }).nullable(),
  at: z.string(),
  by: ByWire,
});
export type CaseStepView = z.infer<typeof CaseStepView>;

export const CaseRecord = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  divisionCode: z.string(),
  drawId: z.string().nullable(),
  caseNo: z.string(),
  filedOn: z.string(),
  state: z.enum(caseStates),
  violations: z.array(ViolationType),
  otherText: z.string(),
  note: z.string(),
  /** Every step taken, 立案 first. */
  steps: z.array(CaseStepView),
  docs: z.array(z.object({ evidenceId: z.string(), docType: z.enum(caseDocTypes), fileName: z.string(), sha256: z.string(), at: z.string(), by: ByWire })),
  transfers: z.array(z.object({ target: TransferTarget, on: z.string(), toName: z.string(), documentNo: z.string(), note: z.string(), at: z.string(), by: ByWire })),
  /** Changes to the violation types after 立案. */
  violationEdits: z.array(z.object({ violations: z.array(ViolationType), otherText: z.string(), at: z.string(), by: ByWire })),
  createdAt: z.string(),
  createdBy: ByWire,
});
export type CaseRecord = z.infer<typeof CaseRecord>;

const byAt = <T extends { at: string }>(a: T, b: T): number => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

export function caseFromFields(id: string, fields: Fields): CaseRecord | null {
  const created = CaseCreateValue.safeParse(fields.get('$create'));
  if (!created.success) return null;
  const c = created.data;
  const steps: CaseStepView[] = [{ state: 'filed', on: c.filedOn, note: c.note, decision: null, at: c.at, by: c.by }];
  let state: CaseState = 'filed';
  for (const s of stepStates) {
    const v = CaseStepValue.safeParse(fields.get(`step.${s}`));
    if (!v.success) continue;
    steps.push({ state: s, ...v.data });
    state = s;
  }
  const edit = CaseViolationsValue.safeParse(fields.get('violations'));
  const docs: CaseRecord['docs'] = [];
  const transfers: CaseRecord['transfers'] = [];
  for (const [field, value] of fields) {
    if (caseDocFieldPattern.test(field)) {
      const d = CaseDocValue.safeParse(value);
      if (d.success) docs.push(d.data);
    }
    const t = caseTransferFieldPattern.exec(field);
    if (t?.[1]) {
      const v = CaseTransferValue.safeParse(value);
      const target = TransferTarget.safeParse(t[1]);
      if (v.success && target.success) transfers.push({ target: target.data, ...v.data });
    }
  }
  return {
    id,
    enterpriseId: c.enterpriseId,
    enterpriseName: c.enterpriseName,
    uscc: c.uscc,
    divisionCode: c.areaCode,
    drawId: c.drawId,
    caseNo: c.caseNo,
    filedOn: c.filedOn,
    state,
    violations: edit.success ? edit.data.violations : c.violations,
    otherText: edit.success ? edit.data.otherText : c.otherText,
    note: c.note,
    steps,
    docs: docs.sort(byAt),
    transfers: transfers.sort(byAt),
    violationEdits: edit.success ? [{ violations: edit.data.violations, otherText: edit.data.otherText, at: edit.data.at, by: edit.data.by }] : [],
    createdAt: c.at,
    createdBy: c.by,
  };
}

/** The decision of a case, once decided. */
export const decisionOf = (r: Pick<CaseRecord, 'steps'>): CaseStepView['decision'] => r.steps.find((s) => s.state === 'decided')?.decision ?? null;

export type { ByValue };
