import type { AppDatabase } from '@db/open';
import { industryByCode, industryDivision, isInCensusScope } from '@shared/codes/industry';
import { primaryFormId } from '@shared/forms/unit-forms';
import type { ParsedInput } from '@shared/ipc/contract';
import { UnitKind, UnitStatus } from '@shared/registration/units';
import { industryCodingBasis, isIndustryCodable } from '@shared/review/industry-coding';
import { AppError } from '@shared/result';
import { identityFromForms } from '../registration/forms';
import { evaluateLoaded, findingColumns, loadUnit } from '../registration/unit';
import { recordUnitWrite } from '../registration/unit-ops';
import { insertChange, updateUnitAtVersion } from '../registration/unit-writes';
import { getUnit } from '../registration/units-queries';
import { attribution, requirePermission } from '../session/roles';
import { authorOf, recordReviewEvent } from './events';

// 行业代码 coded by the office during review (shared/review/industry-coding.ts). One transaction:
// the unit's answer and industry column (version + 1, its field ops: a concurrent edit of the
// same item on the enumerator's laptop meets this one as a same-field conflict on the server,
// never a silent overwrite), the re-run findings, a trace row with its basis, and a 'code'
// review event, which travels, so the enumerator's laptop shows who coded it, from what, and why.
// The status stays: coding is not a review decision.

const ITEM = 'industryCode';

function refuse(message: string): never {
  throw new AppError('INVALID_INPUT', message, [{ path: 'industryCode', message }]);
}

/** Codes the unit's 行业代码; returns the unit's version after it (unchanged when the code already stood). */
export function codeIndustry(db: AppDatabase, input: ParsedInput<'review:codeIndustry'>, at: Date): number {
  const session = requirePermission(db, 'review.codeIndustry');
  const who = attribution(db, session);
  const code = input.industryCode;
  const entry = industryByCode(code);
  if (!entry || entry.level !== 4) refuse(`${code} 不是 GB/T 4754-2017 的小类代码 / ${code} is not a GB/T 4754-2017 class`);
  if (!isInCensusScope(code)) {
    refuse(`${code}（${entry.name}）属于第 ${industryDivision(code) ?? ''} 大类，不在经济普查范围内（01–04 大类除外） / Division ${industryDivision(code) ?? ''} is outside the economic census (01–04)`);
  }
  const stamp = at.toISOString();
  return db.transaction((tx) => {
    const record = getUnit(tx, input.unitId);
    if (!record) throw new AppError('NOT_FOUND', `没有此单位 / No unit ${input.unitId}`);
    if (record.version !== input.version) {
      throw new AppError('CONFLICT', `单位已被修改，请刷新后重试 / Unit ${input.unitId} is at version ${record.version}, not ${input.version}`);
    }
    const status = UnitStatus.parse(record.status);
    if (!isIndustryCodable(status)) {
      throw new AppError('RULE_VIOLATION', `只能在审核中为已提交、已通过或已验收的单位编码 / Only a submitted, approved or accepted unit is coded in review (this one is ${status})`);
    }
    const unit = loadUnit(tx, record);
    const formId = primaryFormId(UnitKind.parse(record.kind));
    const current = unit.forms[formId]?.[ITEM];
    const from = typeof current === 'string' && current !== '' ? current : null;
    if (from === code) return record.version;
    const forms = { ...unit.forms, [formId]: { ...unit.forms[formId], [ITEM]: code } };
    const evaluation = evaluateLoaded(db, unit, forms, at);
    const identity = identityFromForms(unit.kind, forms, record);
    const patch = { data: JSON.stringify(forms), industryCode: identity.industryCode, ...findingColumns(evaluation) };
    if (!updateUnitAtVersion(tx, record.id, record.version, stamp, patch)) {
      throw new AppError('CONFLICT', `单位已被修改，请刷新后重试 / Unit ${input.unitId} changed while saving`);
    }
    recordUnitWrite(tx, record.id, record, at);
    const note = input.note === undefined || input.note === '' ? null : input.note;
    const path = `${formId}.${ITEM}`;
    recordReviewEvent(tx, record, { kind: 'code', at: stamp, by: authorOf(session), path, from, to: code, note }, at);
    insertChange(tx, {
      unitId: record.id,
      at: stamp,
      ...who,
      action: 'code_industry',
      changes: [{ path, from, to: code }],
      reason: [industryCodingBasis, `${code} ${entry.name}`, note].filter((s): s is string => s !== null).join(' · '),
    });
    return record.version + 1;
  });
}
