import type { Lookup } from '../forms/conditions';
import type { FormValues, Section, Value } from '../forms/types';
import type { CompiledForm, ItemRef } from './compile';
import type { Var } from './format';
import type { Check, CheckFn, RuleContext, RuleSettings } from './types';

/** What a check sees: the primary item and its value in scope (a row, or the whole form). */
export interface CheckEnv {
  form: CompiledForm;
  /** Primary item code, or the section id for a section-level rule. */
  code: string;
  /** Undefined for a section-level rule. */
  ref: ItemRef | undefined;
  section: Section;
  value: Value;
  get: Lookup;
  root: FormValues;
  /** Row index when the rule runs on a row of a repeating section. */
  rowIndex: number | undefined;
  ctx: RuleContext;
  settings: RuleSettings;
}

/** A failed check: an optional reason (selects `byReason` messages) and template variables. */
export interface Failure {
  reason?: string;
  vars?: Readonly<Record<string, Var>>;
}

export const FAIL: Failure = {};

export interface CheckImpl<K extends CheckFn> {
  /** Run even when the primary item is empty (presence checks); all others skip empty items,
   * because emptiness is the business of the required rules alone. */
  onEmpty?: boolean;
  run: (env: CheckEnv, check: Extract<Check, { fn: K }>) => Failure | null;
}

export type CheckRegistry<K extends CheckFn> = { [F in K]: CheckImpl<F> };
