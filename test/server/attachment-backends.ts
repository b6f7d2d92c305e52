import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { StartServerOptions } from '@server/index';

// The attachment suites run against every attachment store (describe.each over backendNames):
// the folder under --data, and an S3-compatible object store, s3rver from npm, started here on
// a free loopback port over a temp folder and stopped after the file's tests.

export const backendNames = ['folder', 's3'] as const;
export type BackendName = (typeof backendNames)[number];

export interface Stored {
  /** Relative to the store's root: ab/cd/<sha>, partial/<user>/… */
  name: string;
  bytes: Buffer;
}

export interface AttachmentBackend {
  readonly name: BackendName;
  /** Spread into every startTestServer of a test: the same store across restarts. */
  readonly options: Partial<StartServerOptions>;
  /** Every file or object the store holds (`dataDir`: the server's, for the folder under it). */
  stored(dataDir: string): Promise<Stored[]>;
  /** Writes a file or object at `name` (a leftover, or an altered copy). */
  write(dataDir: string, name: string, bytes: Buffer): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverCtor = new (options: Record<string, unknown>) => S3rverInstance;

export const S3_BUCKET = 'census-attachments';
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalS3 {
  endpoint: string;
  client: S3Client;
  stop(): Promise<void>;
}

/** s3rver on 127.0.0.1 (a free port) over a temp folder, with the bucket made. */
export async function startLocalS3(): Promise<LocalS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverCtor;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'census-s3rver-'));
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: S3_BUCKET }] });
  const { port } = await s3.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3_CREDENTIALS });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      await s3.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

function folderBackend(): AttachmentBackend {
  const root = (dataDir: string) => path.join(dataDir, 'attachments');
  return {
    name: 'folder',
    options: {},
    async stored(dataDir) {
      if (!fs.existsSync(root(dataDir))) return [];
      return fs
        .readdirSync(root(dataDir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
        .map((file) => ({ name: path.relative(root(dataDir), file).split(path.sep).join('/'), bytes: fs.readFileSync(file) }));
    },
    async write(dataDir, name, bytes) {
      const file = path.join(root(dataDir), name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
    },
  };
}

/** A fresh prefix of the shared bucket: each test its own store. */
export function s3Backend(s3: LocalS3, prefix = `t-${randomBytes(6).toString('hex')}`): AttachmentBackend {
  return {
    name: 's3',
    options: {
      attachments: { kind: 's3', url: `s3://${S3_BUCKET}/${prefix}`, endpoint: s3.endpoint, forcePathStyle: true, credentials: S3_CREDENTIALS },
    },
    async stored() {
      const out: Stored[] = [];
      const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: S3_BUCKET, Prefix: `${prefix}/` }));
      for (const o of listed.Contents ?? []) {
        const got = await s3.client.send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: o.Key }));
        out.push({ name: (o.Key ?? '').slice(prefix.length + 1), bytes: Buffer.from(await got.Body!.transformToByteArray()) });
      }
      return out;
    },
    async write(_dataDir, name, bytes) {
      await s3.client.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: `${prefix}/${name}`, Body: bytes }));
    },
  };
}

/**
 * In a describe: a fresh store of the named kind for every test (s3rver started once for the
 * describe). Read `backend.current` inside a test.
 */
export function withAttachmentBackend(name: BackendName): { readonly current: AttachmentBackend } {
  let s3: LocalS3 | null = null;
  let current: AttachmentBackend | null = null;
  beforeAll(async () => {
    if (name === 's3') s3 = await startLocalS3();
  });
  afterAll(async () => {
    await s3?.stop();
  });
  beforeEach(() => {
    current = name === 's3' && s3 ? s3Backend(s3) : folderBackend();
  });
  afterEach(() => {
    current = null;
  });
  return {
    get current() {
      if (!current) throw new Error('the attachment backend exists only inside a test');
      return current;
    },
  };
}
