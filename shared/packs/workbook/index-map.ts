import type { SheetKey } from './layout';

// Where each part of a pack was read from: the reader fills it while reading, so a problem that
// checkPack finds in the assembled pack (its `place`, or a zod path) is reported at the sheet,
// row and column the statistician wrote. Rows are 1-based Excel rows; by index for zod paths
// (forms.2.sections.1.items.4), by id for checkPack's places (the last row wins: the duplicate).

export interface Cell {
  sheet: SheetKey;
  row: number;
  /** A column key of the sheet's layout; '' for the whole row. */
  column: string;
}

export class RowIndex {
  readonly forms: number[] = [];
  readonly sections: number[][] = [];
  readonly items: number[][][] = [];
  /** Choices rows of each item's inline options, by form, section, item index. */
  readonly options: number[][][][] = [];
  readonly lists: number[] = [];
  readonly entries: number[][] = [];
  readonly rules: number[] = [];
  readonly formById = new Map<string, number>();
  readonly sectionById = new Map<string, number>();
  readonly itemById = new Map<string, number>();
  readonly listById = new Map<string, number>();
  readonly codeById = new Map<string, number>();
  readonly ruleById = new Map<string, number>();
  readonly reasonById = new Map<string, number>();
  /** Settings sheet rows by meta field (id, version, plausibilityVersion …) or `settings.<name>`. */
  readonly settings = new Map<string, number>();
  readonly plausibility = new Map<string, number>();
  /** Size-band rows by band name (checkPack's place) and by index (zod paths scaleBands.bands.N). */
  readonly scale = new Map<string, number>();
  /** unitForms rows: the first of each kind, and each by kind and form. */
  readonly unitFormByKind = new Map<string, number>();
  readonly unitFormRows = new Map<string, number[]>();
  readonly unitFormById = new Map<string, number>();
  /** moves rows in order. */
  readonly moves: number[] = [];
}

export const key2 = (a: string, b: string): string => `${a}\u0000${b}`;
