import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RECORD_HEADER_BYTES, RECORD_OVERHEAD, RECORDS_MAGIC, openRecord, recordLength, sealRecord } from '@shared/node/seal';

// Attachment files by SHA-256: photos of licences and records, uploaded in chunks
// apart from the ops that reference them, by each uploader into a partial file of their own
// (partial/<userId>/<sha>), which grows only by whole chunks, so its length is exactly where a
// resumed upload continues, across connection cuts and server restarts. A complete partial is
// hashed before it moves into place at <dir>/ab/cd/<sha>; one that does not match is deleted.
//
// With a key (CENSUS_SERVER_DB_KEY), files are sealed at rest as the laptop seals its own
// (shared/node/seal.ts): every chunk is appended to the partial as a sealed record, and the
// finished file is those same records (<sha>.sealed), read back record by record. Without a key
// they are plain, as server.db is. Plain files written before a key was set stay readable.

export interface PartialStatus {
  received: number;
  /** Whether this uploader has a partial file for it at all (a new one counts against the quota). */
  exists: boolean;
}

const SHA = /^[0-9a-f]{64}$/;
const USER = /^[A-Za-z0-9_-]{1,64}$/;

export class AttachmentFiles {
  private readonly locks = new Map<string, Promise<unknown>>();

  /** `key`: the attachment key (serverAttachmentKey), or null to store files plain. */
  constructor(
    private readonly dir: string,
    private readonly key: Buffer | null,
  ) {}

  private finalBase(sha: string): string {
    if (!SHA.test(sha)) throw new Error(`not an attachment name: ${sha}`);
    return path.join(this.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  private partialDir(userId: string): string {
    if (!USER.test(userId)) throw new Error(`not a user id: ${userId}`);
    return path.join(this.dir, 'partial', userId);
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

  /** Plaintext bytes of the complete file, or null when there is none. */
  completeSize(sha: string): number | null {
    const found = this.finalFile(sha);
    if (!found) return null;
    return found.isSealed ? scanRecords(found.file).plainBytes : fs.statSync(found.file).size;
  }

  /**
   * How much of `sha` this uploader has sent. A sealed partial whose last record is torn (the
   * server stopped mid-write) is cut back to its last whole record first.
   */
  partialStatus(userId: string, sha: string): PartialStatus {
    const file = this.partialPath(userId, sha);
    const size = sizeOf(file);
    if (size === null) return { received: 0, exists: false };
    if (!this.key) return { received: size, exists: true };
    const scan = scanRecords(file);
    if (scan.fileBytes < size) fs.truncateSync(file, scan.fileBytes);
    return { received: scan.plainBytes, exists: true };
  }

  /** The uploader's partial files and the disk bytes they hold (for the per-user quota). */
  partialsOf(userId: string): { count: number; bytes: number } {
    let count = 0;
    let bytes = 0;
    for (const name of listDir(this.partialDir(userId))) {
      count += 1;
      bytes += sizeOf(path.join(this.partialDir(userId), name)) ?? 0;
    }
    return { count, bytes };
  }

  /** Runs `fn` with no other upload of the same file in progress in this process. */
  async exclusive<T>(sha: string, fn: () => Promise<T>): Promise<T> {
    const before = this.locks.get(sha) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.locks.set(sha, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(sha) === settled) this.locks.delete(sha);
    }
  }

  /** Appends one chunk that starts at plaintext `offset`; returns the bytes now received. */
  append(userId: string, sha: string, chunk: Buffer, offset: number): number {
    const file = this.partialPath(userId, sha);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!this.key) {
      fs.appendFileSync(file, chunk);
      return sizeOf(file) ?? 0;
    }
    const record = sealRecord(this.key, chunk, sha, offset);
    // The header goes with the first record (partialStatus cuts a torn one back to nothing).
    fs.appendFileSync(file, (sizeOf(file) ?? 0) === 0 ? Buffer.concat([RECORDS_MAGIC, record]) : record);
    return offset + chunk.length;
  }

  /**
   * Hashes the uploader's whole partial; when it matches, it becomes the complete file (or is
   * dropped when another upload completed it first); when not, it is deleted. Returns whether
   * the bytes matched.
   */
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
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(file, target);
    return true;
  }

  /** The complete file's plaintext, piece by piece (sealed records are opened one at a time). */
  read(sha: string): AsyncIterable<Buffer> {
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
  sweepPartials(nowMs: number, maxAgeMs: number): number {
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
