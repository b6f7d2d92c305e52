// A spreadsheet read into a header and rows of cell text: what shared/node/tables/read-table.ts
// makes of a CSV or XLSX file and what the frame and directory imports check row by row.

export interface TableRow {
  /** 1-based row number as a spreadsheet shows it (the header is row 1 when it is first). */
  rowNo: number;
  cells: string[];
  /** Column indexes whose XLSX cell held a number too long to be exact (an 18-digit USCC typed
   * as a number keeps only 15–17 significant digits): the text shown is not what was typed. */
  lossy: number[];
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}
