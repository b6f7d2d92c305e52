import { z } from 'zod';
import { PackRefText } from '@shared/packs/server-api';
import { authenticate, type Handler, parseBody, requireFreshClient } from '../context';
import { packInfo, publishPack } from '../forms/publish';
import { HttpError } from '../http/errors';
import { JsonPieces } from '../http/respond';

// Form packs (shared/packs): laptops ask for the current pack on every sync and fetch any
// version a unit names (every version stays available); the bureau publishes (admins only).
// GET /forms/current · GET /forms/packs · GET /forms/packs/<ref> · POST /forms/packs.

export const currentPack: Handler = async (ctx) => {
  await authenticate(ctx);
  requireFreshClient(ctx);
  const current = await ctx.services.store.currentPack();
  return { body: { current: current ? packInfo(current) : null } };
};

export const listPacks: Handler = async (ctx) => {
  await authenticate(ctx);
  requireFreshClient(ctx);
  const packs = await ctx.services.store.listPacks();
  return { body: { packs: packs.map((p) => ({ ...packInfo({ ...p, bodyJson: '' }), isCurrent: p.isCurrent })) } };
};

export const packDocument: Handler = async (ctx) => {
  await authenticate(ctx);
  requireFreshClient(ctx);
  const ref = PackRefText.safeParse(decodeURIComponent(ctx.params[0] ?? ''));
  if (!ref.success) throw new HttpError('INVALID_INPUT', 'not a pack ref (id@version)');
  const pack = await ctx.services.store.findPack(ref.data);
  if (!pack) throw new HttpError('NOT_FOUND', `没有表式包 ${ref.data} / no form pack ${ref.data}`);
  // The document goes out as stored: it was checked and hashed when it was published.
  const body = pack.bodyJson;
  return {
    body: new JsonPieces((extra) => {
      const rest = JSON.stringify(extra).slice(1, -1);
      return [`{"pack":${body}${rest === '' ? '' : `,${rest}`}}`];
    }, body.length),
  };
};

const PublishRequest = z.object({ pack: z.unknown() });

export const publish: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  if (caller.user.role !== 'admin') {
    throw new HttpError('FORBIDDEN', '只有区统计局（管理员）可以发布表式 / only the bureau (admin) may publish forms');
  }
  const { pack } = await parseBody(ctx, PublishRequest);
  const { store, config } = ctx.services;
  const result = await publishPack(store, pack, { by: caller.user.username, at: ctx.serverTime });
  if (!result.ok) {
    const { refusal } = result;
    config.log(`form pack refused for ${caller.user.username}: ${refusal.code} ${refusal.message}`);
    const status = refusal.code === 'CONFLICTING_VERSION' ? 409 : 422;
    return { status, body: { error: { code: 'INVALID_INPUT', message: refusal.message }, refusal } };
  }
  if (result.outcome !== 'unchanged') {
    config.log(`form pack ${result.pack.ref} is current (${result.outcome}) by ${caller.user.username}; was ${result.previous}; ${result.changes.length} change(s)`);
  }
  return {
    body: { outcome: result.outcome, pack: packInfo(result.pack), previous: result.previous, changes: result.changes },
  };
};
