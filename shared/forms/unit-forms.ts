import type { UnitKind } from '../registration/units';
import type { FormValues } from './types';
import { isBlank, textOf } from './values';

// Which forms a census unit fills. Pure, so the renderer (which tabs to show) and main
// (which forms to evaluate before a unit counts as complete) agree. The ids are those of
// shared/forms/specs.
//
// - 个体经营户: the individual form only.
// - 法人单位: 611, 611-1 when 611 says it has establishments, 611-2, one indicator table chosen
//   by its accounting regime (611-3 企业会计准则 / 611-4 the other regimes), and 611-8.
// - 产业活动单位: 611 only (its skip logic hides the legal-entity items).

export const INDIVIDUAL_FORM = 'individual';
export const BASIC_FORM = '611';

/** A unit's answers, one document per form id. */
export type UnitForms = Readonly<Record<string, FormValues>>;

/** The form that carries a unit's name, USCC, address and industry: 611 or the individual form. */
export function primaryFormId(kind: UnitKind): string {
  return kind === 'individual' ? INDIVIDUAL_FORM : BASIC_FORM;
}

/**
 * The indicator table of a legal unit, from 611's 执行会计标准类别 (1 企业 → 611-3, any other
 * regime → 611-4). While that item is empty, 机构类型 decides the way the 611 spec's
 * `keepsEnterpriseAccounts` does (企业 and 合作社 keep enterprise accounts); with both empty the
 * table is not yet known and none is listed, never guessed.
 */
export function indicatorFormId(basic: FormValues | undefined): '611-3' | '611-4' | null {
  const standard = textOf(basic?.accountingStandard);
  if (standard !== '') return standard === '1' ? '611-3' : '611-4';
  const institution = textOf(basic?.institutionType);
  if (institution === '') return null;
  return institution === '10' || institution === '55' ? '611-3' : '611-4';
}

function saysYes(value: FormValues[string]): boolean {
  return !isBlank(value) && (value === true || textOf(value) === 'true' || textOf(value) === '1');
}

/** The form ids a unit of `kind` fills given its current answers, in the order they are shown. */
export function unitFormIds(kind: UnitKind, forms: UnitForms): string[] {
  if (kind === 'individual') return [INDIVIDUAL_FORM];
  if (kind === 'establishment') return [BASIC_FORM];
  const basic = forms[BASIC_FORM];
  const ids = [BASIC_FORM];
  if (saysYes(basic?.hasEstablishments)) ids.push('611-1');
  ids.push('611-2');
  const indicators = indicatorFormId(basic);
  if (indicators) ids.push(indicators);
  ids.push('611-8');
  return ids;
}
