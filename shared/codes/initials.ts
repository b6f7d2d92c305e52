import { pinyin } from 'pinyin-pro';

// Pinyin initials of a Chinese name, lower-case ("零售业" → "lsy"), the key pickers match
// typed abbreviations against. pinyin-pro picks readings from context for polyphones
// (长春 → cc, 重庆 → cq). Latin letters and digits in a name are kept; punctuation is
// dropped. The pinyin dictionary is large: code lists carry precomputed initials, so the
// renderer never needs to import this module.
export function pinyinInitials(text: string): string {
  const letters = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' });
  let out = '';
  for (const letter of letters) {
    const lower = letter.toLowerCase();
    if (/^[a-z0-9]$/.test(lower)) out += lower;
  }
  return out;
}
