import type ExcelJS from 'exceljs';
import type { FileDownload } from '@shared/directory/directory';
import { inertWorkbook } from '@shared/files/export-cells';

// The one way the laptop hands a workbook to the renderer as a download: every text cell made
// inert first (shared/files/export-cells.ts), then the bytes as base64 (files cross IPC as JSON).

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file name without the characters Windows refuses (an enterprise or draw name may hold them). */
export const safeFileName = (name: string): string => name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_');

export async function xlsxDownload(workbook: ExcelJS.Workbook, fileName: string): Promise<FileDownload> {
  inertWorkbook(workbook);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: safeFileName(fileName), mimeType: XLSX_MIME, contentBase64: buffer.toString('base64') };
}
