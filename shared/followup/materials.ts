import type { MaterialKey, MaterialReason } from './work';

// Which application materials a unit's 入库 application carries (the provincial rules: 纳入申报表;
// the licence; the latest income statement; the VAT return for the same period with its 附列资料(一);
// for a unit more than three years old, the VAT returns of every year since founding; a 新建投产
// statement for a newly built unit; site photos; the truthfulness pledge; 12 months of ledger).

export interface MaterialCase {
  key: MaterialKey;
  reason: Exclude<MaterialReason, 'notRequired'>;
  years: number[] | null;
}

/** Whether a unit founded on `foundedOn` (ISO) is more than three years old on `today` (ISO). */
export function isOverThreeYears(foundedOn: string, today: string): boolean {
  const [y, m, d] = foundedOn.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const third = `${String(y + 3).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return today > third;
}

/** The years since founding whose annual VAT returns are due: the founding year to last year. */
export function yearsSinceFounding(foundedOn: string, today: string): number[] {
  const from = Number(foundedOn.slice(0, 4));
  const to = Number(today.slice(0, 4)) - 1;
  const out: number[] = [];
  for (let y = from; y <= to; y += 1) out.push(y);
  return out;
}

/** The checklist of a unit, in the order an application file is put together. */
export function materialsFor(unit: { foundedOn: string; isNewBuild: boolean }, today: string): MaterialCase[] {
  const always = (key: MaterialKey): MaterialCase => ({ key, reason: 'always', years: null });
  const out: MaterialCase[] = [always('application_form'), always('licence'), always('income_statement'), always('vat_return'), always('vat_attachment_1')];
  if (unit.foundedOn === '') out.push({ key: 'vat_returns_since_founding', reason: 'ageUnknown', years: null });
  else if (isOverThreeYears(unit.foundedOn, today)) out.push({ key: 'vat_returns_since_founding', reason: 'overThreeYears', years: yearsSinceFounding(unit.foundedOn, today) });
  if (unit.isNewBuild) out.push({ key: 'new_build_statement', reason: 'newBuild', years: null });
  out.push(always('site_photos'), always('pledge'), always('ledger_12m'));
  return out;
}
