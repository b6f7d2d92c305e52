import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { AppDatabase } from '@db/open';
import { syncAttachments } from '@db/schema';
import { attachmentKey, openFile, sealFile } from '@shared/node/seal';
import type { ServerClient } from './client';
import { SyncFailure } from './errors';

// Files (photos of licences and records) kept by SHA-256 under <userData>/attachments and
// uploaded apart from the ops, in resumable chunks: HEAD says how much the server holds, PUT
// appends from there. An op may name a file by its hash before the file has arrived; the
// server keeps the reference and the bytes follow.
//
// The files are as confidential as the store, and a lost laptop loses both: each is sealed
// with AES-256-GCM under a key derived from the store key (HKDF), so the folder is as
// unreadable as census.db without it (shared/node/seal.ts, the server seals its copies with the
// same primitive). The name stays the SHA-256 of the plaintext, which is what ops and the
// server use; the server receives the plaintext over TLS.

export const CHUNK_BYTES = 256 * 1024;
const SHA = /^[0-9a-f]{64}$/;

export class AttachmentStore {
  private readonly key: Buffer;

  constructor(
    private readonly db: AppDatabase,
    readonly dir: string,
    storeKeyHex: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = attachmentKey(storeKeyHex);
  }

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
      fs.writeFileSync(temp, sealFile(this.key, bytes));
      fs.renameSync(temp, target);
    }
    this.db
      .insert(syncAttachments)
      .values({ sha256, size: bytes.byteLength, mime, status: 'pending', createdAt: this.now().toISOString() })
      .onConflictDoNothing()
      .run();
    return { sha256, size: bytes.byteLength };
  }

  has(sha256: string): boolean {
    return fs.existsSync(this.pathOf(sha256));
  }

  /** The file's bytes, or null when this device does not hold it; throws if it was altered. */
  read(sha256: string): Buffer | null {
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) return null;
    const plain = openFile(this.key, fs.readFileSync(file));
    if (createHash('sha256').update(plain).digest('hex') !== sha256) throw new Error(`attachment ${sha256} does not match its name`);
    return plain;
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
    const plain = this.read(sha256);
    if (plain === null) throw new SyncFailure('LOCAL_ERROR', `attachment ${sha256} is missing from ${this.dir}`);
    let { offset, isComplete } = await client.attachmentOffset(sha256);
    // Bounded: every round either moves the offset or learns the server's offset.
    for (let round = 0; !isComplete && round < 4 + 2 * Math.ceil(size / CHUNK_BYTES); round++) {
      const chunk = plain.subarray(offset, Math.min(size, offset + CHUNK_BYTES));
      const status = await client.putAttachmentChunk(sha256, offset, size, chunk);
      offset = status.received;
      isComplete = status.isComplete;
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
