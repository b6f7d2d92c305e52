import { z } from 'zod';
import { dimensions } from './columns';

// 快报衔接 over IPC: the import (preview, then write), the page's view, a gap's explanation.

export const AnnualYear = z.number().int().min(2000).max(2100);
export const Dimension = z.enum(dimensions);
export type Dimension = z.infer<typeof Dimension>;

/** 10 MB of file as base64 (the readers' own limit, shared/node/tables/read-table.ts). */
export const AnnualFile = z.strictObject({
  year: AnnualYear,
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().max(14_000_000),
});
export type AnnualFile = z.infer<typeof AnnualFile>;

export const AnnualImport = AnnualFile.extend({
  /** Confirms that the year's dataset in force is replaced (refused without it when one exists). */
  replace: z.boolean(),
});
export type AnnualImport = z.infer<typeof AnnualImport>;

export const Problem = z.object({ sheet: z.string(), rowNo: z.number().int(), column: z.string(), zh: z.string(), en: z.string() });
export type Problem = z.infer<typeof Problem>;

export const ImportRecord = z.object({
  id: z.string(),
  year: AnnualYear,
  fileName: z.string(),
  unitCount: z.number().int(),
  totalsCount: z.number().int(),
  by: z.string(),
  at: z.string(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

const PreviewUnit = z.object({
  rowNo: z.number().int(),
  uscc: z.string(),
  orgCode: z.string(),
  name: z.string(),
  profession: z.string(),
  industryCode: z.string(),
  township: z.string(),
  revenue: z.number(),
  employees: z.number(),
});

export const AnnualPreview = z.object({
  year: AnnualYear,
  fileName: z.string(),
  unitCount: z.number().int(),
  totalsCount: z.number().int(),
  /** The first rows, as they will be stored. */
  units: z.array(PreviewUnit),
  errors: z.array(Problem),
  /** Errors beyond those listed. */
  moreErrors: z.number().int(),
  warnings: z.array(Problem),
  /** The year's dataset this import would replace. */
  replaces: ImportRecord.nullable(),
  canImport: z.boolean(),
});
export type AnnualPreview = z.infer<typeof AnnualPreview>;

export const Measure = z.object({ census: z.number(), annual: z.number().nullable(), diff: z.number().nullable(), pct: z.number().nullable() });
export type Measure = z.infer<typeof Measure>;
const BeyondMeasure = Measure.extend({ isBeyond: z.boolean() });

export const GapNote = z.object({ text: z.string(), by: z.string(), at: z.string() });
export type GapNote = z.infer<typeof GapNote>;

export const GapRowView = z.object({
  dimension: Dimension,
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  units: Measure,
  revenue: Measure,
  employees: Measure,
  note: GapNote.nullable(),
});
export type GapRowView = z.infer<typeof GapRowView>;

const UnitRef = z.object({ id: z.string(), name: z.string(), areaCode: z.string(), uscc: z.string(), revenue: z.number().nullable(), employees: z.number().nullable() });
const AnnualRef = z.object({ uscc: z.string(), orgCode: z.string(), name: z.string(), township: z.string(), revenue: z.number(), employees: z.number() });

export const ReconcileView = z.object({
  year: AnnualYear,
  /** Years with a dataset on this laptop, newest first. */
  years: z.array(AnnualYear),
  dataset: ImportRecord.nullable(),
  history: z.array(ImportRecord),
  tolerances: z.object({ revenue: z.number(), employees: z.number(), pack: z.string() }),
  annualSource: z.record(Dimension, z.enum(['stated', 'summed'])),
  rows: z.array(GapRowView),
  total: z.object({ units: Measure, revenue: Measure, employees: Measure }),
  /** Matched units with a figure beyond tolerance (each a 核实性 finding on the unit). */
  beyond: z.array(z.object({ unit: UnitRef, annualName: z.string(), matchedBy: z.enum(['uscc', 'orgCode']), revenue: BeyondMeasure, employees: BeyondMeasure })),
  matchedCount: z.number().int(),
  annualOnly: z.array(AnnualRef),
  annualOnlyCount: z.number().int(),
  censusOnly: z.array(UnitRef),
  censusOnlyCount: z.number().int(),
});
export type ReconcileView = z.infer<typeof ReconcileView>;

export const GapNoteSave = z.strictObject({
  year: AnnualYear,
  dimension: Dimension,
  code: z.string().max(20),
  text: z.string().trim().max(1_000),
});
export type GapNoteSave = z.infer<typeof GapNoteSave>;

export const AnnualImportReport = z.object({ record: ImportRecord, recounted: z.number().int() });
export type AnnualImportReport = z.infer<typeof AnnualImportReport>;
