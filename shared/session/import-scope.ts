import { z } from 'zod';

// Which rows an import may write on this laptop, by area. The server refuses any entity whose
// area is outside the account's areas (OUT_OF_SCOPE), so an import that wrote such rows would
// only have them refused at the next sync. 'unknown': no account has logged in yet, nothing is
// known to check against; 'all': the bureau, never restricted; 'areas': the account's areas.

export const ImportScope = z.object({
  kind: z.enum(['unknown', 'all', 'areas']),
  /** For 'areas': each area's code (a prefix of the codes inside it) and its name ('' if unknown). */
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type ImportScope = z.infer<typeof ImportScope>;

/** Whether a division or 普查小区 code may be written under this scope. */
export function isWithinScope(code: string, scope: ImportScope): boolean {
  if (scope.kind !== 'areas') return true;
  return scope.areas.some((a) => code.startsWith(a.code));
}

const areaText = (a: { code: string; name: string }, sep: string) => (a.name === '' ? a.code : `${a.name}${sep}${a.code}`);

/** The reason a row outside the scope is skipped, naming the user's areas by name and code. */
export function outsideScopeMessage(scope: ImportScope): { messageZh: string; messageEn: string } {
  const zh = scope.areas.length === 0 ? '（尚未分配）' : scope.areas.map((a) => areaText(a, ' ')).join('、');
  const en = scope.areas.length === 0 ? 'none assigned yet' : scope.areas.map((a) => areaText(a, ' ')).join(', ');
  return {
    messageZh: `不在您负责的区域内（您负责：${zh}），不导入`,
    messageEn: `Outside your areas (yours: ${en}); not imported`,
  };
}
