// Census forms as data. A FormSpec describes one printed table of the 五经普 form
// book: its sections, items and repeating groups. The renderer draws forms from specs, and the
// rule engine (shared/rules) reads the same specs, so a form and its checks cannot drift apart.
//

// Item codes are stable English keys ('foundedYm', 'industryCode') rather than the printed
// item numbers: the printed numbers changed between 四经普 and 五经普 and are uncertain here
// (see `printedNo`), while stored values and rules must not move when numbering is corrected.

/** Everything the forms hold. Numbers in integer/money items may arrive as digit strings from
 * an input box while the user types; the engine accepts both and reports what does not parse. */
export type Scalar = string | number | boolean;
export type Value = Scalar | null | undefined | FormValues[];
export interface FormValues {
  [code: string]: Value;
}

export const itemTypes = [
  'text',
  'integer',
  'money', // integer 千元; never a float
  'decimal', // exact decimal text such as '125.5' (kept as a string so nothing is rounded)
  'code', // a code from `codeList` or `options`
  'codes', // several codes of `codeList` or `options`, stored joined by ',' in list order ('1,3')
  'yearMonth', // 'YYYY-MM'
  'date', // 'YYYY-MM-DD'
  'phone',
  'email',
  'url',
  'boolean',
  'divisionCode', // 12-digit 统计用区划代码
  'areaCode', // 15-digit 普查小区代码 (普查区 12 + sequence 3)
  'industryCode', // 4-digit GB/T 4754-2017 小类
  'uscc', // 18-char 统一社会信用代码
  'orgCode', // 9-char 组织机构代码
] as const;
export type ItemType = (typeof itemTypes)[number];

// ---- Conditions: a small JSON-able expression language, evaluated by one function
// (shared/forms/conditions.ts). `item` names an item code of the same form; inside a repeating
// row it resolves to the row's item when the row has one, else to the form's top-level item.
export type CompareOp = 'eq' | 'ne';
export type SetOp = 'in' | 'notIn';
export type PrefixOp = 'prefix' | 'notPrefix';
export type NumberOp = 'gt' | 'ge' | 'lt' | 'le';
export type HasOp = 'has' | 'lacks';
export type Condition =
  | { item: string; op: 'empty' | 'notEmpty' | 'isTrue' | 'isFalse' }
  | { item: string; op: CompareOp; value: Scalar }
  | { item: string; op: SetOp; value: readonly Scalar[] }
  | { item: string; op: PrefixOp; value: readonly string[] }
  | { item: string; op: NumberOp; value: number }
  // A multi-choice ('codes') item: `has` is true when the answer includes any of the codes
  // (on a single-code item it is the same as `in`); `lacks` when it includes none of them.
  | { item: string; op: HasOp; value: readonly string[] }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

/** An inline option list, for small form-specific choices that are not national code lists
 * (e.g. 经营场所 有/无固定场所). National lists are referenced by `codeList` id instead. */
export interface Option {
  code: string;
  zh: string;
  en: string;
}

export interface Item {
  code: string;
  /** The item number printed on the form, where known; '(check)' marks uncertain ones. */
  printedNo?: string;
  labelZh: string;
  labelEn: string;
  type: ItemType;
  /** Display unit, e.g. '千元', '人', '平方米'. */
  unitZh?: string;
  unitEn?: string;
  /** A code list of the pack, by id. */
  codeList?: string;
  options?: readonly Option[];
  /** true, or a condition under which the item must be filled. Only checked while relevant. */
  required?: boolean | Condition;
  /** Why a conditional requirement applies; appended to the "please fill" message. */
  requiredNoteZh?: string;
  requiredNoteEn?: string;
  /** Skip logic: when false the item is hidden and not checked. Absent = always relevant. */
  relevant?: Condition;
  helpZh?: string;
  helpEn?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  /** A 'codes' item: at most this many codes may be chosen (absent: any number). */
  maxChoices?: number;
  /**
   * A computed (carried) item (not in a repeating section, not 'codes'): never typed, shown
   * read-only with where it comes from. CEL expressions with the names of check expressions
   * (shared/rules/expr.ts): own items by code, another form of the unit as `f611_2.employees`,
   * `settings.x`, and unitScale(…) when the pack has scaleBands. The value is that of the FIRST expression whose other
   * forms are all among the forms the unit fills (shared/forms/unit-forms.ts); a blank item it
   * names makes the value blank (no falling through to the next one); no such expression: the
   * item is not computed for that unit and is typed (611's 从业人员 of an establishment). Its type must be the item's (number for integer/money/decimal, bool for boolean,
   * text otherwise). Example: ["f611_3.revenue", "f611_4.revenue"]. On save main stores the
   * value (shared/forms/computed.ts); a blank result keeps what the item held. `required`
   * means the source must be filled: the finding names the source item.
   */
  compute?: readonly string[];
  /** Names of the compute expressions that may be blank: they reach the expression as '' (text)
   * or NaN (a number) instead of blanking the value, e.g. ["assets"] for unitScale(…). */
  computeAllowBlank?: readonly string[];
  /** Codes this item had in earlier versions of the pack: a unit moving to this version
   * carries its value over (shared/packs/migrate.ts). */
  renamedFrom?: readonly string[];
}

export interface Repeat {
  min: number;
  max: number;
  /** How one row is called in the UI, e.g. 产业活动单位 / establishment. */
  itemLabelZh: string;
  itemLabelEn: string;
}

export interface Section {
  /** For a repeating section this is also the key of its rows array in FormValues. */
  id: string;
  titleZh: string;
  titleEn: string;
  items: readonly Item[];
  repeat?: Repeat;
  relevant?: Condition;
}

export interface FormSpec {
  /** Stable id: '611', '611-1', … ; 'individual' for the 个体经营户 form. */
  id: string;
  /** The table number as printed ('611表'); absent where not known for certain. */
  printedNo?: string;
  version: string;
  titleZh: string;
  titleEn: string;
  /** Where the items come from, and what is uncertain. */
  source: string;
  sections: readonly Section[];
}
