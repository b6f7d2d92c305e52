import { createHash, type Hash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { RECORDS_MAGIC, openRecord, sealRecord } from '@shared/node/seal';
import { openSealedStream, sealedPlainBytes } from './records';
import { checkBucket } from './s3-client';
import type { S3Location } from './s3-url';
import { type Listed, PrefixObjects } from './s3-objects';
import { type AttachmentStore, checkSha, checkUser, type PartialStatus } from './store';

// Attachment files in an S3-compatible object store, shared by every server process.
//
// Complete files are objects at <prefix>ab/cd/<sha> (plain) or <prefix>ab/cd/<sha>.sealed (the
// sealed records, byte for byte the folder's file), so a folder can be copied into a bucket
// as it is (`aws s3 sync attachments/ s3://bucket/prefix/`).
//
// An object cannot be appended to, so a partial upload is one object per chunk:
// <prefix>partial/<user>/<sha>/<offset>-<end>.part (.spart: one sealed record), offsets in
// plaintext bytes, 15 digits so names sort by offset. No process holds any upload state: the
// received length is read from a listing, by walking from 0 the chunk that starts where the
// last one ended (the longest, should two start at the same place). A PUT of an object is
// atomic, so a chunk is there whole or not at all: nothing is torn, nothing to cut back.
//
// Two processes taking chunks of one upload at once: under the attachment lock (lock.ts; on
// PostgreSQL its advisory lock) the second sees the first's chunk in the listing (S3 lists are
// strongly consistent since 2020) and answers OFFSET_MISMATCH. Without a lock shared by both,
// nothing is corrupted either: two chunks for the same offset and length have the same name
// (the later write wins, with the same bytes), different lengths are both kept and the walk
// takes one, and completion hashes exactly the bytes it writes, so a file that is not what its
// name says is never stored; only the exact OFFSET_MISMATCH answer needs the lock.
//
// Completion streams the chain's chunks in order into one staging object (never the whole file
// in memory), hashing the plaintext on the way, then copies the staging object to its final name
// when the hash matches (a server-side copy) and deletes the chunks. A store refusing a write
// (full, over quota) fails the PUT of that one chunk or of the staging object; the chunks
// already stored stay, and the upload resumes or completes later.

const CHUNK = /^partial\/([^/]+)\/([0-9a-f]{64})\/(\d{15})-(\d{15})\.(s?part)$/;
const READ_AHEAD = 4;
const pad = (n: number): string => String(n).padStart(15, '0');

interface Link {
  name: string;
  offset: number;
  end: number;
  bytes: number;
}

export class S3AttachmentStore implements AttachmentStore {
  readonly description: string;
  private readonly objects: PrefixObjects;

  /** `key`: the attachment key (serverAttachmentKey), or null to store files plain. */
  constructor(
    private readonly client: S3Client,
    private readonly where: S3Location,
    private readonly endpoint: string,
    private readonly key: Buffer | null,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.description = `s3://${where.bucket}/${where.prefix} at ${endpoint}`;
    this.objects = new PrefixObjects(client, where, log);
  }

  check(): Promise<void> {
    return checkBucket(this.client, this.where, this.endpoint, this.log);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private finalName(sha: string, isSealed: boolean): string {
    checkSha(sha);
    return `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}${isSealed ? '.sealed' : ''}`;
  }

  private partialPrefix(userId: string, sha?: string): string {
    return `partial/${checkUser(userId)}/${sha === undefined ? '' : `${checkSha(sha)}/`}`;
  }

  private get suffix(): string {
    return this.key ? 'spart' : 'part';
  }

  /** The uploader's chunks of the current kind (plain or sealed), walked from 0. */
  private chain(listed: Listed[]): { received: number; links: Link[]; isAny: boolean } {
    const longestAt = new Map<number, Link>();
    let isAny = false;
    for (const l of listed) {
      const m = CHUNK.exec(l.name);
      if (!m || m[5] !== this.suffix) continue;
      isAny = true;
      const link = { name: l.name, offset: Number(m[3]), end: Number(m[4]), bytes: l.bytes };
      if (link.end <= link.offset) continue;
      const held = longestAt.get(link.offset);
      if (!held || held.end < link.end) longestAt.set(link.offset, link);
    }
    const links: Link[] = [];
    let received = 0;
    for (let next = longestAt.get(0); next; next = longestAt.get(received)) {
      links.push(next);
      received = next.end;
    }
    return { received, links, isAny };
  }

  async completeSize(sha: string): Promise<number | null> {
    const name = this.finalName(sha, true);
    const sealed = await this.objects.head(name);
    if (!sealed) return (await this.objects.head(this.finalName(sha, false)))?.bytes ?? null;
    if (sealed.plainSize !== null) return sealed.plainSize;
    // Copied in from a folder (aws s3 sync) without the size: measured once from the record
    // headers, then written onto the object (a copy onto itself), not measured at every HEAD.
    const plainSize = await sealedPlainBytes(await this.objects.getStream(name));
    await this.objects.copy(name, name, plainSize).catch((e: unknown) => this.log(`could not note the size of ${name}: ${String(e)}`));
    return plainSize;
  }

  async partialStatus(userId: string, sha: string): Promise<PartialStatus> {
    const { received, isAny } = this.chain(await this.objects.list(this.partialPrefix(userId, sha)));
    return { received, exists: isAny };
  }

  async partialsOf(userId: string): Promise<{ count: number; bytes: number }> {
    const uploads = new Set<string>();
    let bytes = 0;
    for (const l of await this.objects.list(this.partialPrefix(userId))) {
      uploads.add(l.name.split('/')[2] ?? '');
      bytes += l.bytes;
    }
    return { count: uploads.size, bytes };
  }

  async append(userId: string, sha: string, chunk: Buffer, offset: number): Promise<number> {
    const end = offset + chunk.length;
    const body = this.key ? sealRecord(this.key, chunk, sha, offset) : chunk;
    const name = `${this.partialPrefix(userId, sha)}${pad(offset)}-${pad(end)}.${this.suffix}`;
    await this.objects.put(name, body, body.length);
    return end;
  }

  async complete(userId: string, sha: string): Promise<boolean> {
    const listed = await this.objects.list(this.partialPrefix(userId, sha));
    const { received, links } = this.chain(listed);
    const isSealed = this.key !== null;
    const hash = createHash('sha256');
    const staging = `staging/${sha}.${randomBytes(6).toString('hex')}`;
    const body = Readable.from(this.assemble(links, sha, hash), { objectMode: false });
    const length = (isSealed ? RECORDS_MAGIC.length : 0) + links.reduce((sum, l) => sum + l.bytes, 0);
    try {
      await this.objects.put(staging, body, length, received);
    } finally {
      body.destroy();
    }
    try {
      if (hash.digest('hex') !== sha) {
        await this.objects.delete(listed.map((l) => l.name));
        return false;
      }
      if ((await this.completeSize(sha)) === null) await this.objects.copy(staging, this.finalName(sha, isSealed));
      await this.objects.delete(listed.map((l) => l.name));
      return true;
    } finally {
      await this.objects.delete([staging]).catch((e: unknown) => this.log(`could not delete ${staging}: ${String(e)}`));
    }
  }

  /** The chain's chunk objects in order (a few fetched ahead), each checked and hashed as it passes. */
  private async *assemble(links: Link[], sha: string, hash: Hash): AsyncGenerator<Buffer> {
    if (this.key) yield RECORDS_MAGIC;
    const ahead: Promise<Buffer>[] = [];
    let next = 0;
    for (const link of links) {
      while (next < links.length && ahead.length < READ_AHEAD) {
        const fetching = this.objects.getBytes(links[next]!.name);
        fetching.catch(() => undefined);
        ahead.push(fetching);
        next += 1;
      }
      const bytes = await ahead.shift()!;
      if (bytes.length !== link.bytes) throw new Error(`${link.name} changed while the upload was completed`);
      hash.update(this.key ? openRecord(this.key, bytes, sha, link.offset) : bytes);
      yield bytes;
    }
  }

  async read(sha: string): Promise<AsyncIterable<Buffer>> {
    if (await this.objects.head(this.finalName(sha, true))) {
      if (!this.key) throw new Error(`attachment ${sha} is sealed and the server has no key (CENSUS_SERVER_DB_KEY)`);
      return openSealedStream(this.key, await this.objects.getStream(this.finalName(sha, true)), sha);
    }
    const plain = await this.objects.getStream(this.finalName(sha, false));
    return (async function* () {
      for await (const piece of plain) yield Buffer.from(piece);
    })();
  }

  /**
   * An upload whose newest chunk is older than `maxAgeMs` goes whole; anything under partial/
   * that is not a chunk (a folder's partial file copied in) cannot be resumed and goes at once;
   * staging objects left by a process that stopped mid-completion go after `maxAgeMs`.
   */
  async sweepPartials(nowMs: number, maxAgeMs: number): Promise<number> {
    const uploads = new Map<string, Listed[]>();
    const doomed: string[] = [];
    let removed = 0;
    for (const l of await this.objects.list('partial/')) {
      const m = CHUNK.exec(l.name);
      if (!m) {
        doomed.push(l.name);
        removed += 1;
        continue;
      }
      const id = `${m[1]}/${m[2]}`;
      const chunks = uploads.get(id);
      if (chunks) chunks.push(l);
      else uploads.set(id, [l]);
    }
    for (const chunks of uploads.values()) {
      if (nowMs - Math.max(...chunks.map((c) => c.modifiedMs)) <= maxAgeMs) continue;
      doomed.push(...chunks.map((c) => c.name));
      removed += 1;
    }
    for (const l of await this.objects.list('staging/')) if (nowMs - l.modifiedMs > maxAgeMs) doomed.push(l.name);
    await this.objects.delete(doomed);
    return removed;
  }
}
