import path from 'node:path';
import { FolderAttachmentStore } from './folder';
import { folderLock, type KeyedLock, processLock } from './lock';
import type { S3StoreOptions } from './s3-client';
import { parseS3Url } from './s3-url';
import type { AttachmentStore } from './store';

// Which attachment store a server uses, and the lock its uploads take (lock.ts).

export interface FolderStoreOptions {
  kind: 'folder';
  /** Default <data>/attachments. */
  dir?: string;
}

/** A store the caller built (tests wrap one; a store migration reads one); the server closes it with itself. */
export interface GivenStoreOptions {
  kind: 'given';
  store: AttachmentStore;
}

export type AttachmentStoreOptions = (FolderStoreOptions | S3StoreOptions | GivenStoreOptions) & {
  /**
   * Held around each chunk's check-then-write. Default: this process only (one server
   * process); several processes need one they all see: folderLock on a folder they share, or
   * the PostgreSQL store's advisory locks.
   */
  lock?: KeyedLock;
};

export interface OpenedAttachments {
  files: AttachmentStore;
  lock: KeyedLock;
}

export interface OpenContext {
  dataDir: string;
  /** The attachment key (serverAttachmentKey), or null to store files plain. */
  key: Buffer | null;
  log: (message: string) => void;
}

/** The AWS SDK is loaded only for a bucket: a folder server neither pays for it nor hears its warnings. */
export async function openAttachmentStore(opts: AttachmentStoreOptions, ctx: OpenContext): Promise<OpenedAttachments> {
  const lock = opts.lock ?? processLock();
  if (opts.kind === 'given') return { files: opts.store, lock };
  if (opts.kind === 'folder') return { files: new FolderAttachmentStore(opts.dir ?? defaultAttachmentDir(ctx.dataDir), ctx.key), lock };
  const where = parseS3Url(opts.url);
  const [{ S3AttachmentStore }, { s3ClientOf }] = await Promise.all([import('./s3'), import('./s3-client')]);
  const { client, endpoint } = s3ClientOf(opts);
  return { files: new S3AttachmentStore(client, where, endpoint, ctx.key, ctx.log), lock };
}

export const defaultAttachmentDir = (dataDir: string): string => path.join(dataDir, 'attachments');

/**
 * `--attachments` and `--attachment-locks` of `npm run server`: an s3:// address, or a folder
 * (a volume the processes share: its lock files go in <folder>/.locks unless named otherwise);
 * neither: the folder under --data with an in-process lock, as an embedded server wants.
 */
export function attachmentOptionsOf(value: string | undefined, lockDir: string | undefined): AttachmentStoreOptions | undefined {
  const lock = lockDir === undefined ? undefined : folderLock(path.resolve(lockDir));
  if (value === undefined) return lock ? { kind: 'folder', lock } : undefined;
  if (value.startsWith('s3://')) {
    parseS3Url(value);
    return { kind: 's3', url: value, ...(lock ? { lock } : {}) };
  }
  const dir = path.resolve(value);
  return { kind: 'folder', dir, lock: lock ?? folderLock(path.join(dir, '.locks')) };
}
