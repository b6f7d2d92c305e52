import type { TaskBoard } from '../tasks/progress';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import { enterpriseHistory, fieldsOf, findLiveByUscc, getEnterprise, liveByOrgCode, liveCodelessEstablishments, liveOrgOnlyByOrgCode, readFlags, toEnterpriseRow, type EnterpriseRecord } from './queries';
import { usccOrgCode } from '@shared/census/identifiers';
import { columnsOf, insertEnterprise, insertEnterpriseChange, updateEnterpriseAtVersion } from './enterprise-writes';
import { ledgerYears } from '../ledger/queries';
import type { EnterpriseChange, EnterpriseDetail, EnterpriseFields, EnterprisePage } from '@shared/directory/directory';
import type { ParsedInput } from '@shared/ipc/contract';
import { AppError } from '@shared/result';
import { checkEnterpriseFields } from './check';
import { recomputeFlags, ruleFor } from '../followup/thresholds';
import { admissionHints, judges } from '@shared/followup/admission-flags';
import { indexFor } from './index-store';
import { identityChanges, identityOps, recordEnterpriseOps } from './ops';
import { requireProfile } from '../registration/service';

// The enterprise directory 辖区企业库 in main: list, detail, create/edit and history.
// Every write is ONE transaction: the enterprise row (version + 1), its trace row (who, when,
// which device, what, why), its sync ops and its recomputed flags.

export interface DirectoryOptions {
  now?: () => Date;
  newId?: () => string;
  /** Where long work reports its progress (imports); none in tests. */
  tasks?: TaskBoard;
}

export function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `没有此企业 / No enterprise ${id}`);
}

/** A live enterprise or NOT_FOUND. */
export function requireEnterprise(db: Pick<AppDatabase, 'select'>, id: string): EnterpriseRecord {
  const r = getEnterprise(db, id);
  if (!r || r.deletedAt !== null) throw notFound(id);
  return r;
}

export function toDetail(db: AppDatabase, r: EnterpriseRecord): EnterpriseDetail {
  const rule = ruleFor(r.industryCode);
  const fields = fieldsOf(r);
  const flags = readFlags(db, r.id);
  return {
    ...toEnterpriseRow(r, flags),
    fields,
    version: r.version,
    createdAt: r.createdAt,
    threshold: rule && { ruleId: rule.id, kind: rule.kind, measure: rule.measure, minRevenue: rule.minRevenue, zh: rule.zh, en: rule.en, judgesUnitKind: judges(rule, fields.unitKind) },
    admissionHints: admissionHints(rule, fields, flags.isMeasureMissing),
    ledgerYears: ledgerYears(db, r.id),
  };
}

export function assertValidFields(fields: EnterpriseFields): void {
  const messages = checkEnterpriseFields(fields);
  if (messages.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      messages.map((m) => `${m.messageZh} / ${m.messageEn}`).join('; '),
      messages.map((m) => ({ path: m.column, message: m.messageZh })),
    );
  }
}

/**
 * One live enterprise per identity: a USCC belongs to one enterprise, and so does an org code —
 * entered for an enterprise without a USCC, or inside a USCC at positions 9–17 (the same
 * organisation, entered once by its org code and now with its USCC: edit that one instead).
 */
export function assertUniqueIdentity(db: Pick<AppDatabase, 'select'>, fields: EnterpriseFields, selfId: string | null): void {
  const conflict = (other: EnterpriseRecord, zh: string, en: string, path: string) => {
    if (other.id !== selfId) throw new AppError('CONFLICT', `${zh}：${other.name} / ${en}`, [{ path, message: other.id }]);
  };
  if (fields.uscc !== '') {
    const byUscc = findLiveByUscc(db, fields.uscc);
    if (byUscc) conflict(byUscc, '统一社会信用代码已在企业库中', 'USCC already in the directory', 'uscc');
    const orgOnly = liveOrgOnlyByOrgCode(db, [usccOrgCode(fields.uscc)]).get(usccOrgCode(fields.uscc));
    if (orgOnly) conflict(orgOnly, '这个统一社会信用代码所含的组织机构代码已属于企业库中的企业（请在该企业信息中补填统一社会信用代码）', 'The organisation code inside this USCC belongs to an enterprise in the directory (add the USCC to that one)', 'uscc');
    return;
  }
  if (fields.orgCode !== '') {
    const byOrg = liveByOrgCode(db, [fields.orgCode]).get(fields.orgCode);
    if (byOrg) conflict(byOrg, '组织机构代码已在企业库中', 'Organisation code already in the directory', 'orgCode');
    return;
  }
  // An 产业活动单位 with no code of its own: unique by its 法人单位 and name (the codes that exist
  // stay unique above; this is the only identity it has).
  const same = liveCodelessEstablishments(db, [fields.parentUscc]).get(`${fields.parentUscc}|${fields.name}`);
  if (same) conflict(same, '该法人单位下已有同名的产业活动单位', 'The legal unit already has an establishment of this name', 'name');
}

export function createDirectoryService(db: AppDatabase, opts: DirectoryOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;

  function get(id: string): EnterpriseDetail {
    return toDetail(db, requireEnterprise(db, id));
  }

  function create(fields: EnterpriseFields, reason: string | null): EnterpriseDetail {
    const profile = requireProfile(db);
    assertValidFields(fields);
    const at = now();
    const stamp = at.toISOString();
    const id = newId();
    db.transaction((tx) => {
      assertUniqueIdentity(tx, fields, null);
      insertEnterprise(tx, { id, ...columnsOf(fields), createdAt: stamp, updatedAt: stamp });
      insertEnterpriseChange(tx, { enterpriseId: id, at: stamp, ...profile, action: 'create', changes: identityChanges(null, fields), reason });
      recordEnterpriseOps(tx, id, fields.divisionCode, identityOps(null, fields), at);
      recomputeFlags(tx, id);
    });
    return get(id);
  }

  function update(id: string, version: number, fields: EnterpriseFields, reason: string | null): EnterpriseDetail {
    const profile = requireProfile(db);
    assertValidFields(fields);
    const at = now();
    const stamp = at.toISOString();
    db.transaction((tx) => {
      const record = requireEnterprise(tx, id);
      if (record.version !== version) {
        throw new AppError('CONFLICT', `企业信息已被修改，请刷新后重试 / Enterprise ${id} is at version ${record.version}, not ${version}`);
      }
      const before = fieldsOf(record);
      const changes = identityChanges(before, fields);
      if (changes.length === 0) return;
      if (fields.uscc !== before.uscc || fields.orgCode !== before.orgCode || fields.parentUscc !== before.parentUscc || fields.name !== before.name) assertUniqueIdentity(tx, fields, id);
      if (!updateEnterpriseAtVersion(tx, id, version, stamp, columnsOf(fields))) {
        throw new AppError('CONFLICT', `企业信息已被修改，请刷新后重试 / Enterprise ${id} changed while saving`);
      }
      insertEnterpriseChange(tx, { enterpriseId: id, at: stamp, ...profile, action: 'update', changes, reason });
      recordEnterpriseOps(tx, id, fields.divisionCode, identityOps(before, fields), at);
      recomputeFlags(tx, id);
    });
    return get(id);
  }

  return {
    list(q: ParsedInput<'enterprises:list'>): EnterprisePage {
      // Rows come from the index too: a page of 200 costs no store read.
      const { rows, total } = indexFor(db).pageRows(q, q.sort, q.direction, q.offset, q.limit);
      return { rows, total, offset: q.offset };
    },
    get,
    save(input: ParsedInput<'enterprises:save'>): EnterpriseDetail {
      const reason = input.reason && input.reason !== '' ? input.reason : null;
      if (input.id === undefined) return create(input.fields, reason);
      if (input.version === undefined) throw new AppError('INVALID_INPUT', 'version is required with id', [{ path: 'version', message: 'required' }]);
      return update(input.id, input.version, input.fields, reason);
    },
    history(id: string): EnterpriseChange[] {
      requireEnterprise(db, id);
      return enterpriseHistory(db, id);
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
