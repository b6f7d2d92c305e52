// A plain-text table for terminals. Chinese characters take two columns in a terminal, so
// widths are counted in display columns, not in string length.

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** Rows of cells (the first is the header) as aligned columns; the last column is not padded. */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === columns - 1 ? cell : pad(cell, widths[c] ?? 0))).join('  ').trimEnd();
  const [head, ...body] = rows;
  if (!head) return '';
  const rule = widths.map((w, c) => '─'.repeat(c === columns - 1 ? Math.min(w, 40) : w)).join('  ');
  return [line(head), rule, ...body.map(line)].join('\n');
}
