import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

// Attachment files by SHA-256 (issue 4): photos of licences and records, uploaded in chunks
// apart from the ops that reference them. A partial upload is one file that only grows by
// whole chunks (a chunk is buffered, then appended), so its length is exactly what a resumed
// upload continues from, across connection cuts and server restarts. A complete file is
// hashed before it is moved into place at <dir>/ab/cd/<sha>; one that does not match is deleted.

export class AttachmentFiles {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {}

  finalPath(sha: string): string {
    return path.join(this.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  private partialPath(sha: string): string {
    return path.join(this.dir, 'partial', `${sha}.part`);
  }

  private sizeOf(file: string): number | null {
    try {
      return fs.statSync(file).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /** Bytes held and whether the file is complete. */
  status(sha: string): { received: number; isComplete: boolean } {
    const complete = this.sizeOf(this.finalPath(sha));
    if (complete !== null) return { received: complete, isComplete: true };
    return { received: this.sizeOf(this.partialPath(sha)) ?? 0, isComplete: false };
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

  append(sha: string, chunk: Buffer): number {
    const partial = this.partialPath(sha);
    fs.mkdirSync(path.dirname(partial), { recursive: true });
    fs.appendFileSync(partial, chunk);
    return this.sizeOf(partial) ?? 0;
  }

  /** Hashes the whole partial file; moves it into place when it matches, deletes it otherwise. */
  async complete(sha: string): Promise<boolean> {
    const partial = this.partialPath(sha);
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(partial), hash);
    if (hash.digest('hex') !== sha) {
      fs.rmSync(partial, { force: true });
      return false;
    }
    const target = this.finalPath(sha);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(partial, target);
    return true;
  }
}
