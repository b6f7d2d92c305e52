// The verification checksum, computed identically by the client over its copy of the
// server's fields and by the server over its field state. Pure: the caller passes the hash
// function (node:crypto's sha256 as hex on both sides), since shared/ may not import node:*.
//
// One line per field: `entity \t entityId \t field \t version`, lines sorted by JS string
// order (UTF-16 code units; every part is ASCII by the protocol's regexes, so byte order is the
// same), joined with '\n', no trailing newline. Each of the 256 buckets hashes the lines of its
// entities, so a mismatch is narrowed to the few buckets that differ and only those are fetched
// again (POST /sync/snapshot { buckets }). The total hashes the non-empty buckets' hashes
// (`bucket \t hash` lines, sorted): as strong a comparison as hashing every line, and both
// sides can keep bucket hashes between syncs and recompute only the buckets that changed.

/** Hex digest of the UTF-8 text, e.g. sha256: `(t) => createHash('sha256').update(t).digest('hex')`. */
export type HashHex = (text: string) => string;

export interface ChecksumRow {
  entity: string;
  entityId: string;
  field: string;
  version: number;
  /** The entity's bucket when the caller has it stored; computed with `bucketOf` otherwise. */
  bucket?: string;
}

export interface Checksum {
  total: string;
  count: number;
  /** Non-empty buckets only: bucket ('00'–'ff') → hash of its lines. */
  buckets: Record<string, string>;
}

export function checksumLine(row: Pick<ChecksumRow, 'entity' | 'entityId' | 'field' | 'version'>): string {
  return `${row.entity}\t${row.entityId}\t${row.field}\t${row.version}`;
}

/** The bucket of an entity: the first two hex digits of the hash of its id. */
export function bucketOf(entityId: string, hash: HashHex): string {
  return hash(entityId).slice(0, 2);
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A bucket's hash from its lines, in any order (sorted here, in place). */
export function hashBucketLines(lines: string[], hash: HashHex): string {
  return hash(lines.sort(byText).join('\n'));
}

/** The total over bucket hashes (non-empty buckets only); hash('') when there are none. */
export function totalOfBuckets(buckets: Readonly<Record<string, string>>, hash: HashHex): string {
  return hash(
    Object.keys(buckets)
      .sort(byText)
      .map((b) => `${b}\t${buckets[b] ?? ''}`)
      .join('\n'),
  );
}

export function computeChecksum(rows: Iterable<ChecksumRow>, hash: HashHex): Checksum {
  const bucketCache = new Map<string, string>();
  const linesByBucket = new Map<string, string[]>();
  let count = 0;
  for (const row of rows) {
    let bucket = row.bucket ?? bucketCache.get(row.entityId);
    if (bucket === undefined) {
      bucket = bucketOf(row.entityId, hash);
      bucketCache.set(row.entityId, bucket);
    }
    const line = checksumLine(row);
    count += 1;
    const lines = linesByBucket.get(bucket);
    if (lines) lines.push(line);
    else linesByBucket.set(bucket, [line]);
  }
  const buckets: Record<string, string> = {};
  for (const bucket of [...linesByBucket.keys()].sort(byText)) {
    buckets[bucket] = hashBucketLines(linesByBucket.get(bucket) ?? [], hash);
  }
  return { total: totalOfBuckets(buckets, hash), count, buckets };
}

/** Buckets whose hashes differ, a bucket missing on one side included; sorted. */
export function differingBuckets(a: Record<string, string>, b: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).sort(byText);
}
