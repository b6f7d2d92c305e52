import type { Db } from '@db/open';
import { normaliseIdentifier, usccOrgCode } from '@shared/census/identifiers';
import type { FormsDoc } from '@shared/registration/registration';
import { CENSUS_ANNUAL_YEAR } from '@shared/reconcile/columns';
import type { RuleContext } from '@shared/rules/types';
import { findAnnualFigures } from './queries';

// The review hook of 快报衔接: a census legal entity found in the imported 快报 of the census
// year (by USCC, then 组织机构代码) is compared by the forms' own cross-period rules
// (R611-REVENUE-CROSS-PERIOD, R611-EMPLOYEES-CROSS-PERIOD: 核实性, tolerances from the pack's
// settings) with the 快报's figures instead of the listing frame's 上年 columns. So the finding
// is the unit's like any other: counted in the review queue, listed on the form and in review,
// explained by the enumerator, and recounted when the 快报 is imported (service.ts).

export function annualLastYear(db: Db, kind: string, uscc: string, forms: FormsDoc): NonNullable<RuleContext['lastYear']> | null {
  if (kind !== 'legal') return null;
  const code = normaliseIdentifier(uscc);
  const typedOrg = forms['611']?.orgCode;
  const org = typeof typedOrg === 'string' && typedOrg.trim() !== '' ? normaliseIdentifier(typedOrg) : usccOrgCode(code);
  const hit = findAnnualFigures(db, CENSUS_ANNUAL_YEAR, code.length === 18 ? code : '', org);
  if (!hit) return null;
  return { ...(hit.revenue === null ? {} : { revenue: hit.revenue }), ...(hit.employees === null ? {} : { employees: hit.employees }) };
}
