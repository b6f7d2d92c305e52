import ExcelJS from 'exceljs';
import { usccOfSerial } from './uscc';

// The files people bring to the imports, made here rather than kept as binaries: a 300-row
// listing frame (底册) as CSV in UTF-8, GBK, UTF-16 and Big5; a 2,000-enterprise directory (名录)
// written the way Excel writes one (coded cells as "112 私营有限责任公司" or the name alone,
// numbers stored as numbers, a date cell); a damaged and a truncated workbook; a file over the
// size limit. Deterministic: the same call gives the same bytes.

/** A valid USCC from a serial, with its check character. */
export const usccFor = (serial: number, area = '640502'): string => usccOfSerial(serial, serial % 2 === 0 ? '91' : '92', area);

/** Reverse of a double-byte decoder: the bytes of each character it can produce. */
function encoderFor(label: string): (text: string) => Uint8Array {
  const decoder = new TextDecoder(label);
  const map = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  return (text) => {
    const bytes: number[] = [];
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else {
        const pair = map.get(ch);
        if (!pair) throw new Error(`no ${label} code for ${ch}`);
        bytes.push(...pair);
      }
    }
    return new Uint8Array(bytes);
  };
}

let gbk: ((text: string) => Uint8Array) | undefined;
let big5: ((text: string) => Uint8Array) | undefined;
export const encodeGbk = (text: string) => (gbk ??= encoderFor('gbk'))(text);
export const encodeBig5 = (text: string) => (big5 ??= encoderFor('big5'))(text);

export function encodeUtf16(text: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = order === 'le' ? c & 0xff : c >> 8;
    out[3 + i * 2] = order === 'le' ? c >> 8 : c & 0xff;
  }
  return out;
}

const TRADES = ['商贸有限公司', '建材经营部', '餐饮店', '物流有限公司', '机械修理厂', '农资服务站'];
const STREETS = ['文昌南街', '鼓楼东街', '迎水路', '应理北街', '长城街'];
const INDUSTRIES = ['5212', '5165', '6210', '5438', '4320', '5171'];
const PLACES = ['沙坡头', '滨河', '文昌', '迎水', '东园'];

/** Sub-districts of 滨河镇 (640502100) that exist in the shipped division data. */
const AREAS = ['640502100002001', '640502100002002', '640502100006001', '640502100007001'];

export const FRAME_HEADER = ['普查小区代码', '单位详细名称', '统一社会信用代码', '详细地址', '单位类型', '行业代码', '上年营业收入（千元）', '上年从业人员'];

/** The 300-row listing frame as CSV text (CRLF, as Excel writes it). */
export function frameCsvText(rows = 300): string {
  const lines = [FRAME_HEADER.join(',')];
  for (let i = 1; i <= rows; i++) {
    const isIndividual = i % 5 === 0;
    lines.push(
      [
        AREAS[i % AREAS.length],
        `中卫市${PLACES[i % PLACES.length]}${String(i).padStart(3, '0')}${TRADES[i % TRADES.length]}`,
        isIndividual ? '' : usccFor(10_000 + i),
        `沙坡头区${STREETS[i % STREETS.length]}${i}号`,
        isIndividual ? '个体户' : i % 7 === 0 ? '2 产业活动单位' : '法人单位',
        INDUSTRIES[i % INDUSTRIES.length],
        String(1_000 + i * 37),
        String(3 + (i % 40)),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A small frame in traditional characters, as a Taiwan or Hong Kong office would keep it (Big5). */
export function frameBig5Bytes(): Uint8Array {
  const lines = ['普查小區代碼,單位詳細名稱,統一社會信用代碼,詳細地址,單位類型,行業代碼'];
  for (let i = 1; i <= 300; i++) lines.push(`${AREAS[i % AREAS.length]},中衛市沙坡頭區第${i}號商貿有限公司,${usccFor(20_000 + i)},沙坡頭區文昌南街${i}號,法人單位,5212`);
  return encodeBig5(`${lines.join('\r\n')}\r\n`);
}

/** The frame in each encoding the import must read. */
export function frameCsvFiles(): { label: string; fileName: string; bytes: Uint8Array }[] {
  const text = frameCsvText();
  return [
    { label: 'UTF-8', fileName: '底册-utf8.csv', bytes: new TextEncoder().encode(text) },
    { label: 'UTF-8 with BOM', fileName: '底册-utf8bom.csv', bytes: new TextEncoder().encode(`\uFEFF${text}`) },
    { label: 'GBK', fileName: '底册-gbk.csv', bytes: encodeGbk(text) },
    { label: 'UTF-16 LE', fileName: '底册-utf16le.csv', bytes: encodeUtf16(text.replaceAll(',', '\t'), 'le') },
    { label: 'UTF-16 BE', fileName: '底册-utf16be.csv', bytes: encodeUtf16(text, 'be') },
  ];
}

const REGISTRATION = ['112 私营有限责任公司', '私营有限责任公司', 112, '140 个人独资企业', '个人独资企业', '150合伙企业'] as const;
const INSTITUTION = ['企业', '10 企业', 10, '10企业'] as const;
const VILLAGES = [640502100002, 640502100006, 640502100007, 640502100008];

export const DIRECTORY_ENTERPRISES = 2_000;

/**
 * The district's 名录 as Excel writes it: the USCC column formatted as text, codes in every
 * form people type them, the division code, industry code and phone stored as numbers (one
 * industry code lost its leading zero), a date column, bold headers and a frozen first row.
 */
export async function directoryWorkbookBytes(count = DIRECTORY_ENTERPRISES): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Microsoft Excel';
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(['统一社会信用代码', '企业名称', '详细地址', '区划代码', '行业代码', '登记注册统计类别', '机构类型', '规模', '一套表', '包保责任人', '联系电话', '经营状态', '成立日期']).font = { bold: true };
  ws.getColumn(1).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (let i = 1; i <= count; i++) {
    ws.addRow([
      usccFor(100_000 + i),
      `宁夏${PLACES[i % PLACES.length]}${String(i).padStart(4, '0')}${TRADES[i % TRADES.length]}`,
      `中卫市沙坡头区${STREETS[i % STREETS.length]}${i}号`,
      VILLAGES[i % VILLAGES.length],
      i % 250 === 0 ? 610 : Number(INDUSTRIES[i % INDUSTRIES.length]),
      REGISTRATION[i % REGISTRATION.length],
      INSTITUTION[i % INSTITUTION.length],
      i % 9 === 0 ? '规上' : '规下',
      i % 11 === 0 ? '是' : '否',
      ['张伟', '王芳', '李娜'][i % 3],
      13_900_000_000 + i,
      i % 97 === 0 ? '停业（歇业）' : '在营',
      new Date(Date.UTC(2010 + (i % 12), i % 12, 1 + (i % 28))),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A real workbook cut short, as a copy interrupted half-way leaves it. */
export async function truncatedWorkbookBytes(): Promise<Buffer> {
  const full = await directoryWorkbookBytes(50);
  return full.subarray(0, Math.floor(full.length * 0.6));
}

/** Bytes that are no workbook at all under an .xlsx name (a damaged disk, a wrong attachment). */
export function corruptWorkbookBytes(): Buffer {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 17) % 251;
  return bytes;
}

/** A CSV just over the 10 MB limit. */
export function oversizedCsvBytes(): Buffer {
  const line = `${'640502100002001,中卫市超大文件测试商贸有限公司,,沙坡头区文昌南街1号,法人单位,5212,1000,5'}\r\n`;
  const size = 10 * 1024 * 1024 + 4096;
  return Buffer.from(`${FRAME_HEADER.join(',')}\r\n${line.repeat(Math.ceil(size / Buffer.byteLength(line)))}`, 'utf8');
}
