import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';

// The attachment files of a migration: each complete file the source's attachments table names,
// as the server stores it (server/attachments.ts: <dir>/ab/cd/<sha>, or <sha>.sealed when sealed
// under the database key), handed byte for byte to an AttachmentTarget. Sealed files stay
// sealed: the target server must run with the same CENSUS_SERVER_DB_KEY to read them. Partial
// uploads are not copied: a laptop whose upload finds no partial starts that file again.
// The target is an interface so that another place (an object store) can take the files; the
// folder target is the one built here.

export interface StoredAttachmentFile {
  sha256: string;
  /** The file's name as stored: '<sha>' or '<sha>.sealed'. */
  name: string;
  /** Path below the attachments folder: 'ab/cd/<name>'. */
  relativePath: string;
  absolutePath: string;
  /** Bytes on disk (sealed: more than the attachment's size). */
  bytes: number;
}

export interface AttachmentTarget {
  /** Where the files go, for messages. */
  readonly description: string;
  /** Whether the target reads the very same files as the source (nothing to copy). */
  readonly isSource: boolean;
  /** Whether it already holds this stored file whole. */
  has(file: StoredAttachmentFile): Promise<boolean>;
  /** Stores the file (a complete copy or nothing: never a torn file under the final name). */
  put(file: StoredAttachmentFile): Promise<void>;
}

const SHA = /^[0-9a-f]{64}$/;

function sizeOf(file: string): number | null {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

/** The stored files of one attachment in the source folder (none when it is missing). */
export function storedFiles(dir: string, sha: string): StoredAttachmentFile[] {
  if (!SHA.test(sha)) return [];
  const out: StoredAttachmentFile[] = [];
  for (const name of [sha, `${sha}.sealed`]) {
    const relativePath = path.join(sha.slice(0, 2), sha.slice(2, 4), name);
    const absolutePath = path.join(dir, relativePath);
    const bytes = sizeOf(absolutePath);
    if (bytes !== null) out.push({ sha256: sha, name, relativePath, absolutePath, bytes });
  }
  return out;
}

/** An attachments folder (a local disk or a shared volume every server process mounts). */
export function folderAttachmentTarget(dir: string, sourceDir: string): AttachmentTarget {
  const resolved = path.resolve(dir);
  const isSource = resolved === path.resolve(sourceDir);
  return {
    description: resolved,
    isSource,
    async has(file) {
      return sizeOf(path.join(resolved, file.relativePath)) === file.bytes;
    },
    async put(file) {
      const dest = path.join(resolved, file.relativePath);
      await fs.promises.mkdir(path.dirname(dest), { recursive: true });
      const temp = `${dest}.migrating-${process.pid}`;
      try {
        await fs.promises.copyFile(file.absolutePath, temp);
        const copied = sizeOf(temp);
        if (copied !== file.bytes) throw new Error(`copied ${copied ?? 0} of ${file.bytes} bytes`);
        const handle = await fs.promises.open(temp, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.rename(temp, dest);
      } catch (e) {
        await fs.promises.rm(temp, { force: true });
        throw e;
      }
    },
  };
}

export interface AttachmentCopyReport {
  target: string;
  /** Rows of the attachments table. */
  records: number;
  /** Files copied now. */
  copied: number;
  /** Files the target already held (or shares with the source). */
  present: number;
  bytes: number;
  /** Attachments whose file the source itself does not have (the server could not serve them either). */
  missing: string[];
}

/**
 * Hands every complete attachment file the source's table names to `target`. Runs inside the
 * source's read transaction (the table as copied); a failure to store a file throws, so the
 * caller's target transaction rolls back. Files already copied stay: they are named by their
 * content and harm nothing.
 */
export async function copyAttachmentFiles(
  source: Database.Database,
  sourceDir: string,
  target: AttachmentTarget,
  onFile: (done: number) => void = () => undefined,
): Promise<AttachmentCopyReport> {
  const report: AttachmentCopyReport = { target: target.description, records: 0, copied: 0, present: 0, bytes: 0, missing: [] };
  const shas = source.prepare<[], string>('SELECT sha256 FROM attachments ORDER BY sha256').pluck().all();
  for (const sha of shas) {
    report.records += 1;
    const files = storedFiles(sourceDir, sha);
    if (files.length === 0) {
      report.missing.push(sha);
      continue;
    }
    for (const file of files) {
      if (target.isSource || (await target.has(file))) {
        report.present += 1;
        continue;
      }
      try {
        await target.put(file);
      } catch (e) {
        throw new Error(`附件复制失败 / Copying attachment ${file.relativePath} to ${target.description} failed: ${e instanceof Error ? e.message : String(e)}`, {
          cause: e,
        });
      }
      report.copied += 1;
      report.bytes += file.bytes;
    }
    onFile(report.records);
  }
  return report;
}
