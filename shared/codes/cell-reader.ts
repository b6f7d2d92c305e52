import { industryClasses, isInCensusScope } from './industry';
import type { CodeList } from './types';

// Reading a coded cell of an imported file the way people and Excel write it: the code alone
// ("112", or 112 stored as a number), the code with its name ("112 私营有限责任公司", "112-私营…",
// "私营有限责任公司(112)"), or the exact name alone ("私营有限责任公司", "企业"). Full-width digits
// and brackets are read as half-width (NFKC), and a code that lost its leading zero in a
// numeric cell (0610 → 610) is restored with a note. One reader for every coded column of both
// imports (listing frame and directory), so they accept and refuse the same things, and a
// refusal always says what is expected.

export interface CodedChoice<V extends string = string> {
  value: V;
  /** The code written on the forms ('112'); null for a choice known by name only. */
  code: string | null;
  zh: string;
  en?: string;
  /** Other names people write for it ('个体户' for 个体经营户, '规模以上' for 规上). */
  aliases?: readonly string[];
}

export interface LocalText {
  zh: string;
  en: string;
}

export type CodedRead<V extends string> = { ok: true; value: V; note?: LocalText } | { ok: false; reason: LocalText };

/** NFKC (full-width → half-width), no spaces, lower case: how cells and names are compared. */
export const normaliseCell = (text: string): string => text.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();

/** A name without its bracketed note: '停业(歇业)' → '停业'. */
const bare = (name: string): string => name.replace(/\([^()]*\)$/, '');

/** Every name a choice answers to, normalised (its bracketed notes dropped as another form). */
function namesOf(choice: CodedChoice): string[] {
  const names = [choice.zh, ...(choice.en ? [choice.en] : []), ...(choice.aliases ?? [])].map(normaliseCell);
  return [...new Set([...names, ...names.map(bare)])].filter((n) => n !== '');
}

/** How a list's choices are looked up; built once per list. */
export interface CodedColumn<V extends string = string> {
  /** The column's name for messages ('登记注册统计类别'). */
  what: LocalText;
  choices: readonly CodedChoice<V>[];
  byCode: ReadonlyMap<string, CodedChoice<V>>;
  byName: ReadonlyMap<string, CodedChoice<V>[]>;
  /** Set when every code has this many digits (a numeric cell may have lost leading zeros). */
  codeDigits: number | null;
}

export function codedColumn<V extends string>(what: LocalText, choices: readonly CodedChoice<V>[]): CodedColumn<V> {
  const byCode = new Map<string, CodedChoice<V>>();
  const byName = new Map<string, CodedChoice<V>[]>();
  for (const c of choices) {
    if (c.code !== null) byCode.set(normaliseCell(c.code), c);
    for (const name of namesOf(c)) {
      const list = byName.get(name) ?? [];
      if (!list.includes(c)) list.push(c);
      byName.set(name, list);
    }
  }
  const lengths = new Set(choices.map((c) => (c.code !== null && /^\d+$/.test(c.code) ? c.code.length : -1)));
  const [only] = [...lengths];
  return { what, choices, byCode, byName, codeDigits: lengths.size === 1 && only !== undefined && only > 0 ? only : null };
}

const label = (c: CodedChoice) => (c.code === null ? c.zh : `${c.code} ${c.zh}`);
const labelEn = (c: CodedChoice) => (c.code === null ? (c.en ?? c.zh) : `${c.code} ${c.en ?? c.zh}`);

/** What the column expects, for a refusal: every choice of a short list, examples of a long one. */
export function expectedText(column: CodedColumn): LocalText {
  const { choices } = column;
  if (choices.length <= 12) {
    return { zh: `应为：${choices.map(label).join('、')}`, en: `expected one of: ${choices.map(labelEn).join('; ')}` };
  }
  const [a, b] = choices.filter((c) => c.code !== null);
  const ex = a && b ? `“${a.code}”“${label(a)}”或“${a.zh}”` : '';
  const exEn = a && b ? `"${a.code}", "${label(a)}" or "${a.zh}"` : '';
  return {
    zh: `应填代码、“代码 名称”或名称，例如 ${ex}；完整代码见导入模板的“代码表”工作表`,
    en: `write the code, "code name" or the name, e.g. ${exEn}; the import template's code sheet lists them all`,
  };
}

function refuse(column: CodedColumn, text: string, why?: LocalText): { ok: false; reason: LocalText } {
  const expected = expectedText(column);
  return {
    ok: false,
    reason: {
      zh: `${column.what.zh}“${text}”${why ? `：${why.zh}` : '无法识别'}；${expected.zh}`,
      en: `${column.what.en} "${text}" ${why ? `: ${why.en}` : 'is not recognised'}; ${expected.en}`,
    },
  };
}

/** "112 私营有限责任公司", "112-私营…", "112、私营…", "112私营…" and "私营有限责任公司(112)" as [code, name]. */
function splitCodeAndName<V extends string>(column: CodedColumn<V>, n: string): [CodedChoice<V>, string] | null {
  const bracketed = /^(.+?)\(([0-9a-z]+)\)$/.exec(n);
  if (bracketed) {
    const choice = column.byCode.get(bracketed[2] ?? '');
    if (choice) return [choice, bracketed[1] ?? ''];
  }
  // The longest code the cell starts with: codes are short, names are not.
  for (let i = Math.min(8, n.length - 1); i >= 1; i -= 1) {
    const choice = column.byCode.get(n.slice(0, i));
    if (choice) return [choice, n.slice(i).replace(/^[-_.:、,;|/]+/, '')];
  }
  return null;
}

/** A coded cell (already trimmed, not blank) read against a column's choices. */
export function readCodedCell<V extends string>(column: CodedColumn<V>, text: string): CodedRead<V> {
  const n = normaliseCell(text);
  const byCode = column.byCode.get(n);
  if (byCode) return { ok: true, value: byCode.value };
  const named = column.byName.get(n);
  if (named && named.length === 1 && named[0]) return { ok: true, value: named[0].value };
  if (named && named.length > 1) {
    const codes = named.map((c) => c.code ?? c.zh).join('、');
    return refuse(column, text, { zh: `这个名称对应多个代码（${codes}），请填代码`, en: `this name fits several codes (${codes}); write the code` });
  }
  if (column.codeDigits !== null && /^\d+$/.test(n) && n.length < column.codeDigits) {
    const padded = column.byCode.get(n.padStart(column.codeDigits, '0'));
    if (padded && padded.code !== null) {
      return {
        ok: true,
        value: padded.value,
        note: { zh: `${column.what.zh} ${n} 读作 ${padded.code}（表格把它存成了数字，丢了开头的 0）`, en: `${column.what.en} ${n} read as ${padded.code} (a numeric cell dropped the leading zero)` },
      };
    }
  }
  const split = splitCodeAndName(column, n);
  if (split) {
    const [choice, name] = split;
    const names = namesOf(choice);
    if (names.includes(name) || names.includes(bare(name))) return { ok: true, value: choice.value };
    return refuse(column, text, { zh: `代码 ${choice.code} 是“${choice.zh}”，与所填名称不符`, en: `code ${choice.code} is "${choice.en ?? choice.zh}", which does not match the name` });
  }
  return refuse(column, text);
}

/** A code list of a form pack as choices (value = code). */
export function codeListColumn(list: CodeList, what?: LocalText): CodedColumn {
  return codedColumn(
    what ?? { zh: list.nameZh, en: list.nameEn },
    list.entries.map((e) => ({ value: e.code, code: e.code, zh: e.zh, en: e.en })),
  );
}

/** GB/T 4754-2017 小类 (4-digit classes) as choices; `inCensusOnly` drops divisions 01–04. */
export function industryColumn(what: LocalText, inCensusOnly = false): CodedColumn {
  return codedColumn(
    what,
    industryClasses()
      .filter((c) => !inCensusOnly || isInCensusScope(c.code))
      .map((c) => ({ value: c.code, code: c.code, zh: c.name })),
  );
}
