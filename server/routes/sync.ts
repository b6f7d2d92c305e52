import { z } from 'zod';
import { ConflictQuery, SnapshotRequest, VerifyRequest } from '@shared/sync/api';
import { differingBuckets } from '@shared/sync/checksum';
import { PullRequest } from '@shared/sync/protocol';
import { authenticate, type Handler, parseBody, requireFreshClient } from '../context';
import { readBody } from '../http/body';
import { HttpError } from '../http/errors';
import type { SnapshotCursor, SnapshotFilter } from '../store/types';
import { nextMaxOps } from '../sync/batch-hint';
import { bodyWithChanges } from '../sync/wire';

// POST /sync/push, /sync/pull, /sync/snapshot, /sync/verify and GET /sync/conflicts.

const viewerOf = (caller: Awaited<ReturnType<typeof authenticate>>) => ({
  scope: caller.scope,
  // Enumerators follow their own races; supervisors, township staff and admins all in scope.
  onlyUserId: caller.user.role === 'enumerator' ? caller.user.id : null,
});

export const push: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  const body = await ctx.services.pushBodies.read(await readBody(ctx.req, ctx.bodyLimit), { userId: caller.user.id, role: caller.user.role });
  if (!body.ok) throw new HttpError(body.code, body.message);
  const input = body.request;
  const pushers = ctx.services.pushers;
  pushers.touch(caller.device.id);
  const foreign = input.ops.find((op) => op.deviceId !== caller.device.id);
  if (input.deviceId !== caller.device.id || foreign) {
    throw new HttpError('DEVICE_MISMATCH', `ops of device ${foreign?.deviceId ?? input.deviceId} pushed with the token of ${caller.device.id}`);
  }
  const result = await ctx.services.store.push(
    {
      userId: caller.user.id,
      userName: caller.user.name,
      role: caller.user.role,
      deviceId: caller.device.id,
      scope: caller.scope,
      receivedAt: ctx.serverTime,
    },
    input.ops,
    body.checks,
  );
  pushers.touch(caller.device.id);
  return { body: { ...result, nextMaxOps: nextMaxOps(input.ops.length, ctx.services.config.pushBudgetOps, pushers.count()) } };
};

export const pull: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  requireFreshClient(ctx);
  const input = await parseBody(ctx, PullRequest);
  const page = await ctx.services.store.pull(caller.scope, input.cursor, input.limit, ctx.services.config.maxPageBytes);
  const known = input.scope;
  const scopeAdded = known ? caller.prefixes.filter((p) => !known.includes(p)) : [];
  const scopeRemoved = known ? known.filter((p) => !caller.prefixes.includes(p)) : [];
  const rest = {
    cursor: page.cursor,
    hasMore: page.hasMore,
    scope: caller.prefixes,
    scopeChanged: scopeAdded.length + scopeRemoved.length > 0,
    scopeAdded,
    scopeRemoved,
    openConflicts: await ctx.services.store.countOpenConflicts(viewerOf(caller)),
  };
  return { body: bodyWithChanges(page.changes, rest) };
};

const PageToken = z.object({
  after: z.tuple([z.string(), z.string(), z.string(), z.string()]),
  asOf: z.number().int().nonnegative(),
});

function decodePage(page: string | undefined): SnapshotCursor | null {
  if (page === undefined) return null;
  try {
    return PageToken.parse(JSON.parse(Buffer.from(page, 'base64url').toString('utf8')));
  } catch {
    throw new HttpError('INVALID_INPUT', 'page: not a page token from this server');
  }
}

const encodePage = (cursor: SnapshotCursor | null): string | null =>
  cursor === null ? null : Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

export const snapshot: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  requireFreshClient(ctx);
  const input = await parseBody(ctx, SnapshotRequest);
  const filter: SnapshotFilter =
    input.areaPrefix !== undefined
      ? { kind: 'area', prefix: input.areaPrefix }
      : input.buckets !== undefined
        ? { kind: 'buckets', buckets: input.buckets }
        : { kind: 'entities', entityIds: input.entityIds ?? [] };
  const page = await ctx.services.store.snapshot(caller.scope, filter, decodePage(input.page), input.limit, ctx.services.config.maxPageBytes);
  const rest = { entityIds: page.entityIds, asOf: page.asOf, nextPage: encodePage(page.next) };
  return { body: bodyWithChanges(page.changes, rest) };
};

export const verify: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  requireFreshClient(ctx);
  const input = await parseBody(ctx, VerifyRequest);
  const { checksum: sum, asOf } = await ctx.services.store.checksum(caller.scope);
  const isMatch = input.total === undefined ? null : input.total === sum.total;
  return {
    body: {
      total: sum.total,
      count: sum.count,
      asOf,
      isMatch,
      buckets: isMatch === true ? {} : sum.buckets,
      differingBuckets: input.buckets && isMatch !== true ? differingBuckets(sum.buckets, input.buckets) : [],
    },
  };
};

export const conflicts: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  requireFreshClient(ctx);
  const parsed = ConflictQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) throw new HttpError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'bad query');
  const list = await ctx.services.store.listConflicts(viewerOf(caller), parsed.data);
  const last = list.at(-1);
  return {
    body: { conflicts: list, nextAfter: list.length === parsed.data.limit && last ? last.incoming.gseq : null },
  };
};
