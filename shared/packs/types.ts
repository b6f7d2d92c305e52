import type { CodeList } from '../codes/types';
import type { Condition, FormSpec } from '../forms/types';
import type { UnitKind } from '../registration/units';
import type { PlausibilityTable, Rule } from '../rules/types';

// A form pack: every form, code list, edit rule, plausibility range and setting of one census
// round as one versioned document. The app ships its built-in pack (shared/packs/builtin/);
// the bureau publishes corrected versions through the server and laptops receive them by sync.
// Nothing about a form lives in TypeScript: the engine reads packs.

/** The pack document format this app reads. A pack with a higher number is refused (its
 * meaning may have changed), and the pack in force stays. Bump on any incompatible change. */
export const PACK_SCHEMA = 2;
/** Format 2 added `moves`: packs of format 1 are still read. */

export interface RevenueRange {
  min: number;
  max: number;
}

/** Plausible revenue per person employed (千元 per person per year) by GB/T 4754 section. */
export interface Plausibility {
  version: string;
  source: string;
  tables: Readonly<Record<PlausibilityTable, Readonly<Record<string, RevenueRange>>>>;
}

/** The figures a size band reads, as unitScale(industry, employees, revenue, assets) passes them. */
export const scaleMeasures = ['employees', 'revenue', 'assets'] as const;
export type ScaleMeasure = (typeof scaleMeasures)[number];

/**
 * One industry's size thresholds (统计上大中小微型企业划分办法): `large`, `medium` and `small` list
 * the lower limit of each of `measures`, in that order, in the forms' units (人; 千元). A unit
 * is of a size when it reaches EVERY lower limit of that size, else it drops a band; 微型 is
 * everything else. `industries`: GB/T 4754 divisions (2 digits) or classes (4 digits); a class
 * wins over its division; the band with no industries is the default (其他未列明行业).
 */
export interface ScaleBand {
  nameZh: string;
  nameEn: string;
  industries: readonly string[];
  measures: readonly ScaleMeasure[];
  large: readonly number[];
  medium: readonly number[];
  small: readonly number[];
}

/** The size bands unitScale() reads (shared/rules/scale.ts); shared/packs/data/scale-2017.json. */
export interface ScaleBands {
  version: string;
  source: string;
  /** The units of the thresholds, for people reading the table ('人；千元'). */
  unitsZh: string;
  bands: readonly ScaleBand[];
}

/** Tolerances and thresholds the rules use; expressions read them as `settings.<name>`. */
export interface PackSettings {
  /** Relative change of revenue against last year's annual figure that needs verifying. */
  revenueChange: number;
  employeesChange: number;
  readonly [name: string]: number | string;
}

/** One form a kind of unit fills; `when` reads the unit's primary form (611 / individual). */
export interface UnitFormEntry {
  form: string;
  when?: Condition;
}

/**
 * A value that moves when a unit comes to this pack from an earlier version: an item that left a
 * form for another (the non-enterprise 611-4 of 2023.1 became 611-6 政府会计 and 611-7 民间非营利),
 * or one whose meaning split by kind of unit (an establishment's 营业收入 became its 经营性单位收入).
 * `when` reads the unit's primary form in this pack, as unitForms conditions do. A move applies only
 * while the unit fills `toForm`; from another form only while it does not fill `fromForm` (the value
 * is not in use there); never over a value the target already has (shared/packs/migrate.ts).
 */
export interface ValueMove {
  fromForm: string;
  fromItem: string;
  toForm: string;
  toItem: string;
  when?: Condition;
}

export interface FormPackBody {
  schema: number;
  /** Stable id of the census round's forms: 'wjp5-2023'. */
  id: string;
  /** Version within the id, e.g. '2023.1', '2023.2'. Later publications are newer. */
  version: string;
  /** 'YYYY-MM-DD' of this version. */
  date: string;
  titleZh: string;
  titleEn: string;
  /** Where the forms come from (the form book, a 补充通知 …) and what is uncertain. */
  source: string;
  /** What this version changes, for the laptop's "forms updated" notice. */
  notesZh?: string;
  notesEn?: string;
  settings: PackSettings;
  forms: readonly FormSpec[];
  /** Which forms each kind of unit fills, in the order shown; the first is its primary form. */
  unitForms: Readonly<Record<UnitKind, readonly UnitFormEntry[]>>;
  codeLists: readonly CodeList[];
  rules: readonly Rule[];
  plausibility: Plausibility;
  /** Values carried over from earlier versions' items (see ValueMove). */
  moves?: readonly ValueMove[];
  /** The size bands of unitScale() in compute expressions; a pack without them cannot call it. */
  scaleBands?: ScaleBands;
}

export interface FormPack extends FormPackBody {
  /** sha256 (hex) of the canonical JSON of everything else (shared/packs/canonical.ts). */
  hash: string;
}

/** 'wjp5-2023@2023.1': what a unit records as the pack it was filled under. */
export type PackRef = string;
export const packRef = (p: Pick<FormPackBody, 'id' | 'version'>): PackRef => `${p.id}@${p.version}`;
