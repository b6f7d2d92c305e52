import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { pinyin } from 'pinyin-pro';
// @ts-expect-error -- pinyin-pro ships no types for its data files.
import { PatternsNormal } from 'pinyin-pro/dist/esm/data/patterns.mjs';
import { describe, expect, it } from 'vitest';
import { generateUnits, prng } from '../../scripts/bench/registration-seed';
import { pinyinInitials } from '@shared/codes/initials';

// pinyinInitials reads most names character by character instead of calling pinyin-pro on
// the whole text. It must answer exactly as the original implementation, copied here, does.
function original(text: string): string {
  const letters = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' });
  let out = '';
  for (const letter of letters) {
    const lower = letter.toLowerCase();
    if (/^[a-z0-9]$/.test(lower)) out += lower;
  }
  return out;
}

function differences(texts: Iterable<string>): { text: string; got: string; want: string }[] {
  const out: { text: string; got: string; want: string }[] = [];
  for (const text of texts) {
    const got = pinyinInitials(text);
    const want = original(text);
    if (got !== want && out.length < 20) out.push({ text, got, want });
  }
  return out;
}

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../data');
const tsvNames = (text: string, column: string): string[] => {
  const [header = '', ...rows] = text.split('\n');
  const at = header.split('\t').indexOf(column);
  return rows.map((row) => row.split('\t')[at] ?? '').filter((name) => name !== '');
};

const dictionaryWords: string[] = PatternsNormal.map((p: { zh: string }) => p.zh);

const hardCases = [
  // Empty and blank.
  '', ' ', '   ', '\t', '\n',
  // Polyphones read from context, and the same characters outside their words.
  '长春', '重庆', '银行', '行长', '长春市长', '重庆重型机械厂', '中国银行宁夏分行', '行走', '商行', '银行行长',
  '乐山', '音乐', '快乐', '长乐', '长城街', '重量', '重新', '朝阳', '朝代', '曾经', '曾国藩', '单于', '单县',
  '解放', '解家', '藏族', '西藏', '传记', '传说', '大夫', '大漠', '汽车', '车马炮', '枸杞', '女红', '技术',
  // Characters whose dictionary words give another initial than any reading of their own.
  '傍若无人', '傍晚', '阿房宫', '房地产', '合从连衡', '从业人员',
  // Tone sandhi and reduplication.
  '了解', '了不起', '为了', '一一', '一个', '一样', '不要', '不对', '说不说', '看一看', '人々', '々', '時々', '佐々木',
  // Latin letters, digits, punctuation, full-width forms.
  'ABC有限公司', 'abc', '3M中国有限公司', 'H&M', 'T恤', 'X光', 'KTV', '7天连锁酒店', '１２３', 'ＡＢＣ公司',
  '（中卫）有限公司', '中卫市(分店)', '《人民日报》社', '中卫市-沙坡头区', 'a b c', '中卫 商贸', 'No.1', '第1门市部',
  'café', 'İstanbul', '\u212A', 'ß', 'Ⅻ', '①号楼', '〇', '〇一二',
  // Emoji, characters outside the BMP, lone surrogates.
  '😀餐饮', '👨‍👩‍👧店', '𠀀𠀁', '𫭟', '\uD840', '\uDC00a', 'a\uD840', '𠮷野家', '𪚥',
  // Traditional characters and readings pinyin-pro knows little of.
  '從業', '銀行', '長春', '重慶', '樂山', '臺灣', '欸', '嗯', '呣', '噷',
  // Whole realistic names.
  '宁夏回族自治区中卫市沙坡头区', '中卫市大漠汽车修理有限公司', '中卫市枸杞红信息技术有限责任公司',
];

describe('pinyinInitials', () => {
  it('reads polyphones from their words', () => {
    expect(pinyinInitials('长春')).toBe('cc');
    expect(pinyinInitials('重庆')).toBe('cq');
    expect(pinyinInitials('中国银行')).toBe('zgyh');
    expect(pinyinInitials('零售业')).toBe('lsy');
    expect(pinyinInitials('3M中国（宁夏）')).toBe('3mzgnx');
  });

  it('answers as the plain pinyin-pro call for hand-picked hard cases', () => {
    expect(differences(hardCases)).toEqual([]);
  });

  it('answers as the plain pinyin-pro call for the 10,000 benchmark units (names, addresses)', () => {
    const units = generateUnits(10_000);
    expect(differences(units.map((u) => u.name))).toEqual([]);
    expect(differences(new Set(units.map((u) => u.address)))).toEqual([]);
  });

  it('answers as the plain pinyin-pro call for the names in data/', () => {
    const industry = tsvNames(readFileSync(path.join(dataDir, 'gbt4754-2017.tsv'), 'utf8'), 'name');
    expect(industry.length).toBeGreaterThan(1700);
    expect(differences(industry)).toEqual([]);
    const county = tsvNames(readFileSync(path.join(dataDir, 'divisions/640502.tsv'), 'utf8'), 'name');
    expect(differences(county)).toEqual([]);
    const country = tsvNames(gunzipSync(readFileSync(path.join(dataDir, 'divisions/divisions-2023.tsv.gz'))).toString('utf8'), 'name');
    const sample = country.filter((_, i) => i % 10 === 0);
    expect(sample.length).toBeGreaterThan(60_000);
    expect(differences(sample)).toEqual([]);
  });

  it("answers as the plain pinyin-pro call for pinyin-pro's own dictionary words, alone and in names", () => {
    expect(dictionaryWords.length).toBeGreaterThan(4000);
    const texts = dictionaryWords.flatMap((w) => [w, `${w}行`, `重${w}`, `中卫${w}长乐商行`, `A${w}1`]);
    expect(differences(texts)).toEqual([]);
  });

  it('answers as the plain pinyin-pro call for every character alone (more than the memo holds)', () => {
    const ranges: [number, number][] = [
      [0x20, 0x24f], [0x2160, 0x218f], [0x2460, 0x24ff], [0x2e80, 0x2fdf], [0x3000, 0x30ff], [0x3400, 0x4dbf],
      [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xffef], [0x1f300, 0x1f6ff],
      [0x20000, 0x2a6df], [0x2a700, 0x2ebef],
    ];
    const chars: string[] = [];
    for (const [from, to] of ranges) for (let c = from; c <= to; c++) chars.push(String.fromCodePoint(c));
    expect(chars.length).toBeGreaterThan(20_000);
    expect(differences(chars)).toEqual([]);
  });

  it('answers as the plain pinyin-pro call for random mixes of polyphones, words and symbols', () => {
    const pool = [
      ...'行长重乐了不一々傍房从朝曾单解藏传大车红术银庆春山音快城量新阳代经族西说看人时佐木中卫市商有限公司',
      ...'ABCxyz019 .-()（）＆ＡＢ１２',
      '\u212A', 'İ', '😀', '𠀀', '𫭟', '\uD840', '\uDC00',
    ];
    const rand = prng(4754);
    const texts = Array.from({ length: 20_000 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pool[Math.floor(rand() * pool.length)] ?? '').join(''),
    );
    expect(differences(texts)).toEqual([]);
  });
});
