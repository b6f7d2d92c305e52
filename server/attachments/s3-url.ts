// `s3://bucket/prefix`, read without loading the AWS SDK (the command line checks it first).

export interface S3Location {
  bucket: string;
  /** '' or ending in '/'. */
  prefix: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m?.[1] || !BUCKET.test(m[1])) {
    throw new Error(`not an object store address: ${url} (expected s3://bucket or s3://bucket/prefix, bucket in lower case)`);
  }
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((part) => part === '.' || part === '..')) throw new Error(`not an object store prefix: ${prefix}`);
  return { bucket: m[1], prefix: prefix ? `${prefix}/` : '' };
}
