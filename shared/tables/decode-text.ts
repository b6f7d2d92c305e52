import { userError } from '@shared/result';

// The text of a CSV file, whatever Chinese office software wrote it. Accepted: UTF-8 with or
// without a BOM (Excel's "CSV UTF-8", WPS, most tools), GBK/GB18030 (what Chinese Excel writes
// as plain "CSV"), and UTF-16 little- or big-endian with its BOM (Excel's "Unicode text"), or
// without one when its zero bytes make it plain. Anything else is refused with a message that
// names these encodings: Big5 (traditional Chinese) is also a valid GBK byte stream, so a plain
// GBK decoder would read it as nonsense and the import would say "no columns recognised".

export const ACCEPTED_ENCODINGS_ZH = 'UTF-8（带或不带 BOM）、GBK/GB18030、UTF-16（带 BOM）';
export const ACCEPTED_ENCODINGS_EN = 'UTF-8 (with or without BOM), GBK/GB18030, UTF-16 (with BOM)';

const SAVE_AS_ZH = '请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后再导入。';
const SAVE_AS_EN = 'Save it from Excel as "CSV UTF-8 (Comma delimited)" or as an Excel workbook (.xlsx) and import that.';

const encodingError = (source: string, zh: string, en: string) =>
  userError(
    'INVALID_INPUT',
    `${zh}：${source}。本程序可读取的编码：${ACCEPTED_ENCODINGS_ZH}。${SAVE_AS_ZH}`,
    `${en}: ${source}. Encodings read: ${ACCEPTED_ENCODINGS_EN}. ${SAVE_AS_EN}`,
    [{ path: 'contentBase64', message: 'ENCODING' }],
  );

const decode = (label: string, bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

/** 'le' / 'be' when the zero bytes fall on one side of most pairs (ASCII-heavy UTF-16 without BOM). */
function utf16WithoutBom(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'be';
  return null;
}

/**
 * Share of double-byte characters inside GB2312 (lead and trail bytes A1–FE, lead up to F7).
 * Simplified Chinese text in GBK stays there almost entirely (rare name characters in the GBK
 * extension are a few per cent at most); Big5 text read as GBK does not, because about 40 % of
 * Big5 characters have a trail byte below A1.
 */
function gb2312Share(bytes: Uint8Array): number {
  let pairs = 0;
  let inside = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x81) continue;
    const trail = bytes[i + 1] ?? 0;
    // A GB18030 four-byte sequence (second byte a digit) is outside GB2312 and counts as such.
    pairs += 1;
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) inside += 1;
    i += trail >= 0x30 && trail <= 0x39 ? 3 : 1;
  }
  return pairs === 0 ? 1 : inside / pairs;
}

/** The text of a CSV file; throws INVALID_INPUT with a reason naming the encodings accepted. */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decode('utf-8', bytes.subarray(3));
    if (text === null) throw encodingError(source, '文件以 UTF-8 标记开头，但内容不是有效的 UTF-8', 'The file starts with a UTF-8 mark but is not valid UTF-8');
    return text;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return new TextDecoder(`utf-16${utf16}`).decode(bytes);
  if (bytes.includes(0)) {
    throw encodingError(source, '文件不是文本文件（含有二进制内容），不是 CSV', 'The file is not text (it holds binary data), so it is not a CSV file');
  }
  const utf8 = decode('utf-8', bytes);
  if (utf8 !== null) return utf8;
  const gbk = decode('gb18030', bytes);
  if (gbk !== null && gb2312Share(bytes) >= 0.8) return gbk;
  if (decode('big5', bytes) !== null) {
    throw encodingError(source, '文件是繁体中文 Big5 编码，无法按简体中文读取', 'The file is in Big5 (traditional Chinese), which is not read');
  }
  if (gbk !== null) return gbk;
  throw encodingError(source, '无法识别文件的文字编码', 'The file’s text encoding is not recognised');
}
