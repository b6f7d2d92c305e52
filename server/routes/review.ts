import type { TeamMember } from '@shared/review/review';
import { authenticate, type Handler, requireFreshClient } from '../context';

// GET /review/team: who works where, for progress per enumerator and the review
// queue's enumerator filter. A caller sees the users whose assigned areas overlap its own
// (a supervisor: the enumerators under its 普查区 and itself) and the bureau's staff, whose
// decisions (验收, returns) reach every laptop and must be attributable by name; the bureau
// sees everyone.

const overlaps = (a: readonly string[], b: readonly string[]): boolean =>
  a.some((p) => b.some((q) => p.startsWith(q) || q.startsWith(p)));

export const team: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  requireFreshClient(ctx);
  const { store } = ctx.services;
  const users: TeamMember[] = [];
  for (const user of await store.listUsers()) {
    const areas = user.role === 'admin' ? [''] : await store.prefixesOf(user.id);
    const isVisible = caller.scope.isAll || user.id === caller.user.id || user.role === 'admin' || overlaps(areas, caller.prefixes);
    if (isVisible) users.push({ id: user.id, username: user.username, name: user.name, role: user.role, areas });
  }
  return { body: { users } };
};
