import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { storageErrorOf } from './s3-client';
import type { S3Location } from './s3-url';

// The objects under one prefix of one bucket, by name relative to the prefix: the few calls the
// attachment store makes, each failure turned into a StorageError where it means one.

export interface Listed {
  /** Relative to the prefix. */
  name: string;
  bytes: number;
  modifiedMs: number;
}

export class PrefixObjects {
  constructor(
    readonly client: S3Client,
    private readonly where: S3Location,
    private readonly log: (message: string) => void,
  ) {}

  private key(name: string): string {
    return this.where.prefix + name;
  }

  private async send<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw storageErrorOf(e, what);
    }
  }

  async list(under: string): Promise<Listed[]> {
    const out: Listed[] = [];
    let token: string | undefined;
    do {
      const page = await this.send(`listing ${under}`, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.where.bucket, Prefix: this.key(under), ContinuationToken: token })),
      );
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        out.push({ name: o.Key.slice(this.where.prefix.length), bytes: o.Size ?? 0, modifiedMs: o.LastModified?.getTime() ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /** The object's size and plain-size metadata, or null when there is none. */
  async head(name: string): Promise<{ bytes: number; plainSize: number | null } | null> {
    try {
      const h = await this.client.send(new HeadObjectCommand({ Bucket: this.where.bucket, Key: this.key(name) }));
      const plain = Number(h.Metadata?.['plain-size']);
      return { bytes: h.ContentLength ?? 0, plainSize: Number.isInteger(plain) ? plain : null };
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw storageErrorOf(e, `looking up ${name}`);
    }
  }

  async getStream(name: string): Promise<AsyncIterable<Uint8Array>> {
    const got = await this.send(`reading ${name}`, () => this.client.send(new GetObjectCommand({ Bucket: this.where.bucket, Key: this.key(name) })));
    if (!got.Body) throw new Error(`the object store returned no body for ${name}`);
    return got.Body as AsyncIterable<Uint8Array>;
  }

  async getBytes(name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const piece of await this.getStream(name)) chunks.push(Buffer.from(piece));
    return Buffer.concat(chunks);
  }

  /** A stream body must come with its length (nothing is buffered to measure it). */
  async put(name: string, body: Buffer | Readable, length: number, plainSize?: number): Promise<void> {
    await this.send(`storing ${name}`, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.where.bucket,
          Key: this.key(name),
          Body: body,
          ContentLength: length,
          ...(plainSize === undefined ? {} : { Metadata: { 'plain-size': String(plainSize) } }),
        }),
      ),
    );
  }

  /** A copy on the store's side; with `plainSize`, the copy carries it (onto itself: only the metadata changes). */
  async copy(from: string, to: string, plainSize?: number): Promise<void> {
    await this.send(`storing ${to}`, () =>
      this.client.send(
        new CopyObjectCommand({
          Bucket: this.where.bucket,
          Key: this.key(to),
          CopySource: encodeURI(`${this.where.bucket}/${this.key(from)}`),
          ...(plainSize === undefined ? {} : { MetadataDirective: 'REPLACE', Metadata: { 'plain-size': String(plainSize) } }),
        }),
      ),
    );
  }

  async delete(names: string[]): Promise<void> {
    for (let at = 0; at < names.length; at += 1000) {
      const batch = names.slice(at, at + 1000);
      const answer = await this.send(`deleting ${batch.length} object(s)`, () =>
        this.client.send(new DeleteObjectsCommand({ Bucket: this.where.bucket, Delete: { Objects: batch.map((n) => ({ Key: this.key(n) })), Quiet: true } })),
      );
      const failed = answer.Errors ?? [];
      if (failed.length > 0) this.log(`the object store kept ${failed.length} object(s) it was asked to delete, e.g. ${failed[0]?.Key}: ${failed[0]?.Code}`);
    }
  }
}
