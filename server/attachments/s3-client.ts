import { DeleteObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Location } from './s3-url';
import { StorageError } from './store';

// The object store's connection: from `--attachments s3://bucket/prefix` and the standard AWS
// variables (AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; the SDK's
// own chain also reads ~/.aws and instance roles), and what its failures mean to an upload.

export interface S3StoreOptions {
  kind: 's3';
  /** s3://bucket or s3://bucket/prefix. */
  url: string;
  /** Default AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL, else AWS's own. */
  endpoint?: string;
  /** Default AWS_REGION, then AWS_DEFAULT_REGION, else us-east-1 (MinIO and most others accept it). */
  region?: string;
  /**
   * Buckets in the path (http://host/bucket/key), as MinIO, Ceph and most non-AWS stores want,
   * rather than in the host name. Default CENSUS_S3_FORCE_PATH_STYLE (1/0), else on for any
   * endpoint outside amazonaws.com.
   */
  forcePathStyle?: boolean;
  /** Default: the SDK's chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY first). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A client of the caller's own (tests add middleware to it); endpoint and the rest are then ignored. */
  client?: S3Client;
}

export function s3ClientOf(opts: S3StoreOptions, env: NodeJS.ProcessEnv = process.env): { client: S3Client; endpoint: string } {
  const endpoint = opts.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  if (opts.client) return { client: opts.client, endpoint: endpoint ?? 'the given client' };
  if (endpoint !== undefined && !/^https?:\/\/[^/]+/.test(endpoint)) {
    throw new Error(`the object store's endpoint (AWS_ENDPOINT_URL) must be an address such as http://10.0.0.5:9000, not "${endpoint}"`);
  }
  const pathStyleEnv = env.CENSUS_S3_FORCE_PATH_STYLE;
  const forcePathStyle =
    opts.forcePathStyle ??
    (pathStyleEnv !== undefined && pathStyleEnv !== '' ? pathStyleEnv === '1' || pathStyleEnv === 'true' : endpoint !== undefined && !/amazonaws\.com(\.cn)?(:\d+)?\/?$/.test(new URL(endpoint).host));
  const client = new S3Client({
    ...(endpoint ? { endpoint } : {}),
    region: opts.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    forcePathStyle,
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    // Checksums only where an operation requires one: the SDK's default (a CRC trailer in
    // aws-chunked encoding on every upload) is not understood by many S3-compatible stores.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // An unreachable endpoint fails in seconds, not at the OS's TCP timeout.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    maxAttempts: 3,
  });
  return { client, endpoint: endpoint ?? `AWS S3 (${String(client.config.region)})` };
}

interface AwsLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'TimeoutError', 'RequestTimeout']);
/** What stores answer when they are out of room: MinIO (507), Ceph RGW and others (QuotaExceeded). */
const FULL = new Set(['XMinioStorageFull', 'XMinioAdminBucketQuotaExceeded', 'QuotaExceeded', 'InsufficientStorage', 'StorageFull']);

const statusOf = (e: AwsLikeError): number | undefined => e.$metadata?.httpStatusCode;
const nameOf = (e: AwsLikeError): string => e.Code ?? e.name ?? 'Error';
const isNetwork = (e: AwsLikeError): boolean => NETWORK.has(e.code ?? '') || NETWORK.has(e.name ?? '');

/**
 * An object store failure as a StorageError (full, or unavailable: down, unreachable, refusing
 * us), so the upload answers 507/503 and resumes later; anything else (a bug) is left as it is.
 */
export function storageErrorOf(e: unknown, what: string): unknown {
  if (e instanceof StorageError || typeof e !== 'object' || e === null) return e;
  const err = e as AwsLikeError;
  const status = statusOf(err);
  const detail = `the object store, ${what}: ${nameOf(err)}${status ? ` (HTTP ${status})` : ''}: ${err.message ?? ''}`;
  if (status === 507 || FULL.has(nameOf(err))) return new StorageError('full', detail, { cause: e });
  if (isNetwork(err) || (status !== undefined && (status >= 500 || status === 401 || status === 403)) || nameOf(err) === 'NoSuchBucket' || nameOf(err) === 'SlowDown') {
    return new StorageError('unavailable', detail, { cause: e });
  }
  return e;
}

/**
 * At start: the bucket exists, our credentials may use it, and a small object can be written
 * and deleted. Throws a message that says which of these failed and what to set.
 */
export async function checkBucket(client: S3Client, where: S3Location, endpoint: string, log: (message: string) => void): Promise<void> {
  const name = `s3://${where.bucket}/${where.prefix}`;
  try {
    await client.send(new HeadBucketCommand({ Bucket: where.bucket }));
  } catch (e) {
    const err = e as AwsLikeError;
    const status = statusOf(err);
    if (nameOf(err) === 'CredentialsProviderError' || /credential/i.test(err.message ?? '')) {
      throw new Error(`no credentials for the object store ${name}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`, { cause: e });
    }
    if (status === 404 || nameOf(err) === 'NotFound' || nameOf(err) === 'NoSuchBucket') {
      throw new Error(`the bucket "${where.bucket}" does not exist at ${endpoint}: create it first (for example \`aws s3 mb s3://${where.bucket}\`)`, { cause: e });
    }
    if (status === 401 || status === 403) {
      throw new Error(`${endpoint} refused our credentials for the bucket "${where.bucket}" (HTTP ${status}): check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and the bucket's policy`, { cause: e });
    }
    if (status === 301 || nameOf(err) === 'PermanentRedirect') {
      throw new Error(`the bucket "${where.bucket}" is in another region than ${String(await client.config.region())}: set AWS_REGION`, { cause: e });
    }
    if (isNetwork(err) || status === undefined) {
      throw new Error(`cannot reach the object store at ${endpoint} (${err.code ?? nameOf(err)}: ${err.message ?? ''}): check AWS_ENDPOINT_URL and the network`, { cause: e });
    }
    throw new Error(`the object store at ${endpoint} answered ${nameOf(err)} (HTTP ${status}) for the bucket "${where.bucket}"`, { cause: e });
  }
  const probe = `${where.prefix}census-server-check`;
  try {
    await client.send(new PutObjectCommand({ Bucket: where.bucket, Key: probe, Body: Buffer.from('ok') }));
    await client.send(new DeleteObjectCommand({ Bucket: where.bucket, Key: probe }));
  } catch (e) {
    const refused = storageErrorOf(e, `writing ${probe}`);
    // Full at start: the server still serves sync and reads; uploads answer 507 until there is room.
    if (refused instanceof StorageError && refused.kind === 'full') {
      log(`${name} is full: uploads will answer 507 STORAGE_FULL until it has room (${refused.message})`);
      return;
    }
    throw new Error(`the object store ${name} at ${endpoint} does not let us write: ${(e as Error).message}: the credentials need s3:PutObject, s3:GetObject, s3:DeleteObject and s3:ListBucket`, { cause: e });
  }
}
