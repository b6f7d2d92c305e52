import { normaliseIdentifier } from '@shared/census/identifiers';
import { refsOf } from '@shared/forms/refs';
import type { LoadedPack } from '@shared/packs/load';
import { primaryFormId } from '@shared/forms/unit-forms';
import type { FormsDoc } from '@shared/registration/registration';
import { AppError, type IssueDetail } from '@shared/result';
import type { UnitKind } from '@shared/registration/units';

// What main checks about a forms document beyond the wire schema, and the columns it copies
// out of it. Content (formats, required items, plausibility) is the rule engine's business;
// this only refuses documents that do not fit the form specs at all, so nothing the renderer
// invents (an unknown form, an item no form has) is ever stored.

/** Refuses unknown forms, unknown items, rows under a plain item and plain values under a
 * repeating section (AppError INVALID_INPUT listing each), by the unit's pack. A value the unit
 * already held under an item its pack does not have (kept from an earlier version) passes
 * unchanged: it is never dropped, and nothing new can be written under it. */
export function assertFormsFitSpecs(pack: LoadedPack, forms: FormsDoc, stored: FormsDoc = {}): void {
  const issues: IssueDetail[] = [];
  const kept = (formId: string, code: string, value: unknown) =>
    JSON.stringify(stored[formId]?.[code]) === JSON.stringify(value);
  for (const [formId, values] of Object.entries(forms)) {
    const spec = pack.form(formId);
    if (!spec) {
      if (JSON.stringify(stored[formId]) === JSON.stringify(values)) continue;
      issues.push({ path: formId, message: `没有此表 / No form '${formId}'` });
      continue;
    }
    const refs = refsOf(spec);
    const sections = new Map(spec.sections.filter((s) => s.repeat).map((s) => [s.id, s]));
    for (const [code, value] of Object.entries(values)) {
      const section = sections.get(code);
      if (section) {
        if (!Array.isArray(value)) {
          issues.push({ path: `${formId}.${code}`, message: '应为行列表 / Rows expected' });
          continue;
        }
        if (section.repeat && value.length > section.repeat.max) {
          issues.push({ path: `${formId}.${code}`, message: `最多 ${section.repeat.max} 行 / At most ${section.repeat.max} rows` });
        }
        const columns = new Set(section.items.map((i) => i.code));
        value.forEach((row, index) => {
          for (const column of Object.keys(row)) {
            if (!columns.has(column)) {
              issues.push({ path: `${formId}.${code}.${index}.${column}`, message: '此表没有该项 / No such item' });
            }
          }
        });
        continue;
      }
      const ref = refs.get(code);
      if ((!ref || ref.repeating) && kept(formId, code, value)) continue;
      if (!ref || ref.repeating) {
        issues.push({ path: `${formId}.${code}`, message: '此表没有该项 / No such item' });
      } else if (Array.isArray(value)) {
        issues.push({ path: `${formId}.${code}`, message: '应为单个值 / A single value expected' });
      }
    }
  }
  if (issues.length > 0) throw new AppError('INVALID_INPUT', '表格内容与表式不符 / The forms do not fit the form specs', issues.slice(0, 50));
}

export interface UnitIdentity {
  name: string;
  uscc: string;
  address: string;
  industryCode: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

const ADDRESS_PARTS = ['addrProvince', 'addrCity', 'addrCounty', 'addrTownship', 'addrDetail'] as const;

/**
 * The list columns as the forms now say them (611 or the individual form). An item the forms
 * leave blank keeps the current value (from the listing frame or creation): the list shows what
 * is known, and clearing a box in a half-filled form does not blank the unit in the list.
 */
export function identityFromForms(kind: UnitKind, forms: FormsDoc, current: UnitIdentity): UnitIdentity {
  const primary = forms[primaryFormId(kind)] ?? {};
  const address = ADDRESS_PARTS.map((part) => text(primary[part])).join('');
  const uscc = normaliseIdentifier(text(primary.uscc));
  return {
    name: text(primary.name) || current.name,
    uscc: uscc || current.uscc,
    address: address || current.address,
    industryCode: text(primary.industryCode) || current.industryCode,
  };
}
