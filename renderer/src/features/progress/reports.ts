import type { FileDownload } from '@shared/directory/directory';
import type { AppErrorShape, Result } from '@shared/result';
import { base64ToBytes, downloadBytes } from '../../lib/file-bytes';

/** Saves a report main built (XLSX) as a download; returns the error when main refused. */
export async function saveReport(request: Promise<Result<FileDownload>>): Promise<AppErrorShape | null> {
  const result = await request;
  if (!result.ok) return result.error;
  downloadBytes(base64ToBytes(result.value.contentBase64), result.value.fileName, result.value.mimeType);
  return null;
}
