import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ATTACHMENT_COMPLETE_HEADER, SERVER_TIME_HEADER, UPLOAD_OFFSET_HEADER } from '@shared/sync/api';
import { Sha256Hex } from '@shared/sync/protocol';
import { StorageError } from '../attachments/store';
import type { Caller } from '../auth/service';
import { authenticate, type Handler, type RequestContext } from '../context';
import { readBody } from '../http/body';
import { HttpError } from '../http/errors';

// PUT/HEAD/GET /attachments/<sha256>. Uploads are resumable: HEAD says how many bytes
// the server holds for the caller, PUT ?offset=N&size=TOTAL appends one chunk at exactly that
// offset to the caller's own partial upload (no one else can append to it or destroy it).
//
// Who may read a complete file: its uploader, admins, and whoever may see an entity that
// references it (server/sync/references.ts, by the entity's current scope). To anyone else the
// server answers as if it held no such file: HEAD reports their own upload's progress, GET 404.
//
// Where the files live is the attachment store's business (attachments/store.ts: a folder or an
// object store); each chunk's check-then-write runs under the attachment lock, which holds
// across server processes when they share the store. A store that is full or unreachable
// answers 507 STORAGE_FULL / 503 STORAGE_UNAVAILABLE: the chunk is refused, the upload keeps
// what it had and resumes later.

function shaOf(ctx: RequestContext): string {
  const parsed = Sha256Hex.safeParse(ctx.params[0]);
  if (!parsed.success) throw new HttpError('NOT_FOUND', 'attachments are named by their lower-case sha256');
  return parsed.data;
}

const UploadQuery = z.object({
  offset: z.coerce.number().int().nonnegative(),
  size: z.coerce.number().int().positive(),
});

async function mayRead(ctx: RequestContext, caller: Caller, sha: string): Promise<boolean> {
  if (caller.user.role === 'admin') return true;
  const record = await ctx.services.store.findAttachment(sha);
  if (record?.uploadedBy === caller.user.id) return true;
  return ctx.services.store.isAttachmentInScope(sha, caller.scope);
}

/** What the caller may know of `sha`: the complete file when they may read it, else their own upload. */
async function visibleStatus(ctx: RequestContext, caller: Caller, sha: string): Promise<{ received: number; isComplete: boolean }> {
  const { files } = ctx.services;
  const size = await files.completeSize(sha);
  if (size !== null && (await mayRead(ctx, caller, sha))) return { received: size, isComplete: true };
  return { received: (await files.partialStatus(caller.user.id, sha)).received, isComplete: false };
}

/** A store failure as the answer a laptop can act on (retry later), logged for the bureau. */
async function refusingStorage<T>(ctx: RequestContext, fn: () => Promise<T>, heldBefore?: () => number | undefined): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof StorageError)) throw e;
    ctx.services.config.log(`attachment storage ${ctx.services.files.description}: ${e.message}`);
    const held = heldBefore?.();
    const keeps = held === undefined ? '' : `; your upload keeps its ${held} bytes`;
    const headers = held === undefined ? {} : { headers: { [UPLOAD_OFFSET_HEADER]: String(held) } };
    if (e.kind === 'full') {
      throw new HttpError('STORAGE_FULL', `the server's attachment storage is full${keeps}: try again later`, { retryAfterSeconds: 3600, ...headers });
    }
    throw new HttpError('STORAGE_UNAVAILABLE', `the server cannot reach its attachment storage${keeps}: try again later`, { retryAfterSeconds: 60, ...headers });
  }
}

export const headAttachment: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  const status = await refusingStorage(ctx, () => visibleStatus(ctx, caller, shaOf(ctx)));
  ctx.res.writeHead(200, {
    [UPLOAD_OFFSET_HEADER]: String(status.received),
    [ATTACHMENT_COMPLETE_HEADER]: status.isComplete ? '1' : '0',
    [SERVER_TIME_HEADER]: ctx.serverTime,
    'cache-control': 'no-store',
  });
  ctx.res.end();
  return null;
};

export const putAttachment: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  const sha = shaOf(ctx);
  const query = UploadQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!query.success) throw new HttpError('INVALID_INPUT', 'PUT /attachments/<sha>?offset=N&size=TOTAL');
  const { offset, size } = query.data;
  const { files, attachmentLock, config, store } = ctx.services;
  if (size > config.maxAttachmentBytes) {
    throw new HttpError('PAYLOAD_TOO_LARGE', `attachments are at most ${config.maxAttachmentBytes} bytes`);
  }
  if (size > config.maxPartialBytesPerUser) {
    throw new HttpError('UPLOAD_QUOTA', `unfinished uploads may hold at most ${config.maxPartialBytesPerUser} bytes per user`);
  }
  const chunk = await readBody(ctx.req, config.maxBodyBytes);
  const user = caller.user.id;
  let heldBefore: number | undefined;
  const locked = () => attachmentLock.withLock(`attachment:${sha}`, async () => {
    const visible = await visibleStatus(ctx, caller, sha);
    if (visible.isComplete) {
      // Also heals a crash between moving the file into place and recording it.
      if (!(await store.findAttachment(sha))) {
        await store.saveAttachment({ sha256: sha, size: visible.received, uploadedBy: user, completedAt: ctx.serverTime });
      }
      return visible;
    }
    const before = await files.partialStatus(user, sha);
    heldBefore = before.received;
    if (offset !== before.received) {
      throw new HttpError('OFFSET_MISMATCH', `the server holds ${before.received} bytes`, {
        headers: { [UPLOAD_OFFSET_HEADER]: String(before.received) },
      });
    }
    if (offset + chunk.length > size) throw new HttpError('INVALID_INPUT', `chunk runs past size ${size}`);
    const held = await files.partialsOf(user);
    if (!before.exists && held.count >= config.maxPartialsPerUser) {
      throw new HttpError('TOO_MANY_UPLOADS', `you have ${held.count} unfinished uploads, the most allowed: finish them first (abandoned ones are removed after a week)`, {
        retryAfterSeconds: 3600,
      });
    }
    if (held.bytes + chunk.length > config.maxPartialBytesPerUser) {
      throw new HttpError('UPLOAD_QUOTA', `your unfinished uploads would hold more than ${config.maxPartialBytesPerUser} bytes: finish them first`);
    }
    const received = chunk.length > 0 ? await files.append(user, sha, chunk, offset) : before.received;
    // From here a failure (completing) leaves the chunk stored: the laptop resumes from there.
    heldBefore = received;
    if (received < size) return { received, isComplete: false };
    if (!(await files.complete(user, sha))) {
      throw new HttpError('HASH_MISMATCH', 'the uploaded bytes do not hash to the name; upload again from 0');
    }
    // The first to complete a file is its uploader; a later one proved they hold the same bytes.
    await store.saveAttachment({ sha256: sha, size, uploadedBy: user, completedAt: ctx.serverTime });
    return { received, isComplete: true };
  });
  const status = await refusingStorage(ctx, locked, () => heldBefore);
  return {
    body: { sha256: sha, size: status.isComplete ? status.received : size, ...status },
    headers: { [UPLOAD_OFFSET_HEADER]: String(status.received) },
  };
};

export const getAttachment: Handler = async (ctx) => {
  const caller = await authenticate(ctx);
  const sha = shaOf(ctx);
  const record = await ctx.services.store.findAttachment(sha);
  // Not readable and not held look the same: whether a hash is held is itself information.
  const { files } = ctx.services;
  if (!record || (await refusingStorage(ctx, () => files.completeSize(sha))) === null || !(await mayRead(ctx, caller, sha))) {
    throw new HttpError('NOT_FOUND', 'no complete attachment with this hash');
  }
  const pieces = await refusingStorage(ctx, () => files.read(sha));
  ctx.res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(record.size),
    [SERVER_TIME_HEADER]: ctx.serverTime,
    'cache-control': 'private, max-age=31536000, immutable',
  });
  await pipeline(Readable.from(pieces), ctx.res);
  return null;
};
