import { countyFindingsOf } from './county-cache';
import { z } from 'zod';
import type { AppDatabase, Db } from '@db/open';
import { duplicateIds, toUnitRow, type UnitRecord } from './units-queries';
import { Explanations, FormsDoc, type UnitDetail } from '@shared/registration/registration';
import { evaluateUnit, type UnitEvaluation } from '@shared/rules/unit-findings';
import type { UnitPreload } from '@shared/forms/preload';
import { UnitKind, UnitStatus } from '@shared/registration/units';
import { lastYearFromFrameRow } from '@shared/registration/frame-columns';
import { unitRuleContext } from './rules';
import { refusedCreations } from '../sync/refused';
import { packForUnit, packsOf } from '../forms/packs';
import type { PackChoice, PackRegistry } from '@shared/packs/registry';
import { valuesNotInPack } from '@shared/packs/migrate';
import { refsOf } from '@shared/forms/refs';
import { annualLastYear } from '../reconcile/last-year';

// A stored unit read back into typed parts, evaluated by the rule engine, and shaped for the
// wire. Stored JSON is parsed with the wire schemas: a document that no longer fits them is a
// bug or corruption and fails loudly rather than being shown half-read.

const FrameRow = z.record(z.string(), z.string());

export interface LoadedUnit {
  record: UnitRecord;
  kind: UnitKind;
  status: UnitStatus;
  forms: FormsDoc;
  explanations: Explanations;
  frameRow: Record<string, string> | null;
  lastYear: { revenue?: number; employees?: number } | null;
  /** The form pack it was filled under (null: the built-in pack, before packs had versions). */
  formPack: string | null;
}

/**
 * `lastYear` (what the cross-period rules compare with): the imported 快报 of the census year
 * when it lists the unit (electron/main/reconcile/last-year.ts), else the listing frame's 上年 columns.
 */
export function loadUnit(db: Db, record: UnitRecord): LoadedUnit {
  const frameRow = record.frameRow === null ? null : FrameRow.parse(JSON.parse(record.frameRow));
  const kind = UnitKind.parse(record.kind);
  const forms = FormsDoc.parse(JSON.parse(record.data));
  return {
    record,
    kind,
    status: UnitStatus.parse(record.status),
    forms,
    explanations: Explanations.parse(JSON.parse(record.explanations)),
    frameRow,
    lastYear: annualLastYear(db, kind, record.uscc, forms) ?? lastYearFromFrameRow(frameRow),
    formPack: record.formPack,
  };
}

/** The authoritative rule run over every form the unit fills, with the pack it is filled under. */
export function evaluateLoaded(
  db: AppDatabase,
  unit: Pick<LoadedUnit, 'kind' | 'lastYear' | 'formPack'>,
  forms: FormsDoc,
  now: Date,
): UnitEvaluation {
  const { pack } = packForUnit(db, unit.formPack);
  return evaluateUnit(pack, unit.kind, forms, unitRuleContext(db, now, unit.lastYear));
}

export function findingColumns(evaluation: UnitEvaluation) {
  return {
    findingsMandatory: evaluation.counts.mandatory,
    findingsVerify: evaluation.counts.verify,
    findingsHint: evaluation.counts.hint,
  };
}

/** The unit for the wire; `preload` is what its frame row offers (registration-preload.ts). */
/** `pack`: unitPackOf the unit, from the store handle (not a transaction on it). */
export function toDetail(db: Db, unit: LoadedUnit, evaluation: UnitEvaluation, preload: UnitPreload, pack: UnitPack): UnitDetail {
  const r = unit.record;
  const dups = duplicateIds(db, r);
  const county = countyFindingsOf(db, r.id);
  return {
    ...toUnitRow({ ...r, ...findingColumns(evaluation) }, dups.length > 0),
    hasCountyFinding: county !== null,
    version: r.version,
    source: r.source === 'field' ? 'field' : 'frame',
    forms: unit.forms,
    explanations: unit.explanations,
    notFoundReason: r.notFoundReason,
    outOfScopeReason: r.outOfScopeReason,
    frameRow: unit.frameRow,
    lastYear: unit.lastYear,
    findingList: evaluation.findings,
    duplicateIds: dups,
    county,
    preload,
    // Marked while the server's refusal of its creation stands (electron/main/sync/refused.ts).
    syncRefused: refusedCreations(db, 'unit', [r.id]).get(r.id) ?? null,
    formPack: pack.pack.ref,
    packFallback: pack.fallback,
    notInPack: notInPack(unit.forms, pack),
  };
}

/** The pack a unit is shown with, and every pack this laptop holds (for the names of items
 * its pack no longer has). */
export interface UnitPack extends PackChoice {
  registry: PackRegistry;
}

export function unitPackOf(db: AppDatabase, unit: Pick<LoadedUnit, 'formPack'>): UnitPack {
  return { ...packForUnit(db, unit.formPack), registry: packsOf(db) };
}

function notInPack(forms: FormsDoc, pack: UnitPack): UnitDetail['notInPack'] {
  return valuesNotInPack(forms, pack.pack).map((path) => {
    const [formId = '', code = ''] = path.split('.');
    let label: { zh: string; en: string } | null = null;
    // The newest other pack that names the item (the registry lists them as received).
    for (const ref of pack.registry.refs().reverse()) {
      const spec = pack.registry.get(ref)?.form(formId);
      const item = spec && code ? refsOf(spec).get(code)?.item : undefined;
      const section = spec?.sections.find((s) => s.id === code);
      if (item) label = { zh: item.labelZh, en: item.labelEn };
      else if (section) label = { zh: section.titleZh, en: section.titleEn };
      else if (spec && !code) label = { zh: spec.titleZh, en: spec.titleEn };
      if (label) break;
    }
    const value = code ? forms[formId]?.[code] : forms[formId];
    return { path, labelZh: label?.zh ?? code, labelEn: label?.en ?? code, value: (value ?? null) as never };
  });
}
