import { BranchRequest, ForkRequestCreate, type ForkRequestView } from '@shared/sync/fork';
import type { Caller } from '../auth/service';
import { authenticate, type Handler, parseBody } from '../context';
import { HttpError } from '../http/errors';
import type { ForkRequestRecord } from '../store/types';

// A forked laptop chain and its branch (shared/sync/fork.ts): POST /sync/fork-requests,
// GET /sync/fork-requests/<id>, POST /auth/branch. Every step is logged with who and which
// devices; the bureau decides in between with `census admin approve-fork` (server/admin/forks.ts).

const view = (r: ForkRequestRecord, username: string): ForkRequestView => ({ ...r, username });

/** The request, when it is the caller's own (asked by its device, or the branch it became). */
async function ownRequest(ctx: Parameters<Handler>[0], caller: Caller, id: string): Promise<ForkRequestRecord> {
  const request = await ctx.services.store.findForkRequest(id);
  const isOwn = request !== null && request.userId === caller.user.id && (request.deviceId === caller.device.id || request.newDeviceId === caller.device.id);
  // Someone else's request answers exactly like none: ids reveal nothing.
  if (!request || !isOwn) throw new HttpError('NOT_FOUND', `no fork request ${id}`);
  return request;
}

export const createForkRequest: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  const input = await parseBody(ctx, ForkRequestCreate);
  const { store, config } = ctx.services;
  if (input.deviceId !== caller.device.id) {
    throw new HttpError('DEVICE_MISMATCH', `a fork request for ${input.deviceId} asked with the token of ${caller.device.id}`);
  }
  if (input.newDeviceId === input.deviceId || (await store.findDevice(input.newDeviceId)) !== null) {
    throw new HttpError('DEVICE_IN_USE', 'the new device id is already registered: generate another');
  }
  const held = await store.lastOp(caller.device.id);
  const request = await store.openForkRequest({
    userId: caller.user.id,
    deviceId: caller.device.id,
    newDeviceId: input.newDeviceId,
    forkSeq: input.forkSeq,
    pending: input.pending,
    serverSeq: held.seq,
    requestedAt: ctx.serverTime,
  });
  config.log(
    `fork request ${request.id} (${request.status}): user ${caller.user.username}, device ${caller.device.id} parted at seq ${input.forkSeq} ` +
      `(server holds ${held.seq}), ${input.pending} ops wait, branch device ${request.newDeviceId}`,
  );
  return { body: { request: view(request, caller.user.username) } };
};

export const getForkRequest: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  const request = await ownRequest(ctx, caller, decodeURIComponent(ctx.params[0] ?? ''));
  return { body: { request: view(request, caller.user.username) } };
};

export const branch: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  const input = await parseBody(ctx, BranchRequest);
  const { store, auth, config } = ctx.services;
  const request = await ownRequest(ctx, caller, input.requestId);
  if (request.deviceId !== caller.device.id) throw new HttpError('NOT_FOUND', `no fork request ${input.requestId}`);
  // Completed but the laptop never heard the answer (it asks with the old device again): it
  // may take tokens once more, as long as the branch has not started its chain.
  const isRetake = request.status === 'completed' && (await store.lastOp(request.newDeviceId)).seq === 0;
  if (request.status !== 'approved' && !isRetake) {
    throw new HttpError('FORBIDDEN', `fork request ${request.id} is ${request.status}: the bureau must approve it first`);
  }
  const tokens = await auth.issueBranch(caller, request.newDeviceId, `${caller.device.name} (branch ${request.id})`.slice(0, 100), ctx.appVersion);
  await store.completeForkRequest(request.id, ctx.serverTime);
  config.log(`fork request ${request.id}: user ${caller.user.username} moved from device ${caller.device.id} to branch device ${request.newDeviceId}`);
  return { body: tokens };
};
