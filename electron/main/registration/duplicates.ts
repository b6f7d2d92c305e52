import type { AppDatabase } from '@db/open';
import { liveUnitsByUscc } from './frame-queries';
import { normaliseIdentifier } from '@shared/census/identifiers';
import type { UnitRef } from '@shared/registration/registration';
import { userError } from '@shared/result';
import { UnitKind, UnitStatus } from '@shared/registration/units';

// Duplicates at the door: before a unit is added by hand, the units already holding its USCC
// are named (units:sameUscc, for the warning with links to them), and main refuses to add
// another unless the user has seen each of them and confirmed — the renderer cannot skip it.

export function sameUscc(db: AppDatabase, uscc: string, excludeId?: string): UnitRef[] {
  const code = normaliseIdentifier(uscc);
  if (code === '') return [];
  return (liveUnitsByUscc(db, [code]).get(code) ?? [])
    .filter((u) => u.id !== excludeId)
    .flatMap((u) => {
      const kind = UnitKind.safeParse(u.kind);
      const status = UnitStatus.safeParse(u.status);
      return kind.success && status.success ? [{ id: u.id, areaCode: u.areaCode, name: u.name, kind: kind.data, status: status.data }] : [];
    });
}

/** Refuses a new unit whose USCC the store holds, unless the user acknowledged each holder. */
export function assertNoUnseenDuplicate(db: AppDatabase, uscc: string, acknowledged: readonly string[]): UnitRef[] {
  const holders = sameUscc(db, uscc);
  const unseen = holders.filter((u) => !acknowledged.includes(u.id));
  if (unseen.length > 0) {
    const list = unseen.map((u) => `${u.name}（${u.areaCode}）`).join('、');
    throw userError(
      'RULE_VIOLATION',
      `本机已有统一社会信用代码相同的单位：${list}。请先核实；确属另一单位时再确认新增。`,
      `A unit with this USCC is already here: ${list}. Check it first; add this one only if it is another unit.`,
      unseen.map((u) => ({ path: 'uscc', message: `DUPLICATE:${u.id}` })),
    );
  }
  return holders;
}
