import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { AppDatabase } from '../../../db/open';
import { syncAttachments } from '../../../db/schema';
import type { ServerClient } from './client';
import { SyncFailure } from './errors';

// Files (photos of licences and records) kept by SHA-256 under <userData>/attachments and
// uploaded apart from the ops, in resumable chunks: HEAD says how much the server holds, PUT
// appends from there. An op may name a file by its hash before the file has arrived; the
// server keeps the reference and the bytes follow.

export const CHUNK_BYTES = 256 * 1024;
const SHA = /^[0-9a-f]{64}$/;

export class AttachmentStore {
  constructor(
    private readonly db: AppDatabase,
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  pathOf(sha256: string): string {
    if (!SHA.test(sha256)) throw new Error(`not an attachment name: ${sha256}`);
    return path.join(this.dir, sha256);
  }

  /**
   * Stores the bytes under their hash (written to a temp file and renamed, so a crash never
   * leaves a half file under a real name) and queues the upload. Adding the same bytes twice
   * stores them once.
   */
  add(bytes: Uint8Array, mime: string): { sha256: string; size: number } {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    fs.mkdirSync(this.dir, { recursive: true });
    if (!fs.existsSync(target)) {
      const temp = path.join(this.dir, `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
      fs.writeFileSync(temp, bytes);
      fs.renameSync(temp, target);
    }
    this.db
      .insert(syncAttachments)
      .values({ sha256, size: bytes.byteLength, mime, status: 'pending', createdAt: this.now().toISOString() })
      .onConflictDoNothing()
      .run();
    return { sha256, size: bytes.byteLength };
  }

  pending(): (typeof syncAttachments.$inferSelect)[] {
    return this.db.select().from(syncAttachments).where(eq(syncAttachments.status, 'pending')).all();
  }

  /** Uploads every pending file, each from where the server's copy stops. Returns files completed. */
  async uploadPending(client: ServerClient): Promise<number> {
    let completed = 0;
    for (const row of this.pending()) {
      if (await this.upload(client, row.sha256, row.size)) completed += 1;
    }
    return completed;
  }

  private async upload(client: ServerClient, sha256: string, size: number): Promise<boolean> {
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) throw new SyncFailure('LOCAL_ERROR', `attachment ${sha256} is missing from ${this.dir}`);
    let { offset, isComplete } = await client.attachmentOffset(sha256);
    const fd = fs.openSync(file, 'r');
    try {
      // Bounded: every round either moves the offset or learns the server's offset.
      for (let round = 0; !isComplete && round < 4 + 2 * Math.ceil(size / CHUNK_BYTES); round++) {
        const length = Math.min(CHUNK_BYTES, size - offset);
        const chunk = Buffer.alloc(Math.max(0, length));
        if (length > 0) fs.readSync(fd, chunk, 0, length, offset);
        const status = await client.putAttachmentChunk(sha256, offset, size, chunk);
        offset = status.received;
        isComplete = status.isComplete;
      }
    } finally {
      fs.closeSync(fd);
    }
    if (!isComplete) throw new SyncFailure('SERVER_ERROR', `attachment ${sha256} did not complete`);
    this.db
      .update(syncAttachments)
      .set({ status: 'uploaded', uploadedAt: this.now().toISOString() })
      .where(eq(syncAttachments.sha256, sha256))
      .run();
    return true;
  }
}
