import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Attachment files by SHA-256 (issue 4): photos of licences and records, uploaded in chunks
// apart from the ops that reference them, by each uploader into a partial file of their own
// (partial/<userId>/<sha>), which grows only by whole chunks, so its length is exactly where a
// resumed upload continues, across connection cuts and server restarts. A complete partial is
// hashed before it moves into place at <dir>/ab/cd/<sha>; one that does not match is deleted.

export interface PartialStatus {
  received: number;
  /** Whether this uploader has a partial file for it at all (a new one counts against the quota). */
  exists: boolean;
}

const SHA = /^[0-9a-f]{64}$/;
const USER = /^[A-Za-z0-9_-]{1,64}$/;

export class AttachmentFiles {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {}

  private finalBase(sha: string): string {
    if (!SHA.test(sha)) throw new Error(`not an attachment name: ${sha}`);
    return path.join(this.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  private partialDir(userId: string): string {
    if (!USER.test(userId)) throw new Error(`not a user id: ${userId}`);
    return path.join(this.dir, 'partial', userId);
  }

  private partialPath(userId: string, sha: string): string {
    return path.join(this.partialDir(userId), `${sha}.part`);
  }

  /** Bytes of the complete file, or null when there is none. */
  completeSize(sha: string): number | null {
    return sizeOf(this.finalBase(sha));
  }

  /** How much of `sha` this uploader has sent. */
  partialStatus(userId: string, sha: string): PartialStatus {
    const size = sizeOf(this.partialPath(userId, sha));
    return size === null ? { received: 0, exists: false } : { received: size, exists: true };
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

  /** Appends one chunk at the end of the uploader's partial; returns the bytes now received. */
  append(userId: string, sha: string, chunk: Buffer): number {
    const file = this.partialPath(userId, sha);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, chunk);
    return sizeOf(file) ?? 0;
  }

  /**
   * Hashes the uploader's whole partial; when it matches, it becomes the complete file (or is
   * dropped when another upload completed it first); when not, it is deleted. Returns whether
   * the bytes matched.
   */
  async complete(userId: string, sha: string): Promise<boolean> {
    const file = this.partialPath(userId, sha);
    const hash = createHash('sha256');
    for await (const piece of fs.createReadStream(file)) hash.update(piece as Buffer);
    if (hash.digest('hex') !== sha) {
      fs.rmSync(file, { force: true });
      return false;
    }
    if (this.completeSize(sha) !== null) {
      fs.rmSync(file, { force: true });
      return true;
    }
    const target = this.finalBase(sha);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(file, target);
    return true;
  }

  /** The complete file, piece by piece. */
  read(sha: string): AsyncIterable<Buffer> {
    return fs.createReadStream(this.finalBase(sha));
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

function statOf(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

const sizeOf = (file: string): number | null => statOf(file)?.size ?? null;

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
