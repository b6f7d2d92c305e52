import type { AppDatabase } from '@db/open';
import { targetId, type Target, type TargetList, type TargetSet } from '@shared/analysis/targets';
import { can } from '@shared/session/roles';
import { userError } from '@shared/result';
import type { JsonValue } from '@shared/sync/protocol';
import { childDivisions, divisionNamesOf } from '../divisions/queries';
import { attribution, requirePermission } from '../session/roles';
import { getSettings } from '../session/settings-queries';
import { recordOps } from '../sync/outbox';
import { areaOf } from './service';
import { getTarget, putTarget, targetsOfYear, toTarget } from './target-queries';

// The bureau's yearly growth targets: set per area (the district or a township) and headline
// line, each change one transaction with its sync op ('analysisTarget'); read by every account
// that sees the analysis, for its own area.

export function listTargets(db: AppDatabase, year: number): TargetList {
  const session = requirePermission(db, 'reports.export');
  const area = areaOf(session);
  const regionCode = getSettings(db).regionCode;
  const rows = targetsOfYear(db, year).filter((t) => area.isDistrict || area.townships.includes(t.areaCode));
  const townships = area.isDistrict ? (regionCode ? childDivisions(db, regionCode).map((d) => ({ code: d.code, name: d.name })) : []) : [];
  const names = divisionNamesOf(db, area.isDistrict ? (regionCode ? [regionCode] : []) : area.townships);
  const areas = area.isDistrict
    ? [...(regionCode ? [{ code: regionCode, name: names.get(regionCode) ?? regionCode }] : []), ...townships]
    : area.townships.map((code) => ({ code, name: names.get(code) ?? code }));
  return { year, targets: rows.map(toTarget), canEdit: can(session.role, 'analysis.targets'), areas };
}

export function setTarget(db: AppDatabase, input: TargetSet, now: Date): Target {
  const session = requirePermission(db, 'analysis.targets');
  const who = attribution(db, session);
  const regionCode = getSettings(db).regionCode;
  if (regionCode === '' || !input.areaCode.startsWith(regionCode)) {
    throw userError('INVALID_INPUT', `目标只能设在本区（${regionCode || '未设置区划'}）及其乡镇`, 'Targets are set for this district and its townships', [{ path: 'areaCode', message: 'OUT_OF_DISTRICT' }]);
  }
  const [profession = '', indicator = ''] = input.line.split('.');
  const id = targetId(input.year, input.areaCode, input.line);
  const stamp = now.toISOString();
  db.transaction((tx) => {
    const before = getTarget(tx, id);
    if (!before) {
      putTarget(tx, { id, areaCode: input.areaCode, year: input.year, profession, indicator, targetTenths: input.targetTenths, note: input.note, createdBy: who.userName, createdAt: stamp, updatedBy: who.userName, updatedAt: stamp });
      const value: JsonValue = { areaCode: input.areaCode, year: input.year, profession, indicator, createdBy: who.userName, createdAt: stamp, fields: { targetTenths: input.targetTenths, note: input.note } };
      recordOps(tx, [{ entity: 'analysisTarget', entityId: id, areaCode: input.areaCode, field: '$create', value }], now);
      return;
    }
    const changes: { field: 'targetTenths' | 'note'; value: JsonValue }[] = [];
    if (before.targetTenths !== input.targetTenths) changes.push({ field: 'targetTenths', value: input.targetTenths });
    if (before.note !== input.note) changes.push({ field: 'note', value: input.note });
    if (changes.length === 0) return;
    putTarget(tx, { ...before, targetTenths: input.targetTenths, note: input.note, updatedBy: who.userName, updatedAt: stamp });
    recordOps(tx, changes.map((c) => ({ entity: 'analysisTarget' as const, entityId: id, areaCode: input.areaCode, field: c.field, value: c.value })), now);
  });
  const row = getTarget(db, id);
  if (!row) throw new Error(`target ${id} not written`);
  return toTarget(row);
}
