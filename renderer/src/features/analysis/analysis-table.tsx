import type { AnalysisTable, Words } from '@shared/analysis/tables';

// One of the analysis tables (shared/analysis/tables.ts) as the page shows it: the same cells
// the workbook holds. Flags colour their row's 提示 cell; the total row is bold.

export function AnalysisTableView({ table, w }: { table: AnalysisTable; w: (words: Words) => string }) {
  const noteAt = table.columns.length - 1;
  return (
    <div className="ana-table" data-testid={`ana-table-${table.key}`}>
      <table className="data-table">
        <caption>{w(table.title)}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={c.zh} scope="col" className={i === 0 || i === noteAt ? undefined : 'ana-num'}>
                {w(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.key} data-testid={`ana-row-${table.key}-${r.key}`} className={r.isTotal ? 'ana-total' : undefined}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) =>
                i === noteAt - 1 ? (
                  <td key={i} className={r.flags.length > 0 ? 'ana-note ana-note--flag' : 'ana-note'} data-flags={r.flags.join(' ')}>
                    {w(r.note)}
                  </td>
                ) : (
                  <td key={i} className="ana-num" data-value={c.text}>
                    {c.text}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
