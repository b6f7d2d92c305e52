import { pinyin, polyphonic } from 'pinyin-pro';
// @ts-expect-error -- pinyin-pro ships no types for its data files; the shape is checked below.
import { PatternsNormal } from 'pinyin-pro/dist/esm/data/patterns.mjs';

// Pinyin initials of a Chinese name, lower-case ("零售业" → "lsy"), the key pickers match
// typed abbreviations against. pinyin-pro picks readings from context for polyphones
// (长春 → cc, 重庆 → cq). Latin letters and digits in a name are kept; punctuation is
// dropped. The pinyin dictionary is large: code lists carry precomputed initials, so the
// renderer never needs to import this module.
//
// Every unit a sync writes gets initials, and a whole pinyin-pro call (~10 µs, it segments
// the text into dictionary words) is most of that cost. The call's result only depends on
// context where a dictionary word gives a character a reading whose initial differs from the
// character's own first reading (重庆 chóng vs 重 zhòng; 银行 háng vs 行 xíng): pinyin-pro
// reads a character from the word it segments it into, or else alone. Its other context
// rules (一/不 tone sandhi, 了) never change an initial, except 々, which repeats the
// character before it. So `pinyinInitials` reads each character's initial alone (memoised)
// and calls pinyin-pro on the whole text only when one of those words occurs in it over the
// character, or for 々. test/directory/pinyin-initials.test.ts proves it equal to the plain call.
// The word list comes from pinyin-pro's data file (not its public API): an upgrade that moves
// or reshapes it fails the import or the checks below, loudly. Custom readings registered
// with pinyin-pro (customPinyin, addDict) would bypass this; the app registers none.

const FIRST = { pattern: 'first', toneType: 'none', type: 'array' } as const;

/** The plain pinyin-pro call over the whole text: always right, ~10 µs a name. */
export function pinyinInitialsReference(text: string): string {
  let out = '';
  for (const letter of pinyin(text, FIRST)) out += keep(letter);
  return out;
}

function keep(letter: string): string {
  const lower = letter.toLowerCase();
  return /^[a-z0-9]$/.test(lower) ? lower : '';
}

interface Occurrence {
  word: string;
  /** UTF-16 offset of the character in `word`. */
  offset: number;
  /** The character's initial inside `word`; null when not plainly a-z (never trusted). */
  letter: string | null;
}

// pinyin-pro strips tones after taking the first letter; these are the toned first letters
// its readings use. Anything else (ê, ü) is left unknown and treated as differing.
const TONED = new Map<string, string>();
for (const [plain, toned] of Object.entries({ a: 'āáǎà', o: 'ōóǒò', e: 'ēéěè', i: 'īíǐì', u: 'ūúǔù', n: 'ńňǹ', m: 'ḿ' })) {
  for (const ch of toned) TONED.set(ch, plain);
}

function syllableLetter(syllable: string): string | null {
  const first = syllable[0];
  if (first === undefined) return '';
  return /^[a-z]$/.test(first) ? first : (TONED.get(first) ?? null);
}

// Surname words only apply in pinyin-pro's surname mode, which this module never turns on.
const SURNAME_PRIORITY = 10;

/** Every character of every dictionary word pinyin-pro segments by, with its reading there. */
function dictionaryOccurrences(patterns: unknown): Map<string, Occurrence[]> {
  if (!Array.isArray(patterns) || patterns.length === 0) throw new Error('pinyin-pro: word dictionary not found');
  const entries: unknown[] = patterns;
  const byChar = new Map<string, Occurrence[]>();
  for (const p of entries) {
    if (typeof p !== 'object' || p === null || !('zh' in p) || !('pinyin' in p) || !('priority' in p)) {
      throw new Error('pinyin-pro: unexpected word dictionary entry');
    }
    const { zh, pinyin: reading, priority } = p;
    if (typeof zh !== 'string' || typeof reading !== 'string') throw new Error('pinyin-pro: unexpected word dictionary entry');
    if (priority === SURNAME_PRIORITY) continue;
    const syllables = reading.split(' ');
    let offset = 0;
    let index = 0;
    for (const ch of zh) {
      const list = byChar.get(ch) ?? [];
      list.push({ word: zh, offset, letter: syllableLetter(syllables[index] ?? '') });
      byChar.set(ch, list);
      offset += ch.length;
      index++;
    }
  }
  return byChar;
}

// Built on first use (~10 ms), not at import: the main process imports this at startup.
let occurrences: Map<string, Occurrence[]> | null = null;

interface CharInfo {
  /** The character's initial when read alone ('' when it contributes nothing). */
  letter: string;
  /** Dictionary words that would give it another initial. */
  risky: readonly Occurrence[];
}

// Bounded: names use a few thousand distinct characters, but any text may come through.
const MEMO_LIMIT = 20_000;
const memo = new Map<string, CharInfo | null>();

function charInfo(ch: string): CharInfo | null {
  let info = memo.get(ch);
  if (info !== undefined) return info;
  if (ch === '々') {
    info = null;
  } else {
    // Where no word covers it, pinyin-pro reads a character by its first dictionary reading
    // (a non-Chinese one stays itself): polyphonic() lists the readings in that order, and
    // unlike pinyin() it does not build the word index (~40 ms on first use).
    const letter = keep(polyphonic(ch, FIRST)[0]?.[0] ?? '');
    occurrences ??= dictionaryOccurrences(PatternsNormal);
    info = { letter, risky: (occurrences.get(ch) ?? []).filter((o) => o.letter !== letter) };
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(ch, info);
  return info;
}

export function pinyinInitials(text: string): string {
  let out = '';
  let at = 0;
  // for-of walks code points, as pinyin-pro splits text (astral characters stay whole).
  for (const ch of text) {
    const info = charInfo(ch);
    if (info === null) return pinyinInitialsReference(text);
    for (const o of info.risky) {
      if (at >= o.offset && text.startsWith(o.word, at - o.offset)) return pinyinInitialsReference(text);
    }
    out += info.letter;
    at += ch.length;
  }
  return out;
}
