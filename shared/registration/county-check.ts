import { z } from 'zod';
import { normaliseIdentifier } from '@shared/census/identifiers';

// The bureau's county-wide check (查重 and 法人 ↔ 产业活动单位 links). A laptop holds only its own
// areas, so the server, which holds every unit of the county, decides these over all of them
// (server/store/sqlite/county.ts reads the facts; countyFindings below decides) and answers each
// laptop for the units in its scope (GET /registration/county-check). The laptop keeps the
// answer (electron/main/registration/county-cache.ts) so the findings survive offline.
// Another unit is named by identification only (id, name, area, type): never its figures.

/** The facts of a unit the check reads, from its synced fields. Missing item = blank. */
export interface CountyUnitFacts {
  id: string;
  areaCode: string;
  name: string;
  kind: string;
  /** 611 单位类型: '1' 法人, '2' 产业活动单位, '' otherwise (个体户, or not known). */
  unitType: '1' | '2' | '';
  uscc: string;
  parentUscc: string;
  parentOutsideCounty: boolean;
  /** 611-1 rows: the establishments the 法人 lists. */
  establishments: { estName: string; estUscc: string }[];
  isDeleted: boolean;
}

export const countyFindingKinds = ['duplicate', 'legal_as_establishment', 'unlisted_establishment', 'parent_missing'] as const;
export const CountyFindingKind = z.enum(countyFindingKinds);
export type CountyFindingKind = z.infer<typeof CountyFindingKind>;

export const CountyOther = z.object({
  id: z.string().max(64),
  name: z.string().max(200),
  uscc: z.string().max(40),
  areaCode: z.string().max(20),
  kind: z.string().max(20),
  unitType: z.enum(['1', '2', '']),
});
export type CountyOther = z.infer<typeof CountyOther>;

export const CountyFinding = z.object({
  unitId: z.string().max(64),
  kind: CountyFindingKind,
  /**
   * The value of the unit the finding was decided on (its USCC; for parent_missing its parent's
   * USCC): the laptop stops showing it once the unit no longer holds that value.
   */
  basis: z.string().max(40),
  /** The other unit; null for parent_missing (no such 法人 anywhere). */
  other: CountyOther.nullable(),
});
export type CountyFinding = z.infer<typeof CountyFinding>;

export const CountyCheckResponse = z.object({
  computedAt: z.string().max(40),
  /**
   * What the answer was computed from (the server's newest change, the caller's scope, the
   * check's version). A laptop sends back the one it holds (?asOf=); while nothing changed the
   * server answers `unchanged` with no findings, and the laptop's answer stands as of computedAt.
   */
  asOf: z.string().max(100),
  /**
   * The server's newest accepted change (gseq) the answer reflects: a laptop whose pull ended at
   * this same cursor knows nothing changed anywhere since, and need not ask again.
   */
  gseq: z.number().int().nonnegative(),
  unchanged: z.boolean(),
  findings: z.array(CountyFinding).max(100_000),
});
export type CountyCheckResponse = z.infer<typeof CountyCheckResponse>;

/** The unit's type: the 611 item when answered, else its kind (legal = 法人, establishment = 产业活动单位). */
export function unitTypeOf(item: unknown, kind: string): CountyUnitFacts['unitType'] {
  if (item === '1' || item === '2') return item;
  return kind === 'legal' ? '1' : kind === 'establishment' ? '2' : '';
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** 611-1 rows as the check reads them (anything else in the list is ignored). */
export function establishmentRows(value: unknown): CountyUnitFacts['establishments'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((row: unknown) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return [];
    const r = row as Record<string, unknown>;
    return [{ estName: text(r.estName), estUscc: text(r.estUscc) }];
  });
}

/** A name as compared with a 611-1 row: NFKC (（） = ()), no spaces or punctuation, lower case. */
export function normaliseUnitName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase();
}

/** Whether a 法人's 611-1 lists the establishment: by its USCC when the row has one, else by name. */
export function listsEstablishment(rows: CountyUnitFacts['establishments'], est: Pick<CountyUnitFacts, 'uscc' | 'name'>): boolean {
  const code = normaliseIdentifier(est.uscc);
  const name = normaliseUnitName(est.name);
  return rows.some((r) => {
    const rowCode = normaliseIdentifier(r.estUscc);
    if (rowCode !== '') return rowCode === code;
    return name !== '' && normaliseUnitName(r.estName) === name;
  });
}

export const otherOf = (u: CountyUnitFacts): CountyOther => ({ id: u.id, name: u.name, uscc: u.uscc, areaCode: u.areaCode, kind: u.kind, unitType: u.unitType });

/** Where the check finds the other units: live or not, the decision below filters. */
export interface CountyLookup {
  byUscc(uscc: string): CountyUnitFacts[];
  byParentUscc(uscc: string): CountyUnitFacts[];
}

/** The findings for the units in scope, decided over every unit of the county. */
export function countyFindings(scope: readonly CountyUnitFacts[], lookup: CountyLookup): CountyFinding[] {
  const findings: CountyFinding[] = [];
  for (const u of scope) {
    if (u.isDeleted) continue;
    const uscc = normaliseIdentifier(u.uscc);
    if (uscc !== '') {
      for (const o of lookup.byUscc(uscc)) {
        if (o.isDeleted || o.id === u.id || normaliseIdentifier(o.uscc) !== uscc) continue;
        const types = new Set([u.unitType, o.unitType]);
        const kind = types.has('1') && types.has('2') ? 'legal_as_establishment' : 'duplicate';
        findings.push({ unitId: u.id, kind, basis: uscc, other: otherOf(o) });
      }
      if (u.unitType === '1') {
        for (const e of lookup.byParentUscc(uscc)) {
          if (e.isDeleted || e.id === u.id || e.unitType !== '2' || normaliseIdentifier(e.parentUscc) !== uscc) continue;
          if (!listsEstablishment(u.establishments, e)) {
            findings.push({ unitId: u.id, kind: 'unlisted_establishment', basis: uscc, other: otherOf(e) });
          }
        }
      }
    }
    const parent = normaliseIdentifier(u.parentUscc);
    // A blank parent USCC is the 611's own rules' business (a required item), not the county's.
    if (u.unitType === '2' && parent !== '' && !u.parentOutsideCounty) {
      const found = lookup.byUscc(parent).some((p) => !p.isDeleted && p.unitType === '1' && normaliseIdentifier(p.uscc) === parent);
      if (!found) findings.push({ unitId: u.id, kind: 'parent_missing', basis: parent, other: null });
    }
  }
  return findings;
}
