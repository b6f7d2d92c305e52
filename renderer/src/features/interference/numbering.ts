import type { InterferenceRow } from '@shared/interference/entry';

// The register is read in the order things happened, numbered from 1 the way the exported
// sheet and the printed page number it: main lists newest first, so the order is reversed.

export interface NumberedRow extends InterferenceRow {
  no: number;
}

export function numbered(rows: readonly InterferenceRow[]): { rows: NumberedRow[]; noOf: Map<string, number> } {
  const ordered = [...rows].reverse().map((r, i) => ({ ...r, no: i + 1 }));
  return { rows: ordered, noOf: new Map(ordered.map((r) => [r.entry.id, r.no])) };
}
