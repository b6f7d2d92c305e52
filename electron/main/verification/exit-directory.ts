import type { Db } from '@db/open';
import { insertEnterpriseChange, columnsOf, updateEnterpriseAtVersion } from '../directory/enterprise-writes';
import { fieldsOf, getEnterprise } from '../directory/queries';
import { identityChanges, identityOps, recordEnterpriseOps } from '../directory/ops';
import { recomputeFlags } from '../followup/thresholds';
import type { exitReasons } from '@shared/followup/work';
import { AppError } from '@shared/result';

/** Why an enterprise leaves, as the trace row says it. */
export const exitReasonZh: Record<(typeof exitReasons)[number], string> = {
  closed: '关闭',
  suspended: '停业',
  deregistered: '注销',
  revoked: '吊销',
  bankrupt: '破产',
  moved_away: '迁出',
  merged: '合并',
  below_threshold: '低于规上标准',
};

// 已退库: the enterprise leaves the above-size directory (规上 → 规下), so it drops off the 规上
// lists, the 退库 list and the next sample, while its record, ledger, evidence and history stay.
// The enterprise's own sync op carries the change to every laptop; the trace row says why.

export function removeFromAboveSize(tx: Db, enterpriseId: string, profile: { userName: string; deviceName: string }, why: string, at: Date): void {
  const record = getEnterprise(tx, enterpriseId);
  if (!record || record.deletedAt !== null) {
    throw new AppError('NOT_FOUND', `本机没有此企业，不能退库 / Enterprise ${enterpriseId} is not on this computer`, undefined, {
      zh: '这台电脑上没有这家企业的名录记录，不能在此退库。请先同步名录。',
      en: 'This computer does not hold the enterprise; sync the directory first.',
    });
  }
  const stamp = at.toISOString();
  const before = fieldsOf(record);
  const after = { ...before, scale: 'below' as const };
  const changes = identityChanges(before, after);
  if (changes.length > 0) {
    if (!updateEnterpriseAtVersion(tx, enterpriseId, record.version, stamp, columnsOf(after))) {
      throw new AppError('CONFLICT', `企业信息已被修改，请重试 / Enterprise ${enterpriseId} changed while removing it`);
    }
    recordEnterpriseOps(tx, enterpriseId, record.divisionCode, identityOps(before, after), at);
    recomputeFlags(tx, enterpriseId);
  }
  insertEnterpriseChange(tx, { enterpriseId, at: stamp, ...profile, action: 'update', changes, reason: why });
}
