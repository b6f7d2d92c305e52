// What people type, made into what the checks expect (docs/domain.md, "Identifiers": normalise
// full-width characters and inner spaces before checking). Chinese input methods switch to
// full-width easily, and a USCC typed as “９１３５ ０１００…” is the same code as 913501…; a
// revenue of “１２３” is 123. One function, applied wherever a value enters: form fields, ledger
// cells, search boxes, typed conflict resolutions, and main again before it stores a form.
//
// Codes, numbers and contact details get full Unicode NFKC (全角 → 半角) and lose every space,
// which no code or number may hold. Free text gets only its letters, digits and spaces made
// half-width (and canonical NFC): NFKC would also rewrite the full-width punctuation Chinese
// names and addresses are written with — （） → (), ，→ , and …… → ......

/**
 * code: identifiers and coded values (USCC, 组织机构代码, 区划/普查小区/行业代码, list codes,
 * dates); number: figures; contact: phone, e-mail, URL; text: names, addresses, free text.
 */
export type InputKind = 'code' | 'number' | 'contact' | 'text';

// U+FF01–U+FF5E mirror ASCII 0x21–0x7E; letters and digits are the ones text should lose.
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const IDEOGRAPHIC_SPACE = /\u3000/g;
const ANY_SPACE = /\s+/gu;
// NFKC leaves these minus signs alone; a figure typed with one means an ordinary minus.
const MINUS_SIGNS = /[\u2212\u2012\u2013\uFE63]/g;

const halfWidth = (ch: string): string => String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

/**
 * The normal form of typed text. Idempotent, and safe to apply on every keystroke (it never
 * trims the ends of free text, where a space may be the start of the next word).
 */
export function normaliseInput(text: string, kind: InputKind): string {
  switch (kind) {
    case 'text':
      return text.replace(FULL_WIDTH_ALNUM, halfWidth).replace(IDEOGRAPHIC_SPACE, ' ').normalize('NFC');
    // Normalised again once the spaces are out: a space between a letter and a combining mark
    // kept them apart, and without it they compose ('a \u0301' → 'á'), which keeps this idempotent.
    case 'number':
      return text.normalize('NFKC').replace(MINUS_SIGNS, '-').replace(ANY_SPACE, '').normalize('NFKC');
    case 'code':
    case 'contact':
      return text.normalize('NFKC').replace(ANY_SPACE, '').normalize('NFKC');
  }
}

/** A search box's text: free text made half-width, spaces kept (they separate the terms). */
export const normaliseSearch = (text: string): string => normaliseInput(text, 'text');

// Thousands separators as Excel and people write figures: 1,234,567 (after NFKC, ，→ ,).
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A figure's text with thousands separators taken out, when they are exactly that. */
export function ungroupFigure(text: string): string {
  const t = normaliseInput(text, 'number');
  return GROUPED.test(t) ? t.replaceAll(',', '') : t;
}
