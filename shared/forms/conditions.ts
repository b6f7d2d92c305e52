import type { Condition, Scalar, Value } from './types';
import { isBlank, numberOf, textOf } from './values';

/** Resolves an item code to its current value (row first, then form; see types.ts). */
export type Lookup = (code: string) => Value;

// Codes are compared as text so 10 and '10' match: values typed into a box arrive as strings,
// values imported from a directory may be numbers.
const same = (value: Value, expected: Scalar): boolean =>
  !isBlank(value) && textOf(value) === String(expected);

/** The codes of a multi-choice answer ('1,3' → ['1', '3']); a single code is a list of one. */
export function codesOf(value: Value): string[] {
  return textOf(value)
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/** The one evaluator for skip logic, conditional requirements and rule guards. An empty item
 * satisfies `empty`, `ne`, `notIn`, `notPrefix` and `lacks` only; a number comparison on an empty or
 * unreadable value is false. */
export function evaluateCondition(cond: Condition, get: Lookup): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, get));
  if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, get));
  if ('not' in cond) return !evaluateCondition(cond.not, get);
  const value = get(cond.item);
  switch (cond.op) {
    case 'empty':
      return isBlank(value);
    case 'notEmpty':
      return !isBlank(value);
    // Booleans may arrive as 'true'/'false' text from a form library; nothing else counts, so
    // GEN-FORMAT and conditions agree on what a yes/no answer is.
    case 'isTrue':
      return value === true || value === 'true';
    case 'isFalse':
      return value === false || value === 'false';
    case 'eq':
      return same(value, cond.value);
    case 'ne':
      return !same(value, cond.value);
    case 'in':
      return cond.value.some((v) => same(value, v));
    case 'notIn':
      return !cond.value.some((v) => same(value, v));
    case 'prefix': {
      const t = textOf(value);
      return t !== '' && cond.value.some((p) => t.startsWith(p));
    }
    case 'notPrefix': {
      const t = textOf(value);
      return t === '' || !cond.value.some((p) => t.startsWith(p));
    }
    case 'has':
      return cond.value.some((v) => codesOf(value).includes(v));
    case 'lacks':
      return !cond.value.some((v) => codesOf(value).includes(v));
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      const n = numberOf(value);
      if (n === undefined) return false;
      if (cond.op === 'gt') return n > cond.value;
      if (cond.op === 'ge') return n >= cond.value;
      if (cond.op === 'lt') return n < cond.value;
      return n <= cond.value;
    }
  }
}

/** Every item code a condition reads; used to check specs and rules refer to real items. */
export function conditionItems(cond: Condition): string[] {
  if ('all' in cond) return cond.all.flatMap(conditionItems);
  if ('any' in cond) return cond.any.flatMap(conditionItems);
  if ('not' in cond) return conditionItems(cond.not);
  return [cond.item];
}
