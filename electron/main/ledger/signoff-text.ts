import { signoffRoles, type MonthSignatures, type SignoffRole } from '@shared/ledger/signoff';

// The note a change of a signed month carries in the enterprise's trace, after the reason given:
// who had signed the month and when, as it stood at the change. Written out in the trace row
// itself (not looked up later), since a month can be signed again afterwards.

const roleZh: Record<SignoffRole, string> = { statisticsHead: '统计负责人', unitHead: '单位负责人' };

export function signoffText(year: number, months: readonly number[], signatures: ReadonlyMap<number, MonthSignatures>): string {
  const parts = months.map((m) => {
    const s = signatures.get(m);
    const who = signoffRoles.flatMap((r) => {
      const sig = s?.[r];
      return sig ? [`${roleZh[r]} ${sig.name} ${sig.date} 签字`] : [];
    });
    return `${year}年${m}月：${who.join('，')}`;
  });
  return `（修改时该月已签字 — ${parts.join('；')}）`;
}
