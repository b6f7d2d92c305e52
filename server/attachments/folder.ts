import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RECORD_HEADER_BYTES, RECORD_OVERHEAD, RECORDS_MAGIC, openRecord, recordLength, sealRecord } from '@shared/node/seal';
import { type AttachmentStore, checkSha, checkUser, type PartialStatus, StorageError } from './store';

// Attachment files by SHA-256 in a folder (the default, <data>/attachments, or a volume every
// server process mounts): uploaded in chunks by each uploader into a partial file of their own
// (partial/<userId>/<sha>), which grows only by whole chunks, so its length is exactly where a
// resumed upload continues, across connection cuts and server restarts. A complete partial is
// hashed before it moves into place at <dir>/ab/cd/<sha>; one that does not match is deleted.
//
// With a key (CENSUS_SERVER_DB_KEY), files are sealed at rest as the laptop seals its own
// (shared/node/seal.ts): every chunk is appended to the partial as a sealed record, and the
// finished file is those same records (<sha>.sealed), read back record by record. Without a key
// they are plain, as server.db is. Plain files written before a key was set stay readable.

//
// Several processes may share the folder when they share a lock too (lock.ts folderLock): a
// partial is appended to in place, so two appends at once would interleave.

export class FolderAttachmentStore implements AttachmentStore {
  /** `key`: the attachment key (serverAttachmentKey), or null to store files plain. */
  constructor(
    private readonly dir: string,
    private readonly key: Buffer | null,
  ) {}

  get description(): string {
    return this.dir;
  }

  /** The folder exists (made if need be) and takes a file. */
  async check(): Promise<void> {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.accessSync(this.dir, fs.constants.W_OK);
    } catch (e) {
      throw new Error(`the attachment folder ${this.dir} cannot be written: ${(e as Error).message}`, { cause: e });
    }
  }

  async close(): Promise<void> {}

  private finalBase(sha: string): string {
    checkSha(sha);
    return path.join(this.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  private partialDir(userId: string): string {
    return path.join(this.dir, 'partial', checkUser(userId));
  }

  private partialPath(userId: string, sha: string): string {
    return path.join(this.partialDir(userId), `${sha}${this.key ? '.spart' : '.part'}`);
  }

  /** The complete file: sealed if there is a sealed one, else a plain one (also from before a key was set). */
  private finalFile(sha: string): { file: string; isSealed: boolean } | null {
    const base = this.finalBase(sha);
    if (exists(`${base}.sealed`)) return { file: `${base}.sealed`, isSealed: true };
    if (exists(base)) return { file: base, isSealed: false };
    return null;
  }

  async completeSize(sha: string): Promise<number | null> {
    const found = this.finalFile(sha);
    if (!found) return null;
    return found.isSealed ? scanRecords(found.file).plainBytes : fs.statSync(found.file).size;
  }

  /** A sealed partial whose last record is torn (the server stopped mid-write) is cut back to its last whole record first. */
  async partialStatus(userId: string, sha: string): Promise<PartialStatus> {
    const file = this.partialPath(userId, sha);
    const size = sizeOf(file);
    if (size === null) return { received: 0, exists: false };
    if (!this.key) return { received: size, exists: true };
    const scan = scanRecords(file);
    if (scan.fileBytes < size) fs.truncateSync(file, scan.fileBytes);
    return { received: scan.plainBytes, exists: true };
  }

  async partialsOf(userId: string): Promise<{ count: number; bytes: number }> {
    let count = 0;
    let bytes = 0;
    for (const name of listDir(this.partialDir(userId))) {
      count += 1;
      bytes += sizeOf(path.join(this.partialDir(userId), name)) ?? 0;
    }
    return { count, bytes };
  }

  async append(userId: string, sha: string, chunk: Buffer, offset: number): Promise<number> {
    const file = this.partialPath(userId, sha);
    const before = sizeOf(file) ?? 0;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (!this.key) {
        fs.appendFileSync(file, chunk);
        return sizeOf(file) ?? 0;
      }
      const record = sealRecord(this.key, chunk, sha, offset);
      // The header goes with the first record (partialStatus cuts a torn one back to nothing).
      fs.appendFileSync(file, before === 0 ? Buffer.concat([RECORDS_MAGIC, record]) : record);
      return offset + chunk.length;
    } catch (e) {
      if (!isDiskFull(e)) throw e;
      // A full disk may have taken part of the chunk: the partial keeps exactly what it had.
      if (exists(file)) fs.truncateSync(file, before);
      throw new StorageError('full', `the attachment folder ${this.dir} is full (${(e as NodeJS.ErrnoException).code})`, { cause: e });
    }
  }

  async complete(userId: string, sha: string): Promise<boolean> {
    const file = this.partialPath(userId, sha);
    const hash = createHash('sha256');
    for await (const piece of this.readPlain(file, this.key !== null, sha)) hash.update(piece);
    if (hash.digest('hex') !== sha) {
      fs.rmSync(file, { force: true });
      return false;
    }
    if (this.finalFile(sha)) {
      fs.rmSync(file, { force: true });
      return true;
    }
    const target = this.key ? `${this.finalBase(sha)}.sealed` : this.finalBase(sha);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
    } catch (e) {
      if (isDiskFull(e)) throw new StorageError('full', `the attachment folder ${this.dir} is full`, { cause: e });
      throw e;
    }
    fs.renameSync(file, target);
    return true;
  }

  /** Sealed records are opened one at a time. */
  async read(sha: string): Promise<AsyncIterable<Buffer>> {
    const found = this.finalFile(sha);
    if (!found) throw new Error(`no complete attachment ${sha}`);
    return this.readPlain(found.file, found.isSealed, sha);
  }

  private async *readPlain(file: string, isSealed: boolean, sha: string): AsyncGenerator<Buffer> {
    if (!isSealed) {
      for await (const piece of fs.createReadStream(file)) yield piece as Buffer;
      return;
    }
    if (!this.key) throw new Error(`attachment ${sha} is sealed and the server has no key (CENSUS_SERVER_DB_KEY)`);
    const handle = await fs.promises.open(file, 'r');
    try {
      const magic = Buffer.alloc(RECORDS_MAGIC.length);
      await handle.read(magic, 0, magic.length, 0);
      if (!magic.equals(RECORDS_MAGIC)) throw new Error(`attachment ${sha} is not a sealed file`);
      let position = RECORDS_MAGIC.length;
      let offset = 0;
      const header = Buffer.alloc(RECORD_HEADER_BYTES);
      for (;;) {
        const { bytesRead } = await handle.read(header, 0, 4, position);
        if (bytesRead === 0) return;
        const length = recordLength(header);
        const record = Buffer.alloc(length + RECORD_OVERHEAD);
        const got = (await handle.read(record, 0, record.length, position)).bytesRead;
        if (got !== record.length) throw new Error(`attachment ${sha}: a sealed record is cut short`);
        yield openRecord(this.key, record, sha, offset);
        position += record.length;
        offset += length;
      }
    } finally {
      await handle.close();
    }
  }

  /**
   * Deletes partial uploads untouched for `maxAgeMs` (abandoned: the laptop was reinstalled, the
   * file deleted), and any from before uploads were bound to their uploader (partial/<sha>.part:
   * no owner to resume them). Returns how many were deleted.
   */
  async sweepPartials(nowMs: number, maxAgeMs: number): Promise<number> {
    const root = path.join(this.dir, 'partial');
    let removed = 0;
    for (const name of listDir(root)) {
      const entry = path.join(root, name);
      const stat = statOf(entry);
      if (!stat) continue;
      if (!stat.isDirectory()) {
        fs.rmSync(entry, { force: true });
        removed += 1;
        continue;
      }
      for (const file of listDir(entry)) {
        const partial = path.join(entry, file);
        const fileStat = statOf(partial);
        if (fileStat && nowMs - fileStat.mtimeMs > maxAgeMs) {
          fs.rmSync(partial, { force: true });
          removed += 1;
        }
      }
      if (listDir(entry).length === 0) fs.rmSync(entry, { recursive: true, force: true });
    }
    return removed;
  }
}

/**
 * Walks a sealed file's record headers without decrypting: the plaintext bytes of its whole
 * records and where the last whole record ends (less than the file's size after a torn write).
 */
export function scanRecords(file: string): { plainBytes: number; fileBytes: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < RECORDS_MAGIC.length) return { plainBytes: 0, fileBytes: 0 };
    const header = Buffer.alloc(4);
    let position = RECORDS_MAGIC.length;
    let plainBytes = 0;
    while (position + 4 <= size) {
      fs.readSync(fd, header, 0, 4, position);
      const length = recordLength(header);
      if (position + length + RECORD_OVERHEAD > size) break;
      position += length + RECORD_OVERHEAD;
      plainBytes += length;
    }
    return { plainBytes, fileBytes: position };
  } finally {
    fs.closeSync(fd);
  }
}

function statOf(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

const isDiskFull = (e: unknown): boolean => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' || code === 'EDQUOT';
};

const sizeOf = (file: string): number | null => statOf(file)?.size ?? null;
const exists = (file: string): boolean => statOf(file) !== null;

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
