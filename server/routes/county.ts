import type { CountyCheckResponse } from '@shared/registration/county-check';
import { authenticate, type Handler, requireFreshClient } from '../context';

// GET /registration/county-check: the bureau's county-wide check (查重, 法人 ↔ 产业活动单位 links)
// for the units in the caller's scope, decided over every unit of the county. A caller learns the
// names and areas only of units sharing one of its own units' USCCs, or naming one of its 法人
// as their parent (server/store/sqlite/county.ts); never their figures. ?asOf= the answer the
// laptop holds: while nothing changed on the server since, the answer is `unchanged`, empty.
export const countyCheck: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  requireFreshClient(ctx);
  const computedAt = new Date(ctx.services.config.now()).toISOString();
  const known = ctx.url.searchParams.get('asOf');
  const { asOf, gseq, findings } = await ctx.services.store.countyCheck(caller.scope, known === null || known.length > 100 ? null : known);
  return { body: { computedAt, asOf, gseq, unchanged: findings === null, findings: findings ?? [] } satisfies CountyCheckResponse };
};
