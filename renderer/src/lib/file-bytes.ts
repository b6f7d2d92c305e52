// Files cross IPC (and the harness's JSON) as base64: the contract carries plain JSON only.

/** Base64 of a file's bytes, in chunks (String.fromCharCode takes only so many arguments). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Saves bytes as a download through a Blob URL and an <a download>: the same path works in
 * Electron (its will-download default saves to the user's Downloads with a dialog) and in the
 * browser harness, and needs no extra channel or Node API in the renderer.
 */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** An object URL for showing an evidence image or PDF in place; the caller revokes it. */
export function bytesToObjectUrl(base64: string, mime: string): string {
  return URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mime }));
}
