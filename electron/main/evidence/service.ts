import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@db/open';
import { insertEnterpriseChange, touchEnterprise } from '../directory/enterprise-writes';
import { getEvidence, liveEvidence, toEvidenceItem, upsertEvidence, type EvidenceRecord } from './queries';
import type { EvidenceRefValue } from '@shared/directory/sync-fields';
import type { ParsedInput } from '@shared/ipc/contract';
import type { EvidenceItem } from '@shared/ledger/wire';
import { AppError, userError } from '@shared/result';
import { requireEnterprise, type DirectoryOptions } from '../directory/service';
import { recordEnterpriseOps } from '../directory/ops';
import type { EvidenceFiles } from './files';
import { requireProfile } from '../registration/service';

// Evidence 原始记录: files of original records (photos, PDFs, spreadsheets) and the
// ledger figures they back. Bytes are kept once per SHA-256 inside the encrypted store and put
// on the sync attachment queue; the reference travels as the enterprise's field
// 'evidence.<id>'. Removal is a tombstone with a reason: evidence given is never silently lost.

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLS = 'application/vnd.ms-excel';

/** What the bytes are, from their first bytes; null for anything not accepted as evidence. */
export function sniffMime(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return XLSX;
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return XLS;
  // CSV: text without NUL bytes in its first 4 KB.
  const head = bytes.subarray(0, 4096);
  if (head.length > 0 && !head.includes(0)) return 'text/csv';
  return null;
}

const sameKind = (declared: string, sniffed: string): boolean =>
  declared === sniffed || (sniffed === 'text/csv' && (declared === 'text/plain' || declared === 'application/csv'));

export function refValue(r: EvidenceRecord): EvidenceRefValue {
  const item = toEvidenceItem(r, false);
  return {
    sha256: r.sha256,
    fileName: r.fileName,
    mimeType: r.mimeType,
    size: r.size,
    kind: item.kind,
    note: r.note,
    figures: item.figures,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    removedAt: r.removedAt,
    removedReason: r.removedReason,
  };
}

export function createEvidenceService(db: AppDatabase, files: EvidenceFiles, opts: DirectoryOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomUUID;
  const item = (r: EvidenceRecord): EvidenceItem => toEvidenceItem(r, files.has(r.sha256));

  function requireEvidence(id: string): EvidenceRecord {
    const r = getEvidence(db, id);
    if (!r || r.removedAt !== null) throw new AppError('NOT_FOUND', `没有此证明材料 / No evidence ${id}`);
    return r;
  }

  /** Writes a changed reference with its trace and op, in one transaction. */
  function write(
    next: EvidenceRecord,
    change: { path: string; from: unknown; to: unknown },
    reason: string | null,
    at: Date,
    alsoInTx?: (tx: Parameters<Parameters<AppDatabase['transaction']>[0]>[0]) => void,
  ): void {
    const profile = requireProfile(db);
    const stamp = at.toISOString();
    db.transaction((tx) => {
      const e = requireEnterprise(tx, next.enterpriseId);
      alsoInTx?.(tx);
      upsertEvidence(tx, next);
      touchEnterprise(tx, e.id, stamp);
      insertEnterpriseChange(tx, { enterpriseId: e.id, at: stamp, ...profile, action: 'evidence', changes: [change], reason });
      recordEnterpriseOps(tx, e.id, e.divisionCode, [{ field: `evidence.${next.id}`, value: refValue(next) }], at);
    });
  }

  return {
    attach(input: ParsedInput<'evidence:attach'>): EvidenceItem {
      const profile = requireProfile(db);
      requireEnterprise(db, input.enterpriseId);
      const bytes = Buffer.from(input.contentBase64, 'base64');
      // Refusals carry a reason the attach dialog shows as it is (which file, what is wrong).
      if (bytes.length === 0) throw userError('INVALID_INPUT', `文件是空的：${input.fileName}`, `${input.fileName} is empty`, [{ path: 'contentBase64', message: 'EMPTY' }]);
      if (bytes.length > MAX_EVIDENCE_BYTES) {
        throw userError('INVALID_INPUT', `文件超过 10 MB：${input.fileName}。请压缩图片或拆分 PDF 后再附上。`, `${input.fileName} is over 10 MB; shrink the image or split the PDF.`, [{ path: 'contentBase64', message: 'TOO_LARGE' }]);
      }
      const sniffed = sniffMime(bytes);
      if (!sniffed || !sameKind(input.mimeType, sniffed)) {
        throw userError(
          'INVALID_INPUT',
          `${input.fileName} 的内容不是它的扩展名所说的格式，或不是图片（PNG、JPEG）、PDF 或表格（XLSX、XLS、CSV）；只接受这些文件。`,
          `${input.fileName} is not what its extension says, or not an image (PNG, JPEG), PDF or spreadsheet (XLSX, XLS, CSV); only these are accepted.`,
          [{ path: 'mimeType', message: 'UNSUPPORTED' }],
        );
      }
      const at = now();
      const stamp = at.toISOString();
      // Bytes first (a file under its hash, idempotent): a failed transaction leaves at most an
      // unreferenced file, never a reference without its file.
      const sha256 = files.put(bytes, sniffed, stamp);
      const record: EvidenceRecord = {
        id: newId(),
        enterpriseId: input.enterpriseId,
        sha256,
        fileName: input.fileName,
        mimeType: sniffed,
        size: bytes.length,
        kind: input.kind,
        note: input.note,
        figures: JSON.stringify(input.figures),
        createdAt: stamp,
        createdBy: profile.userName,
        removedAt: null,
        removedReason: null,
      };
      const change = { path: `evidence.${record.id}`, from: null, to: { fileName: record.fileName, sha256, figures: input.figures, note: input.note } };
      write(record, change, null, at);
      return item(requireEvidence(record.id));
    },

    update(input: ParsedInput<'evidence:update'>): EvidenceItem {
      const current = requireEvidence(input.id);
      const next: EvidenceRecord = {
        ...current,
        note: input.note ?? current.note,
        kind: input.kind ?? current.kind,
        figures: input.figures ? JSON.stringify(input.figures) : current.figures,
      };
      if (next.note === current.note && next.kind === current.kind && next.figures === current.figures) return item(current);
      const before = refValue(current);
      const after = refValue(next);
      write(next, { path: `evidence.${current.id}`, from: { note: before.note, kind: before.kind, figures: before.figures }, to: { note: after.note, kind: after.kind, figures: after.figures } }, null, now());
      return item(requireEvidence(input.id));
    },

    remove(input: ParsedInput<'evidence:remove'>): { id: string } {
      const current = requireEvidence(input.id);
      const at = now();
      const next: EvidenceRecord = { ...current, removedAt: at.toISOString(), removedReason: input.reason };
      write(next, { path: `evidence.${current.id}`, from: { fileName: current.fileName }, to: null }, input.reason, at);
      return { id: input.id };
    },

    list(input: ParsedInput<'evidence:list'>): EvidenceItem[] {
      requireEnterprise(db, input.enterpriseId);
      const items = liveEvidence(db, input.enterpriseId).map(item);
      if (input.year === undefined) return items;
      return items.filter((i) => i.figures.length === 0 || i.figures.some((f) => f.year === input.year));
    },

    get(id: string): { item: EvidenceItem; contentBase64: string | null } {
      const r = requireEvidence(id);
      const bytes = files.read(r.sha256);
      return { item: toEvidenceItem(r, bytes !== null), contentBase64: bytes === null ? null : bytes.toString('base64') };
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
